/**
 * Messages per second through the durable mail queue: N messages are written to `mail_outbox`
 * (as the app's queued notifier writes them), then drained by 1 and by 2 workers at once, each
 * running the app's own `drainMailQueue` (`SELECT ... FOR UPDATE SKIP LOCKED` claims) with the
 * app's own SMTP transport (`createSmtpNotifier`, nodemailer) into a local smtp-server
 * (tests/support/smtp.ts). Afterwards the server must hold each message exactly once.
 *
 *   npx tsx bench/mail-throughput.ts
 *   BENCH_TARGETS=postgres BENCH_MAIL_MESSAGES=500 npx tsx bench/mail-throughput.ts
 */
import { sql } from 'drizzle-orm'
import { createSmtpNotifier } from '../src/server/notify/smtp-notifier'
import { drainMailQueue } from '../src/server/notify/mail-worker'
import { enqueueMail } from '../src/server/repos/mail-outbox-repo'
import type { Db } from '../src/server/db/client'
import { isMain, log, round, runAsScript, withScope, type Scope } from './lib/common'
import { openDatabase, scalar, type Target } from './lib/db'
import { postgresCluster, smtpServer } from './lib/support'

export interface MailThroughputOptions {
  targets: Target[]
  messages: number
  workers: number[]
}

export interface MailThroughputRun {
  target: Target
  workers: number
  messages: number
  seconds: number
  messagesPerS: number
  /** Messages the SMTP server accepted, and distinct subjects among them: both must equal `messages`. */
  received: number
  distinct: number
  /** Rows still not `sent` afterwards. */
  notSent: number
}

export interface MailThroughputOutcome {
  runs: MailThroughputRun[]
  failures: { target: Target; workers: number; error: string }[]
}

export const defaultMailThroughputOptions: MailThroughputOptions = { targets: ['embedded', 'postgres'], messages: 1000, workers: [1, 2] }

/** One worker: drains until a round finds nothing due, as the app's background worker does when woken. */
async function worker(db: Db, smtpUrl: string): Promise<void> {
  const transport = createSmtpNotifier(smtpUrl, 'Gemeente Beverwijk <noreply@beverwijk.nl>')
  try {
    for (;;) {
      const round = await drainMailQueue(db, transport, () => new Date())
      if (round.sent + round.failed === 0) return
    }
  } finally {
    await transport.close()
  }
}

async function databaseFor(scope: Scope, target: Target) {
  if (target === 'embedded') return openDatabase(scope, { dataDir: scope.tempDir('meepraat-mail-bench-') })
  const cluster = await (await postgresCluster()).startPostgresCluster({ durable: true })
  scope.defer('stop PostgreSQL', () => cluster.stop())
  return openDatabase(scope, { url: cluster.url })
}

async function runOne(target: Target, workers: number, messages: number): Promise<MailThroughputRun> {
  return withScope(async (scope) => {
    const smtp = await (await smtpServer()).startTestSmtpServer()
    scope.defer('stop the SMTP server', () => smtp.close())
    const database = await databaseFor(scope, target)
    const now = new Date()
    for (let i = 0; i < messages; i++) {
      await enqueueMail(database.db, { to: `bewoner-${i}@example.nl`, subject: `Beverwijk: bericht ${i}`, text: `Dit bericht komt van Beverwijk, via Meepraat.\n\nBericht ${i}.`, municipality: 'beverwijk' }, 'Gemeente Beverwijk <noreply@beverwijk.nl>', now)
    }
    log(`mail ${target}: ${messages} queued, draining with ${workers} worker(s)`)
    const t0 = performance.now()
    await Promise.all(Array.from({ length: workers }, () => worker(database.db, smtp.url)))
    const seconds = (performance.now() - t0) / 1000
    const subjects = smtp.received.map((m) => /^Subject: (.*)$/m.exec(m.raw)?.[1] ?? '')
    return {
      target,
      workers,
      messages,
      seconds: round(seconds, 2),
      messagesPerS: Math.round(messages / seconds),
      received: smtp.received.length,
      distinct: new Set(subjects).size,
      notSent: await scalar(database.db, sql`select count(*) as n from mail_outbox where state <> 'sent'`),
    }
  })
}

export async function runMailThroughput(o: MailThroughputOptions = defaultMailThroughputOptions): Promise<MailThroughputOutcome> {
  const outcome: MailThroughputOutcome = { runs: [], failures: [] }
  for (const target of o.targets) {
    for (const workers of o.workers) {
      try {
        outcome.runs.push(await runOne(target, workers, o.messages))
      } catch (error) {
        outcome.failures.push({ target, workers, error: error instanceof Error ? error.message : String(error) })
      }
    }
  }
  return outcome
}

export function mailThroughputOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): MailThroughputOptions {
  return {
    targets: env.BENCH_TARGETS ? (env.BENCH_TARGETS.split(',') as Target[]) : defaultMailThroughputOptions.targets,
    messages: env.BENCH_MAIL_MESSAGES ? Number(env.BENCH_MAIL_MESSAGES) : defaultMailThroughputOptions.messages,
    workers: defaultMailThroughputOptions.workers,
  }
}

export function printMailThroughput(o: MailThroughputOutcome): string {
  const lines = ['| mail queue -> local SMTP server | result |', '|---|---|']
  for (const r of o.runs) {
    const check = r.received === r.messages && r.distinct === r.messages && r.notSent === 0 ? 'each message once' : `CHECK FAILED: received ${r.received}, distinct ${r.distinct}, not sent ${r.notSent}`
    lines.push(`| ${r.target}, ${r.workers} worker${r.workers > 1 ? 's' : ''}, ${r.messages.toLocaleString('en')} messages | ${r.messagesPerS} messages/s (${r.seconds} s), ${check} |`)
  }
  for (const f of o.failures) lines.push(`| ${f.target}, ${f.workers} worker(s) | error: ${f.error.split('\n')[0]} |`)
  const table = lines.join('\n')
  console.log(table)
  return table
}

if (isMain(import.meta.url)) runAsScript(async () => printMailThroughput(await runMailThroughput(mailThroughputOptionsFromEnv())))
