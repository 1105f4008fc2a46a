import { createHash } from 'node:crypto'
import { eq, sql } from 'drizzle-orm'
import type { InputChannel } from '../../shared/schemas/agenda-setting'
import type { Answers, Question } from '../../shared/schemas/question'
import type { Submission, SubmissionResult } from '../../shared/schemas/submission'
import { compactAnswers, findAnswerIssues } from '../../shared/validation/answers'
import { acceptsAnswerAt } from '../../shared/validation/item-status'
import type { DeviceKeys } from '../auth/device-keys'
import type { Db } from '../db/client'
import { pgTextArray, rawSqlOf, type RawQueryable, type RawSql } from '../db/raw-sql'
import { submissionReceipts } from '../db/schema'
import {
  claimAndInsertNewAnswers,
  readBeforeIngest,
  readCurrentAnswers,
  writeAnswersAndTallies,
  type CurrentAnswerRow,
  type NewAnswerKey,
  type StoredAnswer,
} from '../ingest/ingest-statements'
import { answerDeltas, type AnswerChange } from './answer-tallies'
import { brokenDownValues, summedBreakdownDeltas, type BreakdownProfile } from './breakdown-counts'
import { countKeys, RESPONDENTS_KEY, summedDeltas, TALLY_SHARDS } from './result-counts'

/**
 * One submission as ingest takes it: what a device posts, or what an official enters on a
 * resident's behalf, with how it reached us (`app` unless said) and the partner that collected it.
 */
export type IngestSubmission = Submission & { channel?: InputChannel; partnerId?: string | null }


interface ItemWindow {
  id: string
  kind: 'poll' | 'question' | 'table'
  opensAt: Date
  closesAt: Date
  questions: Question[]
  region: string | null
}

interface Accepted {
  submission: IngestSubmission
  deviceKey: string
  /** The device's time capped at the server's: what results, exports and the grace period use. */
  answeredAt: Date
  /** The device's time as sent: breaks ties between answers capped to the same time. */
  deviceAnsweredAt: Date
  /** Place in the (merged) batch: breaks ties the device's times leave. */
  position: number
  answers: Answers
  questions: Question[]
  /** For a regional item: the member municipality the resident is in, when they said so. */
  municipality: string | null
}

/**
 * The device's own order of two answers to one item: the capped time first (so a clock running
 * ahead cannot make an answer win over one the server received later), then the time the device
 * gave, then which came later in the batch. Positive when `a` is the device's later answer.
 */
function compareDeviceOrder(a: Accepted, b: Accepted): number {
  return a.answeredAt.getTime() - b.answeredAt.getTime() || a.deviceAnsweredAt.getTime() - b.deviceAnsweredAt.getTime() || a.position - b.position
}

/** Why a submission is rejected (with the answers that do not fit), or null to accept it. */
function judge(item: ItemWindow | undefined, s: Submission, answeredAt: Date, receivedAt: Date): Omit<SubmissionResult, 'id' | 'status'> | null {
  if (!item) return { reason: 'item_unknown' }
  if (item.kind === 'table') return { reason: 'not_answerable' }
  const timing = acceptsAnswerAt(item, answeredAt, receivedAt)
  if (timing !== 'ok') return { reason: timing }
  const issues = findAnswerIssues(item.questions, s.answers)
  return issues.length > 0 ? { reason: 'invalid_answers', issues } : null
}

/** 64-bit advisory lock key per item and device, so concurrent writers of one device take turns. */
function lockKey(itemId: string, deviceKey: string): string {
  return createHash('sha256').update(`${itemId}:${deviceKey}`).digest().readBigInt64BE(0).toString()
}

/**
 * Stores a batch exactly once per submission id. Known ids answer `duplicate` before anything
 * else is checked, so a retry of a stored answer never turns into a rejection. New ids are
 * claimed with `ON CONFLICT DO NOTHING` on the primary key: of any number of concurrent
 * requests, in any process, exactly one claims each id. The newest answer per device and item
 * becomes the current one, and the result and breakdown tallies move with it in the same
 * transaction, on tally `shard` (group commit gives each of its concurrent transactions its
 * own; anything else may leave it to chance).
 */
