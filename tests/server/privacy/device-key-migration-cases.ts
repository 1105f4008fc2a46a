import { sql } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { expect } from 'vitest'
import { buildApp } from '../../../src/server/app'
import { legacyDeviceHash } from '../../../src/server/auth/device-keys'
import { queryRows, type Database } from '../../../src/server/db/client'
import { DEVICE_KEYS_PER_PURPOSE } from '../../../src/server/db/data-migrations'
import { migrateDatabase } from '../../../src/server/db/migrate'
import { committedMigrationTags } from '../../../src/server/db/migration-status'
import { currentAnswers, deviceMessages, interests, resultCounts, submissionReceipts, tableDetails, tableSignups } from '../../../src/server/db/schema'
import { countKeys, readCounts, RESPONDENTS_KEY } from '../../../src/server/repos/result-counts'
import { InboxSchema } from '../../../src/shared/schemas/inbox'
import { CONSENT_VERSION } from '../../../src/shared/schemas/table'
import { aSubmission, givenMunicipality, newDeviceId, pollQuestions } from '../../support/factories'
import { givenLegacyItem, legacyInsert } from '../../support/legacy-insert'
import { createMemoryNotifier } from '../../support/memory-notifier'
import { anAssignment } from '../../support/tables'

const NOW = new Date('2026-06-01T12:00:00Z')
const SECRET = 'migration-test-device-key-secret-0123456789'

const deviceKeysInDatabase = async (database: Database) =>
  queryRows<{ source: string; device_key: string }>(
    database.db,
    sql`select 'receipt' as source, device_key from submission_receipts union all select 'answer', device_key from current_answers
        union all select 'signup', device_key from table_signups union all select 'interest', device_key from interests
        union all select 'message:' || kind, device_key from device_messages order by 1, 2`,
  )

/** Rows as the version before keys per purpose stored them: every purpose under the plain hash of the device id. */
async function seedLegacyRows(database: Database): Promise<{ deviceId: string; pollId: string; tableId: string; signupId: string }> {
  const db = database.db
  const deviceId = newDeviceId()
  const legacy = legacyDeviceHash(deviceId)
  await givenMunicipality(db)
  const pollId = await givenLegacyItem(db, NOW)
  const tableId = await givenLegacyItem(db, NOW, { kind: 'table', questions: [] })
  await legacyInsert(db, tableDetails, { itemId: tableId, assignment: anAssignment(NOW) })
  const submissionId = crypto.randomUUID()
  const answers = { q1: 'ja' }
  await legacyInsert(db, submissionReceipts, { id: submissionId, itemId: pollId, deviceKey: legacy, answeredAt: new Date(NOW.getTime() - 3_600_000) })
  await legacyInsert(db, currentAnswers, { itemId: pollId, deviceKey: legacy, submissionId, answeredAt: new Date(NOW.getTime() - 3_600_000), answers })
  // As the tallies of that version were (one row per key, before shards), so written column by column.
  for (const k of [RESPONDENTS_KEY, ...countKeys(pollQuestions, answers)]) await legacyInsert(db, resultCounts, { itemId: pollId, questionId: k.questionId, valueKey: k.valueKey, count: 1 })
  const signupId = crypto.randomUUID()
  const base = { revision: 1, ageBand: '24-64', consentVersion: CONSENT_VERSION, consentedAt: NOW, receivedAt: NOW, updatedAt: NOW }
  await legacyInsert(db, tableSignups, { id: signupId, itemId: tableId, deviceKey: legacy, status: 'selected', roles: ['resident'], ...base })
  await legacyInsert(db, interests, { id: crypto.randomUUID(), municipality: 'beverwijk', deviceKey: legacy, status: 'active', themes: ['opgroeien'], ...base })
  await legacyInsert(db, deviceMessages, { id: crypto.randomUUID(), deviceKey: legacy, itemId: tableId, at: NOW, kind: 'selected' })
  await legacyInsert(db, deviceMessages, { id: crypto.randomUUID(), deviceKey: legacy, itemId: tableId, at: NOW, kind: 'invited' })
  return { deviceId, pollId, tableId, signupId }
}

const appOn = (database: Database): Promise<FastifyInstance> =>
  buildApp({ database, ownsDatabase: false, clock: () => NOW, notifier: createMemoryNotifier(), publicUrl: 'http://meepraat.test', deviceKeySecret: SECRET })

/**
 * The data migration to keys per purpose, on a database the caller made empty: migrated to
 * the schema before it, filled as that version did, then migrated on.
 */
export async function checkDeviceKeyMigration(database: Database): Promise<void> {
  await migrateDatabase(database, { upTo: committedMigrationTags().indexOf('0015_device_keys_per_purpose') })
  const seeded = await seedLegacyRows(database)

  // Without the secret (a restore, a copy) the step waits, and nothing changes.
  await migrateDatabase(database)
  expect(await queryRows(database.db, sql`select name from pending_data_migrations`)).toEqual([{ name: DEVICE_KEYS_PER_PURPOSE }])
  expect(new Set((await deviceKeysInDatabase(database)).map((r) => r.device_key))).toEqual(new Set([legacyDeviceHash(seeded.deviceId)]))

  await migrateDatabase(database, { deviceKeySecret: () => SECRET })
  expect(await queryRows(database.db, sql`select name from pending_data_migrations`)).toEqual([])
  const migrated = await deviceKeysInDatabase(database)
  const keyOf = (source: string) => migrated.find((r) => r.source === source)?.device_key
  // Each purpose has its own key now, and the same purpose keeps one key.
  expect(keyOf('receipt')).toBe(keyOf('answer'))
  expect(keyOf('message:selected')).toBe(keyOf('signup'))
  expect(keyOf('message:invited')).toBe(keyOf('interest'))
  expect(new Set([keyOf('answer'), keyOf('signup'), keyOf('interest')]).size).toBe(3)
  expect(migrated.map((r) => r.device_key)).not.toContain(legacyDeviceHash(seeded.deviceId))

  // Run again (the next start, a second process): the marker is gone, nothing is re-keyed twice.
  await migrateDatabase(database, { deviceKeySecret: () => SECRET })
  expect(await deviceKeysInDatabase(database)).toEqual(migrated)

  const app = await appOn(database)
  try {
    const auth = { authorization: `Device ${seeded.deviceId}` }
    const inbox = InboxSchema.parse((await app.inject({ method: 'GET', url: '/api/me/inbox', headers: auth })).json())
    expect(inbox.entries.map((e) => (e.kind === 'table' ? e.status : e.kind)).sort()).toEqual(['invited', 'selected'])
    const signups = (await app.inject({ method: 'GET', url: '/api/me/signups', headers: auth })).json() as { id: string }[]
    expect(signups.map((x) => x.id)).toContain(seeded.signupId)

    const newer = aSubmission(seeded.pollId, { deviceId: seeded.deviceId, answeredAt: NOW.toISOString(), answers: { q1: 'nee' } })
    expect((await app.inject({ method: 'POST', url: '/api/submissions', payload: { submissions: [newer] } })).json().results[0].status).toBe('accepted')
    const counts = await readCounts(database.db, seeded.pollId)
    expect(counts.get('')?.get('')).toBe(1)
    expect(counts.get('q1')?.get('nee')).toBe(1)
    expect(counts.get('q1')?.get('ja') ?? 0).toBe(0)
    expect(await queryRows(database.db, sql`select answers from current_answers`)).toEqual([{ answers: { q1: 'nee' } }])
  } finally {
    await app.close()
  }
}
