import type { Answers, Question } from '../../shared/schemas/question'
import type { InputChannel } from '../../shared/schemas/agenda-setting'
import { pgTextArray, type RawQueryable } from '../db/raw-sql'
import { ADD_TO_BREAKDOWN_COUNT, BREAKDOWN_ROW_ORDER } from '../repos/breakdown-counts'

/**
 * The hand-written statements of the ingest path (see `submission-repo.ts` for the rules they
 * serve). Each takes whole arrays (`unnest`), so a group of any size is one statement per step;
 * on PostgreSQL each is a named statement, parsed and planned once per connection. Arrays are
 * walked `with ordinality` and written in the order given, which is the order the callers sort
 * them in, so concurrent writers take row locks in one order and never deadlock.
 */

export interface ItemWindowRow {
  id: string
  kind: 'poll' | 'question' | 'table'
  opensAt: number
  closesAt: number
  questions: Question[]
  region: string | null
}

/** Everything the checks before writing need, in one round trip, outside any transaction. */
export async function readBeforeIngest(q: RawQueryable, ids: readonly string[], itemIds: readonly string[], receivedAt: Date): Promise<{ known: string[]; items: ItemWindowRow[]; members: string[] }> {
  const [row] = await q.query<{ known: string[] | null; items: ItemWindowRow[] | null; members: string[] | null }>(
    'meepraat_ingest_read',
    `select
       (select json_agg(r.id) from submission_receipts r where r.id = any($1::uuid[])) as known,
       (select json_agg(json_build_object('id', i.id, 'kind', i.kind, 'opensAt', extract(epoch from i.opens_at) * 1000,
                'closesAt', extract(epoch from i.closes_at) * 1000, 'questions', i.questions, 'region', i.region))
          from items i where i.id = any($2::uuid[]) and i.published_at is not null and i.published_at <= $3::timestamptz) as items,
       (select json_agg(m.region || ':' || m.slug) from municipalities m
          where m.region in (select i.region from items i where i.id = any($2::uuid[]) and i.region is not null)) as members`,
    [pgTextArray(ids), pgTextArray(itemIds), receivedAt.toISOString()],
  )
  return { known: row?.known ?? [], items: row?.items ?? [], members: row?.members ?? [] }
}

export interface StoredAnswer {
  item_id: string
  device_key: string
  answered_at: Date
  device_answered_at: Date | null
  answers: Answers
  hidden: boolean
  /** Its place in each breakdown, to count it out of the old groups when it is replaced. */
  age_band: string | null
  area: string | null
  municipality: string | null
  channel: string
  partner_id: string | null
}

/** The current answers of these (item, device) pairs, read after their locks are held. */
export async function readCurrentAnswers(q: RawQueryable, pairs: readonly { itemId: string; deviceKey: string }[]): Promise<StoredAnswer[]> {
  const rows = await q.query<StoredAnswer>(
    'meepraat_ingest_current',
    `select ca.item_id, ca.device_key, ca.answered_at, ca.device_answered_at, ca.answers, ca.hidden,
            ca.age_band, ca.area, ca.municipality, ca.channel, ca.partner_id::text as partner_id
       from current_answers ca
      where (ca.item_id, ca.device_key) in (select * from unnest($1::uuid[], $2::text[]))`,
    [pgTextArray(pairs.map((p) => p.itemId)), pgTextArray(pairs.map((p) => p.deviceKey))],
  )
  // Both drivers parse timestamptz; this only guards a driver that hands over text.
  return rows.map((r) => ({ ...r, answered_at: new Date(r.answered_at), device_answered_at: r.device_answered_at === null ? null : new Date(r.device_answered_at) }))
}

export interface CurrentAnswerRow {
  itemId: string
  deviceKey: string
  submissionId: string
  answeredAt: Date
  deviceAnsweredAt: Date
  answers: Answers
  ageBand: string | null
  area: string | null
  municipality: string | null
  channel: InputChannel
  partnerId: string | null
}

/**
 * The columns of current answers as parameters, one array each, in the order both group
 * statements unnest them: item_id, device_key, submission_id, answered_at, device_answered_at,
 * answers, age_band, area, municipality, channel, partner_id.
 */
function currentAnswerArrays(answers: readonly CurrentAnswerRow[]): string[] {
  return [
    pgTextArray(answers.map((a) => a.itemId)),
    pgTextArray(answers.map((a) => a.deviceKey)),
    pgTextArray(answers.map((a) => a.submissionId)),
    pgTextArray(answers.map((a) => a.answeredAt.toISOString())),
    pgTextArray(answers.map((a) => a.deviceAnsweredAt.toISOString())),
    pgTextArray(answers.map((a) => JSON.stringify(a.answers))),
    pgTextArray(answers.map((a) => a.ageBand)),
    pgTextArray(answers.map((a) => a.area)),
    pgTextArray(answers.map((a) => a.municipality)),
    pgTextArray(answers.map((a) => a.channel)),
    pgTextArray(answers.map((a) => a.partnerId)),
  ]
}

