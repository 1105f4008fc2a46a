import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../../src/server/app'
import { queryRows } from '../../../src/server/db/client'
import { drainMailQueue, MAX_MAIL_ATTEMPTS, retryDelayMs } from '../../../src/server/notify/mail-worker'
import { createSmtpNotifier } from '../../../src/server/notify/smtp-notifier'
import { putAssignment } from '../../../src/server/repos/table-repo'
import { enqueueMail } from '../../../src/server/repos/mail-outbox-repo'
import { givenItem, givenMunicipality } from '../../support/factories'
import { givenOfficial, signIn } from '../../support/officials'
import { startTestSmtpServer, subjectOf, type TestSmtpServer } from '../../support/smtp'
import { aSignup, anAssignment, signUp } from '../../support/tables'
import { createTestDatabase, type TestDatabase } from '../../support/test-database'

let smtp: TestSmtpServer
let testDb: TestDatabase
let app: FastifyInstance
let now: Date
const MINUTE = 60_000

beforeAll(async () => {
  smtp = await startTestSmtpServer()
})
afterAll(() => smtp.close())

beforeEach(async () => {
  smtp.received.length = 0
  testDb = await createTestDatabase()
  now = new Date('2026-06-01T12:00:00Z')
  // A long interval: the test drains by hand, so every step is deterministic.
  app = await buildApp({
    database: testDb.database,
    ownsDatabase: false,
    clock: () => now,
    notifier: createSmtpNotifier(smtp.url, 'Meepraat <noreply@meepraat.test>'),
    mailQueue: { intervalMs: 3_600_000 },
    mailFrom: 'Gemeente Beverwijk <noreply@beverwijk.nl>',
    adminSecondFactor: 'optional',
    publicUrl: 'https://meepraat.beverwijk.nl',
  })
  await givenMunicipality(testDb.database.db)
})
afterEach(async () => {
  await app.close()
  await testDb.dispose()
})

async function rows() {
  return queryRows<{ state: string; attempts: number; text: string; last_error: string | null }>(testDb.database.db, sql`select state, attempts, text, last_error from mail_outbox order by created_at`)
}

const transport = () => createSmtpNotifier(smtp.url, 'Meepraat <noreply@meepraat.test>')

