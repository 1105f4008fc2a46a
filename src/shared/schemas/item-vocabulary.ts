/*
 * The fixed words of an item (kinds, ladder steps, phases, statuses), apart from the item's
 * schemas: pages that only name them (the promise line, the list's filter) do not build those.
 */

export const ITEM_KINDS = ['poll', 'question', 'table'] as const
export type ItemKind = (typeof ITEM_KINDS)[number]

/** Participatieladder: how much influence input has, from least to most. */
export const LADDER_STEPS = ['informeren', 'raadplegen', 'adviseren', 'coproduceren', 'meebeslissen'] as const
export type LadderStep = (typeof LADDER_STEPS)[number]

/** Beleidsfase: where the policy stands. */
export const PHASES = ['agenda', 'beleidsvorming', 'besluitvorming', 'uitvoering', 'evaluatie'] as const
export type Phase = (typeof PHASES)[number]

export const ITEM_STATUSES = ['open', 'closed'] as const
export type ItemStatus = (typeof ITEM_STATUSES)[number]

/** When residents may see the results: right after answering, after closing, or never. */
export const RESULTS_VISIBILITY = ['direct', 'after_close', 'never'] as const
export type ResultsVisibility = (typeof RESULTS_VISIBILITY)[number]
