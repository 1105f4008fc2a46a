import type { MessageKey } from '../message-keys'
import type { Component } from 'vue'
import type { QuestionOf } from '../../shared/question-types/registry'
import type { QuestionType } from '../../shared/schemas/question'
import type { AnswerProblem } from '../../shared/validation/answers'
import type { Params } from '../i18n'

/**
 * What the residents' app needs to know about one question type, beyond the shared module
 * (schema, validation, tally) in `src/shared/question-types`. Each type lives in its own
 * folder; `resident-registry.ts` lists them all, keyed by type, so a type that is added to the
 * shared list but not here fails the typecheck instead of showing nothing.
 */
export interface ResidentQuestionType<T extends QuestionType = QuestionType> {
  /** The input: props `question`, `modelValue`, `error`; emits `update:modelValue`. */
  answer: Component
  /** The result view: props `question` and `result` (this type's `QuestionResult`). */
  result: Component
  /** The numbers a validation message of this type needs ("at most {max}"). */
  problemParams(question: QuestionOf<T>): Params
  /** Message keys for problems this type words its own way (instead of `problem.<code>`). */
  problemMessages?: Partial<Record<AnswerProblem, MessageKey>>
  /** Fetches the answer and result views ahead of their first render, when they are lazy. */
  preload?(): Promise<void>
}

/** The label of an option (or matrix row) id; the id itself when it is gone. */
export function entryLabel(entries: readonly { id: string; label: string }[], id: string): string {
  return entries.find((e) => e.id === id)?.label ?? id
}
