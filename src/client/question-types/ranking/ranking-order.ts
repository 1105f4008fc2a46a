import { rankingPlaces } from '../../../shared/question-types/ranking'
import type { QuestionOf } from '../../../shared/question-types/registry'
import type { AnswerValue } from '../../../shared/schemas/question'

/** How many options a resident may rank: `max`, or all of them when unset. */
export function rankingLimit(question: QuestionOf<'ranking'>): number {
  return rankingPlaces(question)
}

/** The ranked option ids of an answer, best first; anything that is not a known option is dropped. */
export function rankedIds(question: QuestionOf<'ranking'>, value: AnswerValue | undefined): string[] {
  if (!Array.isArray(value)) return []
  const known = new Set(question.options.map((o) => o.id))
  return value.filter((id, index) => known.has(id) && value.indexOf(id) === index)
}

/** A copy of `order` with the entry at `from` placed at `to` (clamped to the list). */
export function moveTo(order: readonly string[], from: number, to: number): string[] {
  const target = Math.min(order.length - 1, Math.max(0, to))
  const copy = [...order]
  const [entry] = copy.splice(from, 1)
  if (entry !== undefined) copy.splice(target, 0, entry)
  return copy
}

/**
 * Where a dragged row lands: after every other row whose vertical middle the pointer has
 * passed, so a row moves as soon as the pointer crosses half of its neighbour.
 */
export function dropIndex(pointerY: number, rows: readonly { top: number; bottom: number }[], from: number): number {
  return rows.filter((row, i) => i !== from && pointerY > (row.top + row.bottom) / 2).length
}
