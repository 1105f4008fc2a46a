import { describe, expect, it } from 'vitest'
import { ItemDraftSchema } from '../../../../src/shared/schemas/item-draft'
import type { Question } from '../../../../src/shared/schemas/question'
import { translationTargetProblems, withoutStaleTargets } from '../../../../src/shared/validation/translation-targets'

const questions: Question[] = [
  { id: 'q1', type: 'single', label: 'Vind je het belangrijk?', required: true, options: [{ id: 'ja', label: 'Ja' }, { id: 'nee', label: 'Nee' }] },
  { id: 'q2', type: 'matrix', label: 'Hoe vind je deze plekken?', required: false, rows: [{ id: 'park', label: 'Park' }, { id: 'plein', label: 'Plein' }], min: 1, max: 5 } as Question,
]
const scale: Question = { id: 'q3', type: 'scale', label: 'Hoe tevreden ben je?', required: false, min: 1, max: 5, minLabel: 'Niet' }

describe('translation targets', () => {
  it('accepts translations of questions, options and rows the Dutch item has', () => {
    expect(translationTargetProblems(questions, { ar: { questions: { q1: { label: 'سؤال', options: { ja: 'نعم' } }, q2: { rows: { park: 'حديقة' } } } } })).toEqual([])
  })

  it('names the path of a question, option or row the Dutch item does not have', () => {
    const problems = translationTargetProblems(questions, {
      ar: { questions: { q9: { label: 'سؤال' }, q1: { options: { misschien: 'ربما' } }, q2: { rows: { strand: 'شاطئ' } } } },
    })
    expect(problems.map((p) => p.path.join('.'))).toEqual(['translations.ar.questions.q9', 'translations.ar.questions.q1.options.misschien', 'translations.ar.questions.q2.rows.strand'])
  })

  it('names the path of an end label the Dutch question does not have, and accepts the end it has', () => {
    const problems = translationTargetProblems([...questions, scale], {
      en: { questions: { q3: { minLabel: 'Not', maxLabel: 'Very' }, q2: { minLabel: 'Bad' }, q1: { maxLabel: 'Yes!' } } },
    })
    expect(problems.map((p) => p.path.join('.'))).toEqual(['translations.en.questions.q3.maxLabel', 'translations.en.questions.q2.minLabel', 'translations.en.questions.q1.maxLabel'])
    expect(problems[0]!.message).toBe('question q3 has no maxLabel in Dutch')
    expect(translationTargetProblems([scale], { en: { questions: { q3: { minLabel: 'Not' } } } })).toEqual([])
  })

  it('makes the item draft schema refuse such a translation at its path', () => {
    const draft = {
      kind: 'poll', title: 'Wil je meepraten?', summary: 'Een korte peiling.', theme: 'opgroeien', ladder: 'raadplegen', phase: 'agenda',
      opensAt: '2026-06-01T12:00:00.000Z', closesAt: '2026-06-10T12:00:00.000Z', feedbackDueAt: '2026-07-10T12:00:00.000Z', resultsVisibility: 'direct',
      questions: [questions[0]], translations: { tr: { questions: { q2: { label: 'Soru' } } } },
    }
    const parsed = ItemDraftSchema.safeParse(draft)
    expect(parsed.success).toBe(false)
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual(['translations.tr.questions.q2'])
  })

  it('drops the translations of deleted questions, options and rows and keeps the rest', () => {
    const kept = withoutStaleTargets([questions[0]!], {
      ar: { title: 'عنوان', questions: { q1: { label: 'سؤال', options: { ja: 'نعم', weg: 'x' } }, q2: { label: 'محذوف' } } },
      en: { title: 'Title' },
    })
    expect(kept).toEqual({ ar: { title: 'عنوان', questions: { q1: { label: 'سؤال', options: { ja: 'نعم' } } } }, en: { title: 'Title' } })
  })

  it('drops the translated end labels the Dutch question no longer has and keeps the one it has', () => {
    const kept = withoutStaleTargets([scale], { en: { questions: { q3: { label: 'How satisfied are you?', minLabel: 'Not', maxLabel: 'Very' } } } })
    expect(kept).toEqual({ en: { questions: { q3: { label: 'How satisfied are you?', minLabel: 'Not' } } } })
  })
})