/** A result tally row of the group adds to the one already there (of its shard). */
const ADD_TO_RESULT_COUNT = 'on conflict (item_id, question_id, value_key, shard) do update set count = result_counts.count + excluded.count'

export interface TallyRow {
  itemId: string
  questionId: string
  valueKey: string
  delta: number
}

export interface BreakdownTallyRow extends TallyRow {
  dimension: string
  groupKey: string
}

/**
 * The write of a group, one statement: every winning answer becomes (or replaces) the current
 * one, and every result and breakdown tally moves by its summed delta, once per group and row,
 * on this transaction's own `shard` (concurrent groups do not wait on each other's rows).
 */
export async function writeAnswersAndTallies(
  q: RawQueryable,
  answers: readonly CurrentAnswerRow[],
  tallies: readonly TallyRow[],
  breakdowns: readonly BreakdownTallyRow[],
  shard: number,
): Promise<void> {
  await q.query(
    'meepraat_ingest_write',
    `with upserted as (
       insert into current_answers (item_id, device_key, submission_id, answered_at, device_answered_at, answers, age_band, area, municipality, channel, partner_id)
       select t.item_id, t.device_key, t.submission_id, t.answered_at, t.device_answered_at, t.answers, t.age_band, t.area, t.municipality, t.channel, t.partner_id
         from unnest($1::uuid[], $2::text[], $3::uuid[], $4::timestamptz[], $5::timestamptz[], $6::jsonb[], $7::text[], $8::text[], $9::text[], $10::text[], $11::uuid[])
              with ordinality as t(item_id, device_key, submission_id, answered_at, device_answered_at, answers, age_band, area, municipality, channel, partner_id, n)
        order by t.n
       on conflict (item_id, device_key) do update set
         submission_id = excluded.submission_id, answered_at = excluded.answered_at, device_answered_at = excluded.device_answered_at,
         answers = excluded.answers, age_band = excluded.age_band, area = excluded.area, municipality = excluded.municipality,
         channel = excluded.channel, partner_id = excluded.partner_id,
         hidden = false, hidden_reason = null, hidden_by = null, hidden_at = null, updated_at = now()
       returning 1
     ), tallied as (
       insert into result_counts (item_id, question_id, value_key, shard, count)
       select t.item_id, t.question_id, t.value_key, $16::smallint, t.delta
         from unnest($12::uuid[], $13::text[], $14::text[], $15::bigint[]) with ordinality as t(item_id, question_id, value_key, delta, n)
        order by t.n
       ${ADD_TO_RESULT_COUNT}
       returning 1
     ), broken_down as (
       insert into breakdown_counts (item_id, dimension, group_key, question_id, value_key, shard, count)
       select t.item_id, t.dimension, t.group_key, t.question_id, t.value_key, $16::smallint, t.delta
         from unnest($17::uuid[], $18::text[], $19::text[], $20::text[], $21::text[], $22::bigint[])
              with ordinality as t(item_id, dimension, group_key, question_id, value_key, delta, n)
        ${BREAKDOWN_ROW_ORDER}
       ${ADD_TO_BREAKDOWN_COUNT}
       returning 1
     )
     select (select count(*) from upserted)::int as answers, (select count(*) from tallied)::int as tallies, (select count(*) from broken_down)::int as breakdowns`,
    [
      ...currentAnswerArrays(answers),
      pgTextArray(tallies.map((t) => t.itemId)),
      pgTextArray(tallies.map((t) => t.questionId)),
      pgTextArray(tallies.map((t) => t.valueKey)),
      pgTextArray(tallies.map((t) => t.delta)),
      shard,
      pgTextArray(breakdowns.map((b) => b.itemId)),
      pgTextArray(breakdowns.map((b) => b.dimension)),
      pgTextArray(breakdowns.map((b) => b.groupKey)),
      pgTextArray(breakdowns.map((b) => b.questionId)),
      pgTextArray(breakdowns.map((b) => b.valueKey)),
      pgTextArray(breakdowns.map((b) => b.delta)),
    ],
  )
}

/** One tally key of one new answer, unsummed (the statement counts the answers it inserted). */
export interface NewAnswerKey {
  submissionId: string
  itemId: string
  questionId: string
  valueKey: string
  /** Also counted in each breakdown dimension (respondents, and the keys of broken-down questions). */
  brokenDown: boolean
}

/**
 * The usual group in one statement: take the devices' locks (`lockKeys`, sorted; none on the
 * embedded database), claim the receipts of all `answers` (given in id order), and insert the
 * claimed answers marked `alone` (the only one of their device in the group) where their
 * (item, device) has no current answer yet (`on conflict do nothing`, which sees rows committed
 * after the statement began), adding exactly those to the result and breakdown tallies of
 * `shard`. Keys come unsummed, in the order result tally writers use (`summedDeltas`); rows are
 * summed per key and written in the order of each key's first place. The breakdown rows are
 * the `brokenDown` keys under each dimension's group of the answer, in the database's key order
 * as every breakdown writer has it. Returns the ids claimed
 * and, of those, the ids inserted: a claimed answer not inserted (its device answered before,
 * or twice in this group) is the caller's to compare and write, in the same transaction.
 */
