import { createHash } from 'node:crypto'
import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm'
import type { InputChannel } from '../../shared/schemas/agenda-setting'
import type { Answers, Question } from '../../shared/schemas/question'
import type { Submission, SubmissionResult } from '../../shared/schemas/submission'
import { compactAnswers, findAnswerIssues } from '../../shared/validation/answers'
import { acceptsAnswerAt } from '../../shared/validation/item-status'
import type { DeviceKeys } from '../auth/device-keys'
import type { Db } from '../db/client'
import { currentAnswers, items, municipalities, submissionReceipts } from '../db/schema'
import { applyCountDeltas, countKeys, RESPONDENTS_KEY, type CountDelta } from './result-counts'


interface ItemWindow {
  id: string
  kind: 'poll' | 'question' | 'table'
  opensAt: Date
  closesAt: Date
  questions: Question[]
  region: string | null
}

interface Accepted {
  submission: Submission
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
  /** How it reached us (`app`, or entered by an official) and the partner that collected it. */
  origin: SubmissionOrigin
}

/** How an answer reached the municipality; answers from residents' own devices are `app`. */
export interface SubmissionOrigin {
  channel: InputChannel
  partnerId: string | null
}

const FROM_THE_APP: SubmissionOrigin = { channel: 'app', partnerId: null }

