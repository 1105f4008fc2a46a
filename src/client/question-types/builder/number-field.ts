import type { Question } from '../../../shared/question-types/registry'

/** '' clears the field; anything else is read as a whole number. */
export function toInt(value: string): number | undefined {
  const n = Number.parseInt(value, 10)
  return value.trim() === '' || Number.isNaN(n) ? undefined : n
}

/** The field's text for an optional number: empty when unset. */
export function intText(value: number | undefined): string {
  return value === undefined ? '' : String(value)
}

const OPTIONAL_SETTINGS = ['max', 'min', 'minLabel', 'maxLabel', 'smileys'] as const

/**
 * The question with `changes`, kept clean: an emptied optional field is left out, not sent as
 * undefined or ''.
 */
export function patchQuestion<Q extends Question>(question: Q, changes: Partial<Q>): Q {
  const next: Record<string, unknown> = { ...question, ...changes }
  for (const key of OPTIONAL_SETTINGS) {
    if (next[key] === undefined || next[key] === '') delete next[key]
  }
  return next as Q
}