export async function claimAndInsertNewAnswers(
  q: RawQueryable,
  lockKeys: readonly string[],
  answers: readonly (CurrentAnswerRow & { alone: boolean })[],
  receivedAt: Date,
  keys: readonly NewAnswerKey[],
  shard: number,
): Promise<{ claimed: string[]; inserted: string[] }> {
  const [row] = await q.query<{ claimed: string[] | null; inserted: string[] | null }>(
    'meepraat_ingest_new',
    `with locked as materialized (
       select count(*) as n from (select pg_advisory_xact_lock(l.k) from unnest($1::bigint[]) with ordinality as l(k, n) order by l.n) taken
     ), given as materialized (
       select * from unnest($2::uuid[], $3::text[], $4::uuid[], $5::timestamptz[], $6::timestamptz[], $7::jsonb[], $8::text[], $9::text[], $10::text[], $11::text[], $12::uuid[], $13::boolean[])
              with ordinality as t(item_id, device_key, submission_id, answered_at, device_answered_at, answers, age_band, area, municipality, channel, partner_id, alone, n)
     ), claimed as (
       insert into submission_receipts (id, item_id, device_key, answered_at, received_at)
       select g.submission_id, g.item_id, g.device_key, g.answered_at, $14::timestamptz from given g, locked where locked.n >= 0 order by g.n
       on conflict do nothing
       returning id
     ), inserted as (
       insert into current_answers (item_id, device_key, submission_id, answered_at, device_answered_at, answers, age_band, area, municipality, channel, partner_id)
       select g.item_id, g.device_key, g.submission_id, g.answered_at, g.device_answered_at, g.answers, g.age_band, g.area, g.municipality, g.channel, g.partner_id
         from given g where g.alone and g.submission_id in (select id from claimed)
        order by g.n
       on conflict (item_id, device_key) do nothing
       returning submission_id
     ), tallied as (
       insert into result_counts (item_id, question_id, value_key, shard, count)
       select k.item_id, k.question_id, k.value_key, $15::smallint, count(*)
         from unnest($16::uuid[], $17::uuid[], $18::text[], $19::text[]) with ordinality as k(submission_id, item_id, question_id, value_key, n)
         join inserted i on i.submission_id = k.submission_id
        group by k.item_id, k.question_id, k.value_key
        order by min(k.n)
       ${ADD_TO_RESULT_COUNT}
       returning 1
     ), broken_down as (
       -- The broken-down keys of each inserted answer, once per dimension under its group there.
       insert into breakdown_counts (item_id, dimension, group_key, question_id, value_key, shard, count)
       select t.item_id, t.dimension, t.group_key, t.question_id, t.value_key, $15::smallint, count(*)
         from (select k.item_id, d.dimension, d.group_key, k.question_id, k.value_key
                 from unnest($16::uuid[], $17::uuid[], $18::text[], $19::text[], $20::boolean[]) as k(submission_id, item_id, question_id, value_key, broken_down)
                 join inserted i on i.submission_id = k.submission_id
                 join given g on g.submission_id = k.submission_id
                 cross join lateral (values ('ageBand', coalesce(g.age_band, '')), ('area', coalesce(g.area, '')), ('municipality', coalesce(g.municipality, '')),
                                            ('channel', g.channel), ('partnerId', coalesce(g.partner_id::text, ''))) as d(dimension, group_key)
                where k.broken_down) t
        group by t.item_id, t.dimension, t.group_key, t.question_id, t.value_key
        ${BREAKDOWN_ROW_ORDER}
       ${ADD_TO_BREAKDOWN_COUNT}
       returning 1
     )
     select (select json_agg(id) from claimed) as claimed, (select json_agg(submission_id) from inserted) as inserted,
            (select count(*) from tallied)::int as tallies, (select count(*) from broken_down)::int as breakdowns`,
    [
      pgTextArray(lockKeys),
      ...currentAnswerArrays(answers),
      pgTextArray(answers.map((a) => (a.alone ? 'true' : 'false'))),
      receivedAt.toISOString(),
      shard,
      pgTextArray(keys.map((k) => k.submissionId)),
      pgTextArray(keys.map((k) => k.itemId)),
      pgTextArray(keys.map((k) => k.questionId)),
      pgTextArray(keys.map((k) => k.valueKey)),
      pgTextArray(keys.map((k) => (k.brokenDown ? 'true' : 'false'))),
    ],
  )
  return { claimed: row?.claimed ?? [], inserted: row?.inserted ?? [] }
}