export async function ingestSubmissions(
  db: Db,
  batch: IngestSubmission[],
  receivedAt: Date,
  keys: DeviceKeys,
  shard = Math.floor(Math.random() * TALLY_SHARDS),
): Promise<SubmissionResult[]> {
  const raw = rawSqlOf(db)
  const results = new Map<string, SubmissionResult>()
  const itemIds = [...new Set(batch.map((s) => s.itemId))]
  // Known receipts, the items and their regions' members: one round trip.
  const read = await readBeforeIngest(raw, [...new Set(batch.map((s) => s.id))], itemIds, receivedAt)
  for (const id of read.known) results.set(id, { id, status: 'duplicate' })
  const itemById = new Map<string, ItemWindow>(
    read.items.map((i) => [i.id, { id: i.id, kind: i.kind, opensAt: new Date(i.opensAt), closesAt: new Date(i.closesAt), questions: i.questions, region: i.region }]),
  )
  const memberOf = new Set(read.members)

  const candidates: Accepted[] = []
  for (const [position, s] of batch.entries()) {
    if (results.has(s.id)) continue
    // A device clock ahead of the server's must not make an answer win over later ones.
    const deviceAnsweredAt = new Date(s.answeredAt)
    const answeredAt = new Date(Math.min(deviceAnsweredAt.getTime(), receivedAt.getTime()))
    const rejection = judge(itemById.get(s.itemId), s, answeredAt, receivedAt)
    if (rejection) {
      results.set(s.id, { id: s.id, status: 'rejected', ...rejection })
      continue
    }
    results.set(s.id, { id: s.id, status: 'accepted' })
    candidates.push({
      submission: s,
      // The answers' own key: it matches no sign-up's, interest's or other purpose's key.
      deviceKey: keys.keyFor('answers', s.deviceId),
      answeredAt,
      deviceAnsweredAt,
      position,
      answers: compactAnswers(s.answers),
      questions: itemById.get(s.itemId)?.questions ?? [],
      municipality: residentMunicipality(itemById.get(s.itemId), s, memberOf),
    })
  }
  if (candidates.length > 0) {
    const raced = await storeAccepted(raw, candidates, receivedAt, shard % TALLY_SHARDS)
    for (const id of raced) results.set(id, { id, status: 'duplicate' })
  }
  // Each id answers once, in the order of the request.
  const seen = new Set<string>()
  return batch.flatMap((s) => {
    if (seen.has(s.id)) return []
    seen.add(s.id)
    return [results.get(s.id) as SubmissionResult]
  })
}

/**
 * The municipality an answer to a regional item is counted under. The profile is optional and
 * never costs an answer: a municipality outside the item's region (or any on an item that is not
 * regional) is not stored, and the answer counts under "unknown".
 */
function residentMunicipality(item: ItemWindow | undefined, s: IngestSubmission, memberOf: Set<string>): string | null {
  const chosen = s.profile?.municipality
  if (!item?.region || !chosen) return null
  return memberOf.has(`${item.region}:${chosen}`) ? chosen : null
}

function byId(a: Accepted, b: Accepted): number {
  return a.submission.id < b.submission.id ? -1 : a.submission.id > b.submission.id ? 1 : 0
}

/**
 * Returns the ids that another request stored first (they answer `duplicate`). One transaction.
 * The usual group is one statement (`claimAndInsertNewAnswers`): the devices' locks, the
 * receipts, the answers of devices that have none stored yet, and their tallies. What it leaves
 * (a device answering again, or twice in this group) takes the path that compares, under the
 * locks already held: read the current answers, write the winners and the summed tallies.
 */
async function storeAccepted(raw: RawSql, accepted: Accepted[], receivedAt: Date, shard: number): Promise<string[]> {
  return raw.transaction(async (q) => {
    // In id order: two requests that share ids (a retry sent to another process, say) then
    // claim them in the same order, and neither waits on a row the other holds (deadlock).
    const sorted = [...accepted].sort(byId)
    // The embedded database is one connection in one process: its transactions already run one
    // at a time, so there is nobody to take turns with.
    const lockKeys = raw.kind === 'postgres' ? lockKeysOf(sorted.map((a) => ({ itemId: a.submission.itemId, deviceKey: a.deviceKey }))) : []
    const perPair = new Map<string, number>()
    for (const a of sorted) perPair.set(pairOf(a), (perPair.get(pairOf(a)) ?? 0) + 1)
    const given = sorted.map((a) => ({ ...currentAnswerRowOf(a), alone: perPair.get(pairOf(a)) === 1 }))
    const alone = sorted.filter((a) => perPair.get(pairOf(a)) === 1)
    const written = await claimAndInsertNewAnswers(q, lockKeys, given, receivedAt, newAnswerKeys(alone), shard)
    const claimed = new Set(written.claimed)
    const inserted = new Set(written.inserted)
    const raced = sorted.filter((a) => !claimed.has(a.submission.id)).map((a) => a.submission.id)
    const newest = newestPerDevice(sorted.filter((a) => claimed.has(a.submission.id) && !inserted.has(a.submission.id)))
    if (newest.length > 0) await applyCurrentAnswers(q, newest, shard)
    return raced
  })
}

function pairOf(a: Accepted): string {
  return `${a.submission.itemId}:${a.deviceKey}`
}

function currentAnswerRowOf(a: Accepted): CurrentAnswerRow {
  const profile = profileOf(a)
  return {
    itemId: a.submission.itemId,
    deviceKey: a.deviceKey,
    submissionId: a.submission.id,
    answeredAt: a.answeredAt,
    deviceAnsweredAt: a.deviceAnsweredAt,
    answers: a.answers,
    ageBand: profile.ageBand,
    area: profile.area,
    municipality: profile.municipality,
    channel: a.submission.channel ?? 'app',
    partnerId: profile.partnerId,
  }
}

const byKeyThenPlace = <T>(keyOf: (x: T) => string) => (list: T[]) =>
  list
    .map((x, place) => ({ x, key: keyOf(x), place }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.place - b.place))
    .map((e) => e.x)

