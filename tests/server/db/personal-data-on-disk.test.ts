import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import { afterEach, describe, expect, it } from 'vitest'
import { buildApp } from '../../../src/server/app'
import { createDatabase, type Database } from '../../../src/server/db/client'
import { migrateDatabase } from '../../../src/server/db/migrate'
import { runRetentionJob } from '../../../src/server/jobs/retention'
import { createFileNotifier } from '../../../src/server/notify/file-notifier'
import type { Notifier } from '../../../src/server/notify/notifier'
import { givenItem, givenMunicipality } from '../../support/factories'
import { givenOfficial, signIn } from '../../support/officials'
import { anAssignment, aSignup, setAssignment, signUp } from '../../support/tables'

const DAY = 86_400_000

/**
 * The real app on an embedded database in a temporary DATA_DIR, with the development mail file
 * in that directory, as `npm start` runs it without SMTP_URL. Always embedded: the point is
 * what stays in the embedded database's own files.
 */
async function embeddedApp() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'meepraat-scrub-'))
  const database: Database = await createDatabase({ dataDir })
  await migrateDatabase(database)
  const notifier: Notifier = createFileNotifier(dataDir)
  const clock = { now: new Date('2026-06-01T12:00:00Z') }
  const app: FastifyInstance = await buildApp({ database, clock: () => clock.now, ownsDatabase: false, notifier, publicUrl: 'http://meepraat.test' })
  await givenMunicipality(database.db)
  await givenOfficial(database.db, 'beverwijk')
  const session = await signIn(app, 'official@beverwijk.nl')
  const tableId = await givenItem(database.db, clock.now, { kind: 'table', questions: [], closesAt: new Date(clock.now.getTime() + 5 * DAY) })
  await setAssignment(app, session, tableId, anAssignment(clock.now))
  return {
    dataDir,
    database,
    notifier,
    app,
    clock,
    tableId,
    /** Stops app and database, so every page is written to the files. */
    async close() {
      await app.close()
      await database.close()
    },
  }
}

/** A registration whose every personal field holds a string found nowhere else. */
function probe(itemId: string, under16: boolean) {
  const tag = crypto.randomUUID().slice(0, 8)
  const strings = { name: `Probenaam${tag}`, email: `probe-${tag}@example.nl`, guardian: `voogd-${tag}@example.nl`, motivation: `Probemotivatie${tag}` }
  const signup = aSignup(itemId, {
    name: strings.name,
    contact: { channel: 'email', value: strings.email },
    motivation: strings.motivation,
    ...(under16 ? { ageBand: '<16' as const, guardianEmail: strings.guardian } : {}),
  })
  return { signup, strings: under16 ? Object.values(strings) : [strings.name, strings.email, strings.motivation] }
}

/** Files of the data directory holding `text`; write-ahead log segments aside (documented). */
function filesHolding(dataDir: string, text: string): string[] {
  try {
    return execFileSync('grep', ['-rlaF', '--exclude-dir=pg_wal', text, dataDir], { encoding: 'utf8' }).split('\n').filter(Boolean)
  } catch (error) {
    if ((error as { status?: number }).status === 1) return [] // grep: no match
    throw error
  }
}

/** Opens the e-mail confirmation link the development mail file holds for this registration. */
async function confirmFromMailFile(app: FastifyInstance, dataDir: string, registrationId: string): Promise<void> {
  const lines = readFileSync(path.join(dataDir, 'mail', 'outbox.jsonl'), 'utf8').split('\n').filter(Boolean)
  const message = lines.map((l) => JSON.parse(l) as { about?: string; text: string }).find((m) => m.about === registrationId && m.text.includes('/contact-bevestigen#t='))
  const token = /#t=([A-Za-z0-9_-]+)/.exec(message?.text ?? '')?.[1]
  const res = await app.inject({ method: 'POST', url: '/api/contact-confirmations', payload: { token } })
  expect(res.statusCode, res.body).toBe(200)
}

let cleanup: (() => void) | undefined
afterEach(() => cleanup?.())

