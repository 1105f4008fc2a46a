import type { Recommendation } from '../../shared/schemas/feedback'

/** One recommendation of a table's advice with the municipality's response, as edited. */
export interface RecommendationRow {
  key: string
  recommendation: string
  outcome: Recommendation['outcome']
  reason: string
}

export function emptyRecommendationRow(): RecommendationRow {
  return { key: crypto.randomUUID(), recommendation: '', outcome: 'adopted', reason: '' }
}

export function rowsFrom(recommendations: readonly Recommendation[] | undefined): RecommendationRow[] {
  return (recommendations ?? []).map((r) => ({ key: crypto.randomUUID(), recommendation: r.recommendation, outcome: r.outcome, reason: r.reason ?? '' }))
}

/** The rows as the request sends them: a reason only where it belongs (not adopted or partly). */
export function recommendationsFrom(rows: readonly RecommendationRow[]): Recommendation[] {
  return rows.map((r) => ({
    recommendation: r.recommendation.trim(),
    outcome: r.outcome,
    ...(r.outcome !== 'adopted' && r.reason.trim() !== '' ? { reason: r.reason.trim() } : {}),
  }))
}

/** The element id of a row's field, so an error summary can move focus there. */
export const rowFieldId = (idBase: string, row: RecommendationRow, field: 'recommendation' | 'reason') => `${idBase}-rec-${row.key}-${field}`
