import { describe, expect, it } from 'vitest'
import { QUESTION_TYPES } from '../../../../src/shared/question-types/base'
import { AnswerValueSchema, newQuestionOfType, QUESTION_TYPE_MODULES, QuestionResultSchema, QuestionSchema, type QuestionTypeModuleTable } from '../../../../src/shared/question-types/registry'
import { questionListProblems } from '../../../../src/shared/schemas/item-draft'

describe('the question type registry', () => {
  it('has a module for every type, each under its own name', () => {
    expect(Object.keys(QUESTION_TYPE_MODULES).sort()).toEqual([...QUESTION_TYPES].sort())
    for (const type of QUESTION_TYPES) expect(QUESTION_TYPE_MODULES[type].type).toBe(type)
  })

  it('is checked by the compiler: a type without its module, or a module under another type, does not typecheck', () => {
    const { matrix: _matrix, ...withoutMatrix } = QUESTION_TYPE_MODULES
    // @ts-expect-error matrix is in QUESTION_TYPES, so the table needs its module
    const incomplete: QuestionTypeModuleTable = withoutMatrix
    // @ts-expect-error the ranking module cannot stand in for matrix
    const swapped: QuestionTypeModuleTable = { ...QUESTION_TYPE_MODULES, matrix: QUESTION_TYPE_MODULES.ranking }
    expect(Object.keys(incomplete)).not.toContain('matrix')
    expect(swapped.matrix.type).toBe('ranking')
  })

  it('makes a new question of every type that the Question schema takes once labels are filled in', () => {
    for (const type of QUESTION_TYPES) {
      const q = newQuestionOfType(type, { id: 'q1', label: 'Vraag', required: false })
      const labelled = JSON.parse(JSON.stringify(q).replace(/"label":""/g, '"label":"x"'))
      expect(QuestionSchema.parse(labelled)).toEqual(labelled)
      expect(questionListProblems([labelled])).toEqual([])
    }
  })

  it('keeps the options when a choice question becomes a ranking', () => {
    const single = QuestionSchema.parse({ id: 'q1', type: 'single', label: 'Vraag', required: false, options: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }, { id: 'c', label: 'C' }] })
    expect(newQuestionOfType('ranking', single, single)).toMatchObject({ type: 'ranking', options: single.type === 'single' ? single.options : [] })
  })

  it('refuses a question of an unknown type and drops the fields of other types', () => {
    expect(QuestionSchema.safeParse({ id: 'q1', type: 'slider', label: 'Vraag', required: false }).success).toBe(false)
    expect(QuestionSchema.parse({ id: 'q1', type: 'text', label: 'Vraag', required: false, options: [] })).toEqual({ id: 'q1', type: 'text', label: 'Vraag', required: false })
  })

  it('takes every answer shape of every type over the wire, and nothing else', () => {
    for (const value of ['ja', ['a', 'b'], 3, { r1: 4 }]) expect(AnswerValueSchema.safeParse(value).success).toBe(true)
    for (const value of [true, null, { r1: 'x' }, [1]]) expect(AnswerValueSchema.safeParse(value).success).toBe(false)
  })

  it('parses a result by the type it names', () => {
    expect(QuestionResultSchema.safeParse({ questionId: 'q', type: 'text', answered: 1 }).success).toBe(true)
    expect(QuestionResultSchema.safeParse({ questionId: 'q', type: 'matrix', answered: 1 }).success).toBe(false)
  })
})
