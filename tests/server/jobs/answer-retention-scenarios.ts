import { testDeviceKeys } from '../../support/device-keys'
import { sql } from 'drizzle-orm'
import type { FastifyBaseLogger } from 'fastify'
import { expect } from 'vitest'
import { queryRows, type Database } from '../../../src/server/db/client'
import { feedback } from '../../../src/server/db/schema'
import { ANONYMOUS_KEY_PREFIX, RETAINED_TEXT_PLACEHOLDER } from '../../../src/server/jobs/answer-retention'
import { runRetentionJob, type RetentionCounts } from '../../../src/server/jobs/retention'
import { saveMunicipalitySettings, findMunicipalitySettings } from '../../../src/server/repos/municipality-repo'
import { ingestSubmissions } from '../../../src/server/repos/submission-repo'
import { createMemoryNotifier } from '../../support/memory-notifier'
import { aSubmission, givenItem, givenMunicipality } from '../../support/factories'

/**
 * Answer retention, run against the database given (PGlite in the server project, PostgreSQL in
 * `answer-retention-postgres.test.ts`): the SQL (lateral join, jsonb_set, gen_random_uuid,
 * VACUUM) must work on both.
 */
const DAY = 86_400_000
const silent = { error() {}, warn() {}, info() {}, debug() {}, trace() {}, fatal() {}, child: () => silent, level: 'silent', silent() {} } as unknown as FastifyBaseLogger

export interface Scenario {
  database: Database
  clock: { now: Date }
  run(): Promise<RetentionCounts | undefined>
}

export async function givenScenario(database: Database): Promise<Scenario> {
  const clock = { now: new Date('2026-06-01T12:00:00Z') }
  await givenMunicipality(database.db)
  const notifier = createMemoryNotifier()
  return {
    database,
    clock,
    run: async () => (await runRetentionJob({ database, notifier, log: silent, publicUrl: 'http://meepraat.test' }, clock.now)).beverwijk,
  }
}

const rowsOf = (s: Scenario, itemId: string) =>
  queryRows<{ device_key: string; answers: Record<string, unknown> }>(s.database.db, sql`select device_key, answers from current_answers where item_id = ${itemId} order by submission_id`)
const receiptKeys = async (s: Scenario, itemId: string) => (await queryRows<{ device_key: string }>(s.database.db, sql`select device_key from submission_receipts where item_id = ${itemId}`)).map((r) => r.device_key)
const tallies = (s: Scenario, itemId: string) => queryRows(s.database.db, sql`select question_id, value_key, count from result_counts where item_id = ${itemId} order by question_id, value_key`)