/**
 * The result tally keys of new answers (respondents and each answer's keys), in the order
 * tallies are written, each marked when it is also a breakdown key (respondents, and the keys
 * of broken-down questions: `brokenDownValues`).
 */
function newAnswerKeys(answers: readonly Accepted[]): NewAnswerKey[] {
  const keys = answers.flatMap((a) => {
    const brokenDown = new Set(['\u0000', ...brokenDownValues(a.questions, a.answers).map((k) => `${k.questionId}\u0000${k.valueKey}`)])
    return [RESPONDENTS_KEY, ...countKeys(a.questions, a.answers)].map((k) => ({
      submissionId: a.submission.id,
      itemId: a.submission.itemId,
      questionId: k.questionId,
      valueKey: k.valueKey,
      brokenDown: brokenDown.has(`${k.questionId}\u0000${k.valueKey}`),
    }))
  })
  return byKeyThenPlace<NewAnswerKey>((k) => `${k.itemId}\u0000${k.questionId}\u0000${k.valueKey}`)(keys)
}

function newestPerDevice(accepted: Accepted[]): Accepted[] {
  const byPair = new Map<string, Accepted>()
  for (const a of accepted) {
    const key = `${a.submission.itemId}:${a.deviceKey}`
    const seen = byPair.get(key)
    if (!seen || compareDeviceOrder(a, seen) > 0) byPair.set(key, a)
  }
  return [...byPair.values()]
}

/**
 * Takes the transaction-scoped locks of these devices' answers to an item. Every writer of
 * `current_answers` (ingest, moderation) takes them first, in sorted order, so none deadlock.
 */
export async function lockDeviceAnswers(tx: Db, pairs: { itemId: string; deviceKey: string }[]): Promise<void> {
  const keys = lockKeysOf(pairs)
  await tx.execute(sql`select pg_advisory_xact_lock(k) from unnest(${pgTextArray(keys)}::bigint[]) as k order by k`)
}

/** The advisory lock keys of these pairs, without repeats, in the one order every writer takes them. */
function lockKeysOf(pairs: readonly { itemId: string; deviceKey: string }[]): string[] {
  return [...new Set(pairs.map((p) => lockKey(p.itemId, p.deviceKey)))].sort()
}

/**
 * Whether the stored current answer stays: it is later in the device's order than the new one.
 * A full tie (same capped and same device time) goes to the new one, the device's later post.
 */
function storedIsLater(stored: StoredAnswer, a: Accepted): boolean {
  const capped = stored.answered_at.getTime() - a.answeredAt.getTime()
  if (capped !== 0) return capped > 0
  return (stored.device_answered_at ?? stored.answered_at).getTime() > a.deviceAnsweredAt.getTime()
}

/** Where a new answer falls in each breakdown dimension. */
function profileOf(a: Accepted): BreakdownProfile {
  return {
    ageBand: a.submission.profile?.ageBand ?? null,
    area: a.submission.profile?.area ?? null,
    municipality: a.municipality,
    channel: a.submission.channel ?? 'app',
    partnerId: a.submission.partnerId ?? null,
  }
}

/** Where a stored answer falls in each breakdown dimension. */
function storedProfileOf(stored: StoredAnswer): BreakdownProfile {
  return { ageBand: stored.age_band, area: stored.area, municipality: stored.municipality, channel: stored.channel, partnerId: stored.partner_id }
}

/** Under the devices' locks: the winners replace the current answers, and the tallies move with them. */
async function applyCurrentAnswers(q: RawQueryable, newest: Accepted[], shard: number): Promise<void> {
  const pairs = newest.map((a) => ({ itemId: a.submission.itemId, deviceKey: a.deviceKey }))
  const existing = await readCurrentAnswers(q, pairs)
  const existingByPair = new Map(existing.map((e) => [`${e.item_id}:${e.device_key}`, e]))

  const changes: AnswerChange[] = []
  const winners = newest.filter((a) => {
    const old = existingByPair.get(`${a.submission.itemId}:${a.deviceKey}`)
    if (old && storedIsLater(old, a)) return false // an older answer arrived late
    // A hidden (moderated) answer is already out of the tallies; its replacement counts afresh.
    const before = old && !old.hidden ? { answers: old.answers, profile: storedProfileOf(old) } : undefined
    changes.push({ itemId: a.submission.itemId, questions: a.questions, before, after: { answers: a.answers, profile: profileOf(a) } })
    return true
  })
  if (winners.length === 0) return
  // The same deltas every other writer applies (`applyAnswerDeltas`), written on this group's shard.
  const { results, breakdowns } = answerDeltas(changes)
  await writeAnswersAndTallies(q, winners.map(currentAnswerRowOf), summedDeltas(results), summedBreakdownDeltas(breakdowns), shard)
}

/** How many receipts exist for an id (tests and benchmarks prove "exactly once" with it). */
export async function countReceipts(db: Db, id: string): Promise<number> {
  const rows = await db.select({ id: submissionReceipts.id }).from(submissionReceipts).where(eq(submissionReceipts.id, id))
  return rows.length
}
