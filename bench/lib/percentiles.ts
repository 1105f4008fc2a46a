import { round } from './common'

export interface Percentiles {
  count: number
  p50: number
  p95: number
  max: number
}

/** Nearest-rank p50 and p95 and the maximum of a list of durations (ms), to 0.1 ms. */
export function percentiles(samples: readonly number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0
  return { count: sorted.length, p50: round(rank(50)), p95: round(rank(95)), max: round(sorted.at(-1) ?? 0) }
}

/** The middle value of a list (the lower of the two middle ones for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted.length === 0 ? NaN : sorted[Math.floor((sorted.length - 1) / 2)]!
}