describe('personal data on disk', () => {
  it('leaves no name, address, guardian address or motivation of a withdrawn person in the data files or the mail file', async () => {
    const e = await embeddedApp()
    cleanup = () => rmSync(e.dataDir, { recursive: true, force: true })
    const adult = probe(e.tableId, false)
    const child = probe(e.tableId, true)
    const stays = probe(e.tableId, true)
    await signUp(e.app, [adult.signup, child.signup, stays.signup])
    for (const p of [adult, child]) {
      const res = await e.app.inject({ method: 'POST', url: `/api/devices/${p.signup.deviceId}/signups/${p.signup.id}/withdraw`, payload: {} })
      expect(res.statusCode, res.body).toBe(200)
    }
    await e.close()

    for (const text of [...adult.strings, ...child.strings]) expect(filesHolding(e.dataDir, text), text).toEqual([])
    // The search does see the files: the person who stayed is there, in the tables and the mail file.
    expect(filesHolding(e.dataDir, stays.strings[0]!).length).toBeGreaterThan(0)
    expect(readFileSync(path.join(e.dataDir, 'mail', 'outbox.jsonl'), 'utf8')).toContain(stays.signup.guardianEmail)
  })

  it('keeps concurrent requests working while withdrawals rewrite the tables', async () => {
    const e = await embeddedApp()
    cleanup = () => rmSync(e.dataDir, { recursive: true, force: true })
    const leaving = Array.from({ length: 6 }, () => probe(e.tableId, false).signup)
    await signUp(e.app, leaving)
    const arriving = Array.from({ length: 6 }, () => probe(e.tableId, false).signup)
    const responses = await Promise.all([
      ...leaving.map((p) => e.app.inject({ method: 'POST', url: `/api/devices/${p.deviceId}/signups/${p.id}/withdraw`, payload: {} })),
      ...arriving.map((p) => e.app.inject({ method: 'POST', url: '/api/table-signups', payload: { signups: [p] } })),
      ...arriving.map(() => e.app.inject({ method: 'GET', url: `/api/items/${e.tableId}` })),
    ])
    expect(responses.map((r) => r.statusCode)).toEqual(responses.map(() => 200))
    const signups = await e.app.inject({ method: 'GET', url: `/api/official/items/${e.tableId}/signups`, headers: (await signIn(e.app, 'official@beverwijk.nl')).headers })
    // The newcomers' e-mail addresses wait for their confirmation links (nobody opened them here).
    expect((signups.json() as { status: string }[]).filter((x) => x.status === 'pending_confirmation')).toHaveLength(6)
    await e.close()
  })

  it('leaves no old name or address of a changed sign-up after the retention run', async () => {
    const e = await embeddedApp()
    cleanup = () => rmSync(e.dataDir, { recursive: true, force: true })
    const before = probe(e.tableId, false)
    const after = probe(e.tableId, false)
    await signUp(e.app, [before.signup])
    await signUp(e.app, [{ ...before.signup, revision: 2, name: after.signup.name, contact: after.signup.contact, motivation: after.signup.motivation! }])
    await runRetentionJob({ database: e.database, notifier: e.notifier, log: e.app.log, publicUrl: 'http://meepraat.test' }, e.clock.now)
    await e.close()
    for (const text of before.strings) expect(filesHolding(e.dataDir, text), text).toEqual([])
    expect(filesHolding(e.dataDir, after.signup.name).length).toBeGreaterThan(0)
  })

  it('leaves nothing of people whose details the retention job deleted', async () => {
    const e = await embeddedApp()
    cleanup = () => rmSync(e.dataDir, { recursive: true, force: true })
    const notSelected = probe(e.tableId, false)
    const unconfirmed = probe(e.tableId, true)
    await signUp(e.app, [notSelected.signup, unconfirmed.signup])
    await confirmFromMailFile(e.app, e.dataDir, notSelected.signup.id)
    // The table starts on day 20; details of people not selected go 30 days later, unconfirmed under-16s after 30.
    e.clock.now = new Date(e.clock.now.getTime() + 51 * DAY)
    const counts = await runRetentionJob({ database: e.database, notifier: e.notifier, log: e.app.log, publicUrl: 'http://meepraat.test' }, e.clock.now)
    expect(counts.beverwijk).toMatchObject({ pendingDeleted: 1, nonSelectedContactsDeleted: 1 })
    await e.close()

    for (const text of [...notSelected.strings, ...unconfirmed.strings]) expect(filesHolding(e.dataDir, text), text).toEqual([])
  })
})
