import { z } from 'zod'
import { CountSchema, LocalIdSchema, OptionListSchema, pickedOptionsProblem, pickedOptionsProblems, questionSchema, removedChosen, resultSchema, WireIdList, type Option, type QuestionTypeModule, type Tally } from './base'
import { twoBlankOptions } from './single'

/**
 * Put options in order of preference, most preferred first. Residents rank at most `max` of
 * them (all options when unset); ranking fewer is fine.
 */
export const RankingQuestionSchema = questionSchema('ranking', { options: OptionListSchema, max: z.number().int().optional() }).meta({ id: 'RankingQuestion' })
export type RankingQuestion = z.infer<typeof RankingQuestionSchema>

export const RankingResultSchema = resultSchema('ranking', {
  /** Per option: how many devices ranked it at all. */
  counts: z.array(CountSchema),
  /** Per option, in the question's order. */
  ranking: z.array(
    z.object({
      key: LocalIdSchema,
      /** How many devices put it at rank 1, 2, ... (index 0 is rank 1), up to the number of places. */
      byRank: z.array(z.number().int().nonnegative()),
      /** Its mean rank among the devices that ranked it (1 is best), when any did. */
      meanRank: z.number().optional(),
      /** Borda points: a first place earns as many points as there are places, the last place 1. */
      points: z.number().int().nonnegative(),
    }),
  ),
}).meta({ id: 'RankingResult' })
export type RankingResult = z.infer<typeof RankingResultSchema>

/** Distinct option ids, most preferred first. */
const RankingAnswerSchema = z.array(z.string()).refine((ids) => new Set(ids).size === ids.length, { message: 'options must be distinct' })

/** How many places there are to fill: `max`, or every option. */
export function rankingPlaces(q: RankingQuestion): number {
  return Math.min(q.max ?? q.options.length, q.options.length)
}

/** The tally key of "option at rank" (rank 1 is first). Ids cannot hold ':'. */
export function rankKey(optionId: string, rank: number): string {
  return `${optionId}:${rank}`
}

function rankedCounts(tally: Tally, option: Option, places: number): number[] {
  return Array.from({ length: places }, (_, i) => tally.get(rankKey(option.id, i + 1)) ?? 0)
}

/** Whether a kept option was given a rank beyond the number of places (after a lower `max`). */
function ranksBeyond(tally: Tally, after: RankingQuestion): boolean {
  const places = rankingPlaces(after)
  const kept = new Set(after.options.map((o) => o.id))
  for (const [key, n] of tally) {
    const at = key.lastIndexOf(':')
    if (at > 0 && n > 0 && kept.has(key.slice(0, at)) && Number(key.slice(at + 1)) > places) return true
  }
  return false
}

export const rankingType = {
  type: 'ranking',
  schema: RankingQuestionSchema,
  answerSchema: RankingAnswerSchema,
  wireSchema: WireIdList,
  resultSchema: RankingResultSchema,
  create: (basics, previous) => ({ ...basics, type: 'ranking', options: previous?.options?.length ? previous.options : twoBlankOptions() }),
  problems: (q) => pickedOptionsProblems(q),
  answerProblem: (q, value) => pickedOptionsProblem(q.options, value, rankingPlaces(q)),
  conditionOptions: (q) => q.options,
  chosenOptions: (_q, value) => value,
  tallyKeys: (_q, value) => value.map((id, i) => rankKey(id, i + 1)),
  result: (q, tally) => {
    const places = rankingPlaces(q)
    const ranking = q.options.map((o) => {
      const byRank = rankedCounts(tally, o, places)
      const ranked = byRank.reduce((sum, n) => sum + n, 0)
      const rankSum = byRank.reduce((sum, n, i) => sum + n * (i + 1), 0)
      const points = byRank.reduce((sum, n, i) => sum + n * (places - i), 0)
      return { key: o.id, byRank, points, ...(ranked > 0 ? { meanRank: rankSum / ranked } : {}) }
    })
    const counts = ranking.map((r) => ({ key: r.key, count: r.byRank.reduce((sum, n) => sum + n, 0) }))
    return { questionId: q.id, type: 'ranking', answered: tally.get('') ?? 0, counts, ranking }
  },
  breakdownKeys: (q) => q.options.flatMap((o) => Array.from({ length: rankingPlaces(q) }, (_, i) => rankKey(o.id, i + 1))),
  freeText: false,
  breakingChanges: (before, after, tally) => {
    const rankedOption = (id: string) => [...tally].some(([key, n]) => n > 0 && key.startsWith(`${id}:`))
    const problems = removedChosen(before.id, before.options, after.options, rankedOption, 'option')
    if (ranksBeyond(tally, after)) problems.push(`question ${before.id} has answers that rank more options than the new maximum`)
    return problems
  },
  /** One column per option with the rank it got (empty when not ranked), so a spreadsheet can average it. */
  exportColumns: (q) =>
    q.options.map((o) => ({
      header: `${q.label}: ${o.label}`,
      cell: (value) => {
        const at = (value ?? []).indexOf(o.id)
        return at < 0 ? '' : String(at + 1)
      },
    })),
} satisfies QuestionTypeModule<RankingQuestion, string[], RankingResult>