export interface IngestOptions {
  /**
   * Per submission id: answers an official entered on behalf of a resident (`services/on-behalf-service.ts`).
   * The rest of the batch is from residents' devices.
   */
  origins?: ReadonlyMap<string, SubmissionOrigin>
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

/**
 * A PostgreSQL array literal for values that need no quoting (UUIDs, base64url keys, integers),
 * sent as one parameter.
 */
function pgArray(values: readonly string[]): string {
  return `{${values.join(',')}}`
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
 * becomes the current one, and the result tallies move with it in the same transaction.
 */
export async function ingestSubmissions(db: Db, batch: Submission[], receivedAt: Date, keys: DeviceKeys, options: IngestOptions = {}): Promise<SubmissionResult[]> {
  const results = new Map<string, SubmissionResult>()
  const itemIds = [...new Set(batch.map((s) => s.itemId))]
  // Two independent reads: on a PostgreSQL pool they run side by side.
  const [known, itemRows] = await Promise.all([
    db
      .select({ id: submissionReceipts.id })
      .from(submissionReceipts)
      .where(inArray(submissionReceipts.id, [...new Set(batch.map((s) => s.id))])),
    db
      .select({ id: items.id, kind: items.kind, opensAt: items.opensAt, closesAt: items.closesAt, questions: items.questions, region: items.region })
      .from(items)
      .where(and(inArray(items.id, itemIds), isNotNull(items.publishedAt), sql`${items.publishedAt} <= ${receivedAt}`)),
  ])
  for (const { id } of known) results.set(id, { id, status: 'duplicate' })
  const itemById = new Map<string, ItemWindow>(itemRows.map((i) => [i.id, i]))
  const memberOf = await regionMembers(db, itemRows)

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
      origin: options.origins?.get(s.id) ?? FROM_THE_APP,
    })
  }
  if (candidates.length > 0) {
    const raced = await storeAccepted(db, candidates, receivedAt)
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

/** The member municipalities of the regions these items are for: "region:slug" keys. */
async function regionMembers(db: Db, itemRows: readonly { region: string | null }[]): Promise<Set<string>> {
  const regionSlugs = [...new Set(itemRows.flatMap((i) => (i.region ? [i.region] : [])))]
  if (regionSlugs.length === 0) return new Set()
  const rows = await db.select({ slug: municipalities.slug, region: municipalities.region }).from(municipalities).where(inArray(municipalities.region, regionSlugs))
  return new Set(rows.map((r) => `${r.region}:${r.slug}`))
}

/**
 * The municipality an answer to a regional item is counted under. The profile is optional and
 * never costs an answer: a municipality outside the item's region (or any on an item that is not
 * regional) is not stored, and the answer counts under "unknown".
 */
function residentMunicipality(item: ItemWindow | undefined, s: Submission, memberOf: Set<string>): string | null {
  const chosen = s.profile?.municipality
  if (!item?.region || !chosen) return null
  return memberOf.has(`${item.region}:${chosen}`) ? chosen : null
}

function byId(a: Accepted, b: Accepted): number {
  return a.submission.id < b.submission.id ? -1 : a.submission.id > b.submission.id ? 1 : 0
}

/** Returns the ids that another request stored first (they answer `duplicate`). */
async function storeAccepted(db: Db, accepted: Accepted[], receivedAt: Date): Promise<string[]> {
  return db.transaction(async (tx) => {
    const claimed = await tx
      .insert(submissionReceipts)
      .values(
        // In id order: two requests that share ids (a retry sent to another process, say) then
        // claim them in the same order, and neither waits on a row the other holds (deadlock).
        [...accepted].sort(byId).map((a) => ({
          id: a.submission.id,
          itemId: a.submission.itemId,
          deviceKey: a.deviceKey,
          answeredAt: a.answeredAt,
          receivedAt,
        })),
      )
      .onConflictDoNothing()
      .returning({ id: submissionReceipts.id })
    const claimedIds = new Set(claimed.map((c) => c.id))
    const raced = accepted.filter((a) => !claimedIds.has(a.submission.id)).map((a) => a.submission.id)
    const newest = newestPerDevice(accepted.filter((a) => claimedIds.has(a.submission.id)))
    if (newest.length > 0) await applyCurrentAnswers(tx, newest)
    return raced
  })
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
  const keys = [...new Set(pairs.map((p) => lockKey(p.itemId, p.deviceKey)))].sort()
  await tx.execute(sql`select pg_advisory_xact_lock(k) from unnest(${pgArray(keys)}::bigint[]) as k order by k`)
}

/**
 * Whether the stored current answer stays: it is later in the device's order than the new one.
 * A full tie (same capped and same device time) goes to the new one, the device's later post.
 */
function storedIsLater(stored: { answeredAt: Date; deviceAnsweredAt: Date | null }, a: Accepted): boolean {
  const capped = stored.answeredAt.getTime() - a.answeredAt.getTime()
  if (capped !== 0) return capped > 0
  return (stored.deviceAnsweredAt ?? stored.answeredAt).getTime() > a.deviceAnsweredAt.getTime()
}

async function applyCurrentAnswers(tx: Db, newest: Accepted[]): Promise<void> {
  await lockDeviceAnswers(tx, newest.map((a) => ({ itemId: a.submission.itemId, deviceKey: a.deviceKey })))

  const existing = await tx
    .select({
      itemId: currentAnswers.itemId,
      deviceKey: currentAnswers.deviceKey,
      answeredAt: currentAnswers.answeredAt,
      deviceAnsweredAt: currentAnswers.deviceAnsweredAt,
      answers: currentAnswers.answers,
      hidden: currentAnswers.hidden,
    })
    .from(currentAnswers)
    // Two array parameters instead of one pair per device: a long IN list of row values makes
    // the parser recurse deeply (PGlite crashed at 600 pairs).
    .where(
      sql`(${currentAnswers.itemId}, ${currentAnswers.deviceKey}) in (select * from unnest(${pgArray(newest.map((a) => a.submission.itemId))}::uuid[], ${pgArray(newest.map((a) => a.deviceKey))}::text[]))`,
    )
  const existingByPair = new Map(existing.map((e) => [`${e.itemId}:${e.deviceKey}`, e]))

  const deltas: CountDelta[] = []
  const winners = newest.filter((a) => {
    const old = existingByPair.get(`${a.submission.itemId}:${a.deviceKey}`)
    if (old && storedIsLater(old, a)) return false // an older answer arrived late
    const itemId = a.submission.itemId
    // A hidden (moderated) answer is already out of the tallies; its replacement counts afresh.
    if (old && !old.hidden) for (const key of countKeys(a.questions, old.answers)) deltas.push({ itemId, ...key, delta: -1 })
    else deltas.push({ itemId, ...RESPONDENTS_KEY, delta: 1 })
    for (const key of countKeys(a.questions, a.answers)) deltas.push({ itemId, ...key, delta: 1 })
    return true
  })
  if (winners.length === 0) return
  await tx
    .insert(currentAnswers)
    .values(
      winners.map((a) => ({
        itemId: a.submission.itemId,
        deviceKey: a.deviceKey,
        submissionId: a.submission.id,
        answeredAt: a.answeredAt,
        deviceAnsweredAt: a.deviceAnsweredAt,
        answers: a.answers,
        ageBand: a.submission.profile?.ageBand ?? null,
        area: a.submission.profile?.area ?? null,
        municipality: a.municipality,
        channel: a.origin.channel,
        partnerId: a.origin.partnerId,
      })),
    )
    .onConflictDoUpdate({
      target: [currentAnswers.itemId, currentAnswers.deviceKey],
      set: {
        submissionId: sql`excluded.submission_id`,
        answeredAt: sql`excluded.answered_at`,
        deviceAnsweredAt: sql`excluded.device_answered_at`,
        answers: sql`excluded.answers`,
        ageBand: sql`excluded.age_band`,
        area: sql`excluded.area`,
        municipality: sql`excluded.municipality`,
        channel: sql`excluded.channel`,
        partnerId: sql`excluded.partner_id`,
        hidden: false,
        hiddenReason: null,
        hiddenBy: null,
        hiddenAt: null,
        updatedAt: sql`now()`,
      },
    })
  await applyCountDeltas(tx, deltas)
}

/** How many receipts exist for an id (tests and benchmarks prove "exactly once" with it). */
export async function countReceipts(db: Db, id: string): Promise<number> {
  const rows = await db.select({ id: submissionReceipts.id }).from(submissionReceipts).where(eq(submissionReceipts.id, id))
  return rows.length
}
