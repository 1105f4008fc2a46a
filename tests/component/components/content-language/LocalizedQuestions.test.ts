import 'fake-indexeddb/auto'
import { mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { defineComponent, h, shallowRef } from 'vue'
import AnswerForm from '../../../../src/client/components/answer/AnswerForm.vue'
import ResultsChart from '../../../../src/client/components/results/ResultsChart.vue'
import { provideItemTexts } from '../../../../src/client/content-language/item-texts'
import { localizeItem, type LocalizedItem } from '../../../../src/shared/rules/item-language'
import type { Item } from '../../../../src/shared/schemas/item'
import { anItem, matrixQuestion, multipleQuestion, rankingQuestion, resetLocale, scaleQuestion, singleQuestion, textQuestion } from '../../fixtures'

/**
 * Every question type shows its label, options, statements and end labels in the resident's
 * language where translated, and each text that has no translation in Dutch, each with its own
 * `lang` and `dir`.
 */
const questions = [singleQuestion, multipleQuestion, scaleQuestion, textQuestion, rankingQuestion, matrixQuestion]
const item: Item = anItem({
  questions,
  translations: {
    ar: {
      questions: {
        q1: { label: 'هل هذا مهم؟', options: { ja: 'نعم' } },
        q2: { label: 'أي الأماكن مهمة؟', options: { fiets: 'طرق الدراجات', hang: 'أماكن التجمع', sport: 'ملعب' } },
        q3: { label: 'ما مدى رضاك؟', minLabel: 'لا على الإطلاق' },
        q4: { label: 'هل تريد أن تقول شيئًا آخر؟' },
        q5: { label: 'ما الأهم بالنسبة لك؟', options: { opvang: 'رعاية الأطفال' } },
        q6: { label: 'ما رأيك في حيّك؟', rows: { veilig: 'أشعر بالأمان.' }, maxLabel: 'أوافق تمامًا' },
      },
    },
  },
})

function mountWithTexts(lang: string, render: () => ReturnType<typeof h>) {
  const texts = shallowRef<LocalizedItem | undefined>(localizeItem(item, lang))
  const Host = defineComponent({
    setup() {
      provideItemTexts(texts)
      return render
    },
  })
  return mount(Host, { attachTo: document.body })
}
const mountForm = (lang: string) => mountWithTexts(lang, () => h(AnswerForm, { questions, send: () => Promise.resolve() }))

/** [text, lang, dir] of each element matching `selector` inside `root`. */
function marks(root: ReturnType<typeof mountForm>, selector: string) {
  return root.findAll(selector).map((e) => [e.text(), e.attributes('lang'), e.attributes('dir')])
}

beforeEach(() => resetLocale())
afterEach(() => {
  document.body.innerHTML = ''
})

describe('question texts in the resident\'s language', () => {
  it('labels every question type in Arabic where translated, right to left', () => {
    const form = mountForm('ar')
    const legends = form.findAll('#q-q1 > legend > span[lang], #q-q2 > legend > span[lang], #q-q3 > legend > span[lang], #q-q5 > legend > span[lang], #q-q6 > legend > span[lang]')
    expect(legends.map((l) => [l.attributes('lang'), l.attributes('dir')])).toEqual(Array(5).fill(['ar', 'rtl']))
    for (const id of ['q1', 'q2', 'q3', 'q5', 'q6']) expect(form.find(`#q-${id}`).attributes('dir')).toBe('rtl')
    expect(marks(form, '#q-q4 label span[lang]')).toEqual([['هل تريد أن تقول شيئًا آخر؟', 'ar', 'rtl']])
    // The resident may answer in any script: the text box finds its direction from what is typed.
    expect(form.find('#q-q4-input').attributes('dir')).toBe('auto')
  })

  it('falls back to Dutch text by text: an untranslated option, end label, ranking option and statement keep lang="nl"', () => {
    const form = mountForm('ar')
    expect(marks(form, '#q-q1 .mp-choice__text > span')).toEqual([['نعم', 'ar', 'rtl'], ['Nee', 'nl', 'ltr']])
    expect(marks(form, '#q-q2 .mp-choice__text > span').map((m) => m[1])).toEqual(['ar', 'ar', 'ar'])
    expect(marks(form, '#q-q3 .mp-scale__ends span')).toEqual([['لا على الإطلاق', 'ar', 'rtl'], ['Heel erg', 'nl', 'ltr']])
    const ranking = marks(form, '#q-q5 .mp-ranking__add span[lang]')
    expect(ranking[0]).toEqual(['رعاية الأطفال', 'ar', 'rtl'])
    expect(ranking.slice(1).every((m) => m[1] === 'nl' && m[2] === 'ltr')).toBe(true)
    expect(form.find('#q-q5-opvang-add').attributes('aria-label')).toContain('رعاية الأطفال')
    expect(marks(form, '#q-q6 .mp-matrix__statement')).toEqual([
      ['أشعر بالأمان.', 'ar', 'rtl'],
      ['De straat is schoon.', 'nl', 'ltr'],
      ['Ik ken mijn buren.', 'nl', 'ltr'],
    ])
    expect(marks(form, '#q-q6-veilig .mp-scale__ends span')).toEqual([['Helemaal oneens', 'nl', 'ltr'], ['أوافق تمامًا', 'ar', 'rtl']])
    // What a screen reader hears on each point names the end labels as shown.
    expect(form.findAll('#q-q3 .mp-scale__point .mp-visually-hidden').map((e) => e.text())).toEqual(['1, لا على الإطلاق', '2', '3', '4', '5, Heel erg'])
    expect(form.findAll('#q-q6-veilig .mp-scale__point .mp-visually-hidden').map((e) => e.text())).toEqual(['1, Helemaal oneens', '2', '3', '4', '5, أوافق تمامًا'])
  })

  it('names a question in the error summary in the language it is shown in', async () => {
    const form = mountForm('ar')
    await form.find('form').trigger('submit')
    const names = marks(form, '.mp-summary__list a > span')
    expect(names).toContainEqual(['هل هذا مهم؟', 'ar', 'rtl'])
    expect(names).toContainEqual(['ما رأيك في حيّك؟', 'ar', 'rtl'])
  })

  it('shows the Dutch item, marked Dutch, when the resident reads Dutch', () => {
    const form = mountForm('nl')
    const langs = form.findAll('form [lang]').map((e) => e.attributes('lang'))
    expect(langs.length).toBeGreaterThan(10)
    expect(new Set(langs)).toEqual(new Set(['nl']))
    expect(form.findAll('fieldset[dir="rtl"]')).toHaveLength(0)
  })

  it('names the options in the results in the language the form showed them in', () => {
    const result = { questionId: 'q1', type: 'single' as const, answered: 8, counts: [{ key: 'ja', count: 6 }, { key: 'nee', count: 2 }] }
    const chart = mountWithTexts('ar', () => h(ResultsChart, { question: singleQuestion, result }))
    expect(chart.findAll('th[scope="row"]').map((th) => [th.text(), th.attributes('lang'), th.attributes('dir')])).toEqual([
      ['نعم', 'ar', 'rtl'],
      ['Nee', 'nl', 'ltr'],
    ])
    expect(chart.findAll('text.mp-chart__label').map((t) => t.attributes('lang'))).toEqual(['ar', 'nl'])
  })

  it('names the end points of a scale and of a matrix in the results as the form showed them', () => {
    const scale = { questionId: 'q3', type: 'scale' as const, answered: 4, counts: [{ key: '4', count: 3 }, { key: '5', count: 1 }], mean: 4.25 }
    const scaleChart = mountWithTexts('ar', () => h(ResultsChart, { question: scaleQuestion, result: scale }))
    const scaleRows = scaleChart.findAll('tbody th[scope="row"]').map((th) => th.text())
    expect([scaleRows[0], scaleRows[4]]).toEqual(['1 (لا على الإطلاق)', '5 (Heel erg)'])
    scaleChart.unmount()

    const row = (key: string) => ({ key, answered: 2, counts: [{ key: '5', count: 2 }], mean: 5 })
    const matrix = { questionId: 'q6', type: 'matrix' as const, answered: 2, rows: [row('veilig'), row('schoon')] }
    const matrixChart = mountWithTexts('ar', () => h(ResultsChart, { question: matrixQuestion, result: matrix }))
    for (const table of matrixChart.findAll('.mp-results__statement table')) {
      const points = table.findAll('tbody th[scope="row"]').map((th) => th.text())
      expect([points[0], points[4]]).toEqual(['1 (Helemaal oneens)', '5 (أوافق تمامًا)'])
    }
    expect(matrixChart.findAll('.mp-results__statement table')).toHaveLength(2)
  })
})