/** Three devices answer a poll with a text question; one of them answers a second poll too. */
export async function answeredPolls(s: Scenario): Promise<{ itemId: string; otherId: string; sharedDevice: string }> {
  const itemId = await givenItem(s.database.db, s.clock.now)
  const otherId = await givenItem(s.database.db, s.clock.now, { closesAt: new Date(s.clock.now.getTime() + 400 * DAY) })
  const answeredAt = s.clock.now.toISOString()
  const batch = [
    aSubmission(itemId, { answeredAt, answers: { q1: 'ja', q3: 4, q4: 'Bel me op 06 12345678' } }),
    aSubmission(itemId, { answeredAt, answers: { q1: 'nee', q4: 'Meer bankjes in het park' } }),
    aSubmission(itemId, { answeredAt, answers: { q1: 'ja', q2: ['a', 'b'] } }),
  ]
  const sharedDevice = batch[0]!.deviceId
  const results = await ingestSubmissions(s.database.db, [...batch, aSubmission(otherId, { deviceId: sharedDevice, answeredAt, answers: { q1: 'ja', q4: 'Ander item' } })], s.clock.now, testDeviceKeys)
  expect(results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted', 'accepted'])
  return { itemId, otherId, sharedDevice }
}

export async function publishFeedback(s: Scenario, itemId: string, outcome: 'in_progress' | 'adopted'): Promise<void> {
  await s.database.db.insert(feedback).values({ itemId, outcome, summary: 'Wat we met uw inbreng deden.', publishedAt: s.clock.now })
}

/** The behaviour both databases must show. */
export async function anonymisesAfterFinalFeedback(s: Scenario): Promise<void> {
  const { itemId, otherId, sharedDevice } = await answeredPolls(s)
  const otherKeysBefore = (await rowsOf(s, otherId)).map((r) => r.device_key)
  const talliesBefore = await tallies(s, itemId)
  s.clock.now = new Date(s.clock.now.getTime() + 20 * DAY) // closed (day 10) and past the 7-day grace
  await publishFeedback(s, itemId, 'adopted')
  s.clock.now = new Date('2027-06-20T12:00:00Z') // 12 months after the feedback on 2026-06-21, not yet
  expect((await s.run())?.answerItemsAnonymised).toBe(0)
  expect((await rowsOf(s, itemId)).map((r) => r.answers.q4)).toContain('Bel me op 06 12345678')

  s.clock.now = new Date('2027-06-22T12:00:00Z')
  expect((await s.run())?.answerItemsAnonymised).toBe(1)
  const after = await rowsOf(s, itemId)
  // Free text gone, where there was free text; every other answer as it was.
  const sorted = (list: unknown[]) => list.map((a) => JSON.stringify(a, Object.keys(a as object).sort())).sort()
  expect(sorted(after.map((r) => r.answers))).toEqual(
    sorted([
      { q1: 'ja', q3: 4, q4: RETAINED_TEXT_PLACEHOLDER },
      { q1: 'nee', q4: RETAINED_TEXT_PLACEHOLDER },
      { q1: 'ja', q2: ['a', 'b'] },
    ]),
  )
  expect(after.filter((r) => r.answers.q4 !== undefined).map((r) => r.answers.q4)).toEqual([RETAINED_TEXT_PLACEHOLDER, RETAINED_TEXT_PLACEHOLDER])
  // Keys: random, one per row, none shared with the device's answer to the other poll.
  const keys = [...after.map((r) => r.device_key), ...(await receiptKeys(s, itemId))]
  expect(keys.every((k) => k.startsWith(ANONYMOUS_KEY_PREFIX))).toBe(true)
  expect(new Set(keys).size).toBe(keys.length)
  expect((await rowsOf(s, otherId)).map((r) => r.device_key)).toEqual(otherKeysBefore)
  expect(keys.some((k) => otherKeysBefore.includes(k))).toBe(false)
  // "One answer per device" no longer holds for this item, harmlessly: it takes no answers any more.
  const late = await ingestSubmissions(s.database.db, [aSubmission(itemId, { deviceId: sharedDevice, answeredAt: s.clock.now.toISOString(), answers: { q1: 'nee' } })], s.clock.now, testDeviceKeys)
  expect(late.map((r) => r.status)).toEqual(['rejected'])
  // Tallies unchanged; a second run does nothing more.
  expect(await tallies(s, itemId)).toEqual(talliesBefore)
  expect((await s.run())?.answerItemsAnonymised).toBe(0)
  const audit = await queryRows<{ details: Record<string, number> }>(s.database.db, sql`select details from audit_log where action = 'retention.run'`)
  expect(audit.map((a) => a.details.answerItemsAnonymised)).toEqual([1])
}

/** `in_progress` is not final; the period runs from the latest entry that gives the outcome. */
export async function waitsForFinalFeedback(s: Scenario): Promise<void> {
  const { itemId } = await answeredPolls(s)
  s.clock.now = new Date(s.clock.now.getTime() + 20 * DAY)
  await publishFeedback(s, itemId, 'in_progress')
  s.clock.now = new Date(s.clock.now.getTime() + 400 * DAY)
  expect((await s.run())?.answerItemsAnonymised).toBe(0)
  await publishFeedback(s, itemId, 'adopted')
  s.clock.now = new Date(s.clock.now.getTime() + DAY)
  await publishFeedback(s, itemId, 'in_progress') // a later update: not final again
  s.clock.now = new Date(s.clock.now.getTime() + 400 * DAY)
  expect((await s.run())?.answerItemsAnonymised).toBe(0)
  expect((await rowsOf(s, itemId)).map((r) => r.answers.q4)).toContain('Meer bankjes in het park')
}

/** A municipality that keeps answers 3 months has them anonymised after 3 months. */
export async function usesTheMunicipalityPeriod(s: Scenario): Promise<void> {
  const settings = await findMunicipalitySettings(s.database.db, 'beverwijk')
  await saveMunicipalitySettings(s.database.db, 'beverwijk', { ...settings!, retention: { ...settings!.retention, answersMonths: 3 } })
  const { itemId } = await answeredPolls(s)
  s.clock.now = new Date(s.clock.now.getTime() + 20 * DAY)
  await publishFeedback(s, itemId, 'adopted')
  s.clock.now = new Date(s.clock.now.getTime() + 95 * DAY)
  expect((await s.run())?.answerItemsAnonymised).toBe(1)
}
