import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { FastifyBaseLogger } from 'fastify'
import { afterEach, describe, expect, it } from 'vitest'
import { createDatabase } from '../../../src/server/db/client'
import { migrateDatabase } from '../../../src/server/db/migrate'
import { feedback } from '../../../src/server/db/schema'
import { runRetentionJob } from '../../../src/server/jobs/retention'
import { ingestSubmissions } from '../../../src/server/repos/submission-repo'
import { eraseDevice } from '../../../src/server/services/my-data-service'
import { testDeviceKeys } from '../../support/device-keys'
import { aSubmission, givenItem, givenMunicipality } from '../../support/factories'
import { createMemoryNotifier } from '../../support/memory-notifier'

const DAY = 86_400_000
const silent = { error() {}, warn() {}, info() {}, debug() {}, trace() {}, fatal() {}, child: () => silent, level: 'silent', silent() {} } as unknown as FastifyBaseLogger

/** Files of the data directory holding `text`; write-ahead log segments aside (documented). */
function filesHolding(dataDir: string, text: string): string[] {
  try {
    return execFileSync('grep', ['-rlaF', '--exclude-dir=pg_wal', text, dataDir], { encoding: 'utf8' }).split('\n').filter(Boolean)
  } catch (error) {
    if ((error as { status?: number }).status === 1) return []
    throw error
  }
}

let dataDir: string | undefined
afterEach(() => {
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

describe('answers on disk after answer retention', () => {
  it('leaves neither the free text nor the device key of an anonymised item in the embedded data files', async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'meepraat-answers-'))
    const database = await createDatabase({ dataDir })
    await migrateDatabase(database)
    let now = new Date('2026-06-01T12:00:00Z')
    await givenMunicipality(database.db)
    const itemId = await givenItem(database.db, now)
    const text = `Probetekst${crypto.randomUUID().slice(0, 8)}`
    const submission = aSubmission(itemId, { answeredAt: now.toISOString(), answers: { q1: 'ja', q4: text } })
    await ingestSubmissions(database.db, [submission], now, testDeviceKeys)
    now = new Date(now.getTime() + 20 * DAY)
    await database.db.insert(feedback).values({ itemId, outcome: 'adopted', summary: 'Gedaan.', publishedAt: now })
    now = new Date(now.getTime() + 370 * DAY)
    const counts = await runRetentionJob({ database, notifier: createMemoryNotifier(), log: silent, publicUrl: 'http://meepraat.test' }, now)
    expect(counts.beverwijk?.answerItemsAnonymised).toBe(1)
    await database.close()
    expect(filesHolding(dataDir, text)).toEqual([])
    expect(filesHolding(dataDir, testDeviceKeys.keyFor('answers', submission.deviceId))).toEqual([])
    // The search does see the files: the item's title is there.
    expect(filesHolding(dataDir, 'Testpeiling').length).toBeGreaterThan(0)
  }, 120_000)
})

describe('answers on disk after "Wis alles"', () => {
  it('leaves neither the free text nor the device key of an erased device in the embedded data files', async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'meepraat-erased-'))
    const database = await createDatabase({ dataDir })
    await migrateDatabase(database)
    const now = new Date('2026-06-01T12:00:00Z')
    await givenMunicipality(database.db)
    const itemId = await givenItem(database.db, now)
    const text = `Wistekst${crypto.randomUUID().slice(0, 8)}`
    const submission = aSubmission(itemId, { answeredAt: now.toISOString(), answers: { q1: 'ja', q4: text } })
    await ingestSubmissions(database.db, [submission], now, testDeviceKeys)
    const notifier = createMemoryNotifier()
    const erased = await eraseDevice(database.db, { notifier, log: silent, publicUrl: 'http://meepraat.test' }, { database, notifier, log: silent }, testDeviceKeys, submission.deviceId, now)
    expect(erased.answersUncounted).toBe(1)
    await database.close()
    expect(filesHolding(dataDir, text)).toEqual([])
    expect(filesHolding(dataDir, testDeviceKeys.keyFor('answers', submission.deviceId))).toEqual([])
    expect(filesHolding(dataDir, 'Testpeiling').length).toBeGreaterThan(0)
  }, 120_000)
})
