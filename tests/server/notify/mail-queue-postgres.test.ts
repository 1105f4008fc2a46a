import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { createDatabase, queryRows, type Database } from '../../../src/server/db/client'
import { migrateDatabase } from '../../../src/server/db/migrate'
import { enqueueMail } from '../../../src/server/repos/mail-outbox-repo'
import { startTestSmtpServer, subjectOf, type TestSmtpServer } from '../../support/smtp'
import { createPostgresTestDatabase } from '../../support/test-database'

const serverUrl = inject('postgresUrl')
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url))
let database: Database
let url: string
let drop: () => Promise<void>
let smtp: TestSmtpServer

beforeAll(async () => {
  if (!serverUrl) throw new Error('These tests need PostgreSQL: install it (apt-get install -y postgresql) or set DATABASE_URL')
  const created = await createPostgresTestDatabase(serverUrl)
  url = created.url
  drop = created.drop
  database = await createDatabase({ url })
  await migrateDatabase(database)
  smtp = await startTestSmtpServer()
})
afterAll(async () => {
  await smtp?.close()
  await database?.close()
  await drop?.()
})

function worker(leaseMs: number): { child: ChildProcess; exited: Promise<number | null>; output: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/mail-drain-process.ts'], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: url, SMTP_URL: smtp.url, LEASE_MS: String(leaseMs) },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()))
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()))
  return { child, exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))), output: () => output }
}

describe('the mail queue on PostgreSQL, several processes', () => {
  it('sends every message exactly once when two workers race and a third is killed in the middle of sending', async () => {
    const now = new Date()
    const subjects = Array.from({ length: 40 }, (_, i) => `Bericht ${i}`)
    for (const subject of subjects) await enqueueMail(database.db, { to: 'inwoner@example.nl', subject, text: 'Tekst' }, 'noreply@beverwijk.nl', now)

    // The first worker is held at RCPT TO with its first message: killed there, nothing was sent.
    const hold = smtp.hold()
    const doomed = worker(1_500)
    await Promise.race([hold.holding, new Promise((_, reject) => setTimeout(() => reject(new Error(`worker never reached the mail server:\n${doomed.output()}`)), 30_000))])
    doomed.child.kill('SIGKILL')
    await doomed.exited
    hold.release()
    const [claimed] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from mail_outbox where state = 'sending'`)
    expect(claimed?.n).toBe(1)

    // Two workers drain the rest together; the killed one's message comes free when its lease lapses.
    const racers = [worker(1_500), worker(1_500)]
    const codes = await Promise.all(racers.map((r) => r.exited))
    expect(codes, racers.map((r) => r.output()).join('\n')).toEqual([0, 0])

    expect(smtp.received.map(subjectOf).sort()).toEqual([...subjects].sort())
    const states = await queryRows<{ state: string; n: number }>(database.db, sql`select state, count(*)::int as n from mail_outbox group by state`)
    expect(states).toEqual([{ state: 'sent', n: 40 }])
  }, 120_000)
})