describe('the durable mail queue', () => {
  it('writes the app’s e-mail to the queue first; the worker delivers it once and empties its body', async () => {
    const tableId = await givenItem(testDb.database.db, now, { kind: 'table', questions: [] })
    await putAssignment(testDb.database.db, tableId, anAssignment(now))
    await signUp(app, [aSignup(tableId, { ageBand: '<16', guardianEmail: 'ouder@example.nl' })])
    await app.mailWorker!.drain()
    expect(smtp.received.map((m) => m.to)).toEqual([['ouder@example.nl']])
    expect(smtp.received[0]!.from).toBe('noreply@beverwijk.nl')
    expect(await rows()).toMatchObject([{ state: 'sent', attempts: 1, text: '' }])
    await app.mailWorker!.drain()
    expect(smtp.received).toHaveLength(1)
  })

  it('retries a delivery the mail server refused for now (451) after the backoff, and then sends it', async () => {
    smtp.refuseNext(1, 451)
    await enqueueMail(testDb.database.db, { to: 'a@example.nl', subject: 'Een bericht', text: 'Tekst' }, 'noreply@beverwijk.nl', now)
    const t = transport()
    expect(await drainMailQueue(testDb.database.db, t, () => now)).toEqual({ sent: 0, failed: 1 })
    expect(await rows()).toMatchObject([{ state: 'pending', attempts: 1, last_error: 'SMTP 451' }])
    // Not due before the backoff has passed.
    expect(await drainMailQueue(testDb.database.db, t, () => now)).toEqual({ sent: 0, failed: 0 })
    now = new Date(now.getTime() + retryDelayMs(1))
    expect(await drainMailQueue(testDb.database.db, t, () => now)).toEqual({ sent: 1, failed: 0 })
    expect(smtp.received.map(subjectOf)).toEqual(['Een bericht'])
    await t.close()
  })

  it('gives up on a permanent refusal (550): the admin sees the dead letter with the address masked and can send it again', async () => {
    smtp.refuseNext(1, 550)
    await enqueueMail(testDb.database.db, { to: 'jan.jansen@example.nl', subject: 'Uw aanmelding', text: 'Tekst', municipality: 'beverwijk' }, 'noreply@beverwijk.nl', now)
    await app.mailWorker!.drain()
    await givenOfficial(testDb.database.db, 'beverwijk', 'admin')
    const admin = await signIn(app, 'admin@beverwijk.nl')
    const queue = await app.inject({ method: 'GET', url: '/api/official/mail-queue', headers: admin.headers })
    expect(queue.statusCode).toBe(200)
    const body = queue.json() as { counts: Record<string, number>; dead: { id: string; to: string; subject: string; lastError: string }[] }
    expect(body.counts.dead).toBe(1)
    expect(body.dead).toMatchObject([{ to: 'j***@example.nl', subject: 'Uw aanmelding', lastError: 'SMTP 550' }])
    expect(queue.body).not.toContain('jan.jansen')

    const retry = await app.inject({ method: 'POST', url: `/api/official/mail-queue/${body.dead[0]!.id}/retry`, headers: admin.headers, payload: {} })
    expect(retry.statusCode).toBe(200)
    await app.mailWorker!.drain()
    expect(smtp.received.map((m) => m.to)).toEqual([['jan.jansen@example.nl']])
    const [audit] = await queryRows<{ action: string }>(testDb.database.db, sql`select action from audit_log where action = 'mail.retry'`)
    expect(audit?.action).toBe('mail.retry')
  })

  it('stops retrying after the last attempt and keeps the message as a dead letter', async () => {
    smtp.refuseNext(MAX_MAIL_ATTEMPTS, 451)
    await enqueueMail(testDb.database.db, { to: 'a@example.nl', subject: 'S', text: 'T' }, 'noreply@beverwijk.nl', now)
    const t = transport()
    for (let attempt = 1; attempt <= MAX_MAIL_ATTEMPTS; attempt++) {
      await drainMailQueue(testDb.database.db, t, () => now)
      now = new Date(now.getTime() + retryDelayMs(attempt))
    }
    expect(await rows()).toMatchObject([{ state: 'dead', attempts: MAX_MAIL_ATTEMPTS }])
    expect(smtp.received).toHaveLength(0)
    await t.close()
  })

  it('lets two workers drain one queue at the same time and sends every message exactly once', async () => {
    for (let i = 0; i < 30; i++) await enqueueMail(testDb.database.db, { to: `r${i}@example.nl`, subject: `Bericht ${i}`, text: 'T' }, 'noreply@beverwijk.nl', now)
    const [a, b] = [transport(), transport()]
    const [ra, rb] = await Promise.all([drainMailQueue(testDb.database.db, a, () => now), drainMailQueue(testDb.database.db, b, () => now)])
    expect(ra.sent + rb.sent).toBe(30)
    expect(smtp.received.map(subjectOf).sort()).toEqual(Array.from({ length: 30 }, (_, i) => `Bericht ${i}`).sort())
    await Promise.all([a.close(), b.close()])
  })

  it('sends a message again when its sender died mid-send, once the claim has lapsed', async () => {
    await enqueueMail(testDb.database.db, { to: 'a@example.nl', subject: 'Na een crash', text: 'T' }, 'noreply@beverwijk.nl', now)
    // A claim that was never finished: what a process killed during the SMTP exchange leaves.
    await testDb.database.db.execute(sql`update mail_outbox set state = 'sending', attempts = 1, lease_until = ${new Date(now.getTime() + 2 * MINUTE)}`)
    const t = transport()
    expect(await drainMailQueue(testDb.database.db, t, () => now)).toEqual({ sent: 0, failed: 0 })
    now = new Date(now.getTime() + 2 * MINUTE)
    expect(await drainMailQueue(testDb.database.db, t, () => now)).toEqual({ sent: 1, failed: 0 })
    expect(await rows()).toMatchObject([{ state: 'sent', attempts: 2 }])
    await t.close()
  })

  it('never sends a waiting message about a registration that was withdrawn', async () => {
    const about = '2b1d2c4e-7a39-4b5c-9d1e-3f4a5b6c7d8e'
    await enqueueMail(testDb.database.db, { to: 'a@example.nl', subject: 'S', text: 'T', about }, 'noreply@beverwijk.nl', now)
    await app.notifier.forget!([about])
    await app.mailWorker!.drain()
    expect(smtp.received).toHaveLength(0)
    expect(await rows()).toEqual([])
  })
})

describe('sent mail housekeeping', () => {
  it('removes sent messages, with their address, 30 days after sending and keeps newer ones', async () => {
    const { mailPurgeJob, SENT_MAIL_KEPT_DAYS } = await import('../../../src/server/jobs/app-jobs')
    await enqueueMail(testDb.database.db, { to: 'oud@example.nl', subject: 'Oud', text: 'T' }, 'noreply@beverwijk.nl', now)
    await app.mailWorker!.drain()
    now = new Date(now.getTime() + SENT_MAIL_KEPT_DAYS * 24 * 60 * MINUTE - MINUTE)
    await enqueueMail(testDb.database.db, { to: 'nieuw@example.nl', subject: 'Nieuw', text: 'T' }, 'noreply@beverwijk.nl', now)
    await app.mailWorker!.drain()
    now = new Date(now.getTime() + 2 * MINUTE)
    expect(await mailPurgeJob(app).run(now)).toEqual({ deleted: 1 })
    const left = await queryRows<{ to: string }>(testDb.database.db, sql`select "to" from mail_outbox`)
    expect(left).toEqual([{ to: 'nieuw@example.nl' }])
  })
})
