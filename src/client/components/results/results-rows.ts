/** One row of a result table: a tally key and its label. */
export interface ResultKey {
  key: string
  label: string
  /** The language the label is shown in (a translation, or Dutch when absent). */
  lang?: string
}

export interface ResultRow {
  key: string
  label: string
  lang?: string
  count: number
  /** Share of the devices that answered this question, 0..100. */
  percent: number
  /** How many devices answered this question: the base of `percent`, always shown with it. */
  base: number
}

/**
 * Turns one question's counts into rows in the order of `keys` (the question's own order),
 * with zero rows for choices nobody made, so the chart and the table always show every choice.
 */
export function resultRows(keys: readonly ResultKey[], result: { answered: number; counts?: readonly { key: string; count: number }[] | undefined }): ResultRow[] {
  const counts = new Map((result.counts ?? []).map((c) => [c.key, c.count]))
  return keys.map(({ key, label, lang }) => {
    const count = counts.get(key) ?? 0
    return { key, label, ...(lang ? { lang } : {}), count, percent: result.answered > 0 ? (count / result.answered) * 100 : 0, base: result.answered }
  })
}
