import { z } from 'zod'
import { safeString } from '../schemas/safe-text'
import type { Count } from './base'

/**
 * The one place that says what a scale is when an official sets no bounds: 1 to 5. Scale and
 * matrix questions (a scale per row) both read their bounds through {@link scaleBounds}.
 */
export const DEFAULT_SCALE = { min: 1, max: 5 } as const

/** At most this many steps from `min` to `max` (0..10 is eleven steps). */
export const MAX_SCALE_SPAN = 10

/** The scale fields of scale and matrix questions. */
export const scaleFields = {
  min: z.number().int().optional(),
  max: z.number().int().optional(),
  /** Names the low end, e.g. "helemaal niet". */
  minLabel: safeString().max(80).optional(),
  /** Names the high end, e.g. "helemaal wel". */
  maxLabel: safeString().max(80).optional(),
}

export interface ScaleBounds {
  min: number
  max: number
}

export function scaleBounds(q: { min?: number | undefined; max?: number | undefined }): ScaleBounds {
  return { min: q.min ?? DEFAULT_SCALE.min, max: q.max ?? DEFAULT_SCALE.max }
}

/** Every value of the scale, low to high. */
export function scaleValues(q: { min?: number | undefined; max?: number | undefined }): number[] {
  const { min, max } = scaleBounds(q)
  return Array.from({ length: Math.max(0, max - min + 1) }, (_, i) => min + i)
}

export function scaleProblems(questionId: string, q: { min?: number | undefined; max?: number | undefined }): string[] {
  const { min, max } = scaleBounds(q)
  return min >= max || max - min > MAX_SCALE_SPAN ? [`question ${questionId}: scale needs min < max and at most 11 steps`] : []
}

export function isOnScale(q: { min?: number | undefined; max?: number | undefined }, value: number): boolean {
  const { min, max } = scaleBounds(q)
  return value >= min && value <= max
}

/** Counts per scale value (read with `countOf(value)`) and the mean, when anyone answered. */
export function scaleDistribution(q: { min?: number | undefined; max?: number | undefined }, countOf: (value: number) => number): { counts: Count[]; mean?: number } {
  const counts = scaleValues(q).map((v) => ({ key: String(v), count: countOf(v) }))
  const total = counts.reduce((sum, c) => sum + c.count, 0)
  const weighted = counts.reduce((sum, c) => sum + Number(c.key) * c.count, 0)
  return total > 0 ? { counts, mean: weighted / total } : { counts }
}

/**
 * The end label a point of a scale carries, if any: the lowest point says `minLabel`, the
 * highest `maxLabel`. Scale and matrix read it out as part of the point's accessible name.
 */
export function endLabelsAt(q: { min?: number | undefined; max?: number | undefined; minLabel?: string | undefined; maxLabel?: string | undefined }, value: number): string[] {
  const { min, max } = scaleBounds(q)
  return [...(value === min && q.minLabel ? [q.minLabel] : []), ...(value === max && q.maxLabel ? [q.maxLabel] : [])]
}
