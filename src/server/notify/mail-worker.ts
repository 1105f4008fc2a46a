import type { Db } from '../db/client'
import { claimNextMail, markMailFailed, markMailSent } from '../repos/mail-outbox-repo'
import { startBackgroundWorker, type BackgroundWorker } from '../jobs/background-worker'
import type { Notifier } from './notifier'

/** What actually delivers a message: SMTP in production, a file in development, memory in tests. */
export type MailTransport = Notifier

/** How long a claim holds: longer than any SMTP exchange takes, short enough to recover from a crash. */
export const MAIL_LEASE_MS = 2 * 60_000
/** After this many failed attempts a message is dead (about a day of backoff). */
export const MAX_MAIL_ATTEMPTS = 8

/** 1, 2, 4, ... minutes, capped at 6 hours: a mail server that is down gets time to come back. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 6 * 60 * 60_000)
}

/**
 * An SMTP reply of 5xx is permanent (unknown mailbox, refused); everything else (4xx, a lost
 * connection, a timeout) may pass on a later try. The text is what admins see: a code, never an
 * address or a body.
 */
export function describeFailure(error: unknown): { permanent: boolean; summary: string } {
  const e = error as { responseCode?: number; code?: string }
  if (typeof e?.responseCode === 'number') return { permanent: e.responseCode >= 500, summary: `SMTP ${e.responseCode}` }
  return { permanent: false, summary: typeof e?.code === 'string' ? e.code : 'error' }
}

export interface DrainOutcome {
  sent: number
  failed: number
}

/** Sends every message that is due now, one claim at a time, until none is left or `limit` is reached. */
export async function drainMailQueue(db: Db, transport: MailTransport, now: () => Date, options: { limit?: number; leaseMs?: number } = {}): Promise<DrainOutcome> {
  const outcome: DrainOutcome = { sent: 0, failed: 0 }
  for (let i = 0; i < (options.limit ?? 100); i++) {
    const mail = await claimNextMail(db, now(), options.leaseMs ?? MAIL_LEASE_MS)
    if (!mail) break
    try {
      await transport.send({ from: mail.from, to: mail.to, subject: mail.subject, text: mail.text, ...(mail.about ? { about: mail.about } : {}) })
    } catch (error) {
      const { permanent, summary } = describeFailure(error)
      const giveUp = permanent || mail.attempts >= MAX_MAIL_ATTEMPTS
      await markMailFailed(db, mail.id, summary, giveUp ? null : new Date(now().getTime() + retryDelayMs(mail.attempts)))
      outcome.failed++
      continue
    }
    await markMailSent(db, mail.id, now())
    outcome.sent++
  }
  return outcome
}

export type MailWorker = BackgroundWorker<DrainOutcome>

/** The mail queue's drainer in this process; other processes drain alongside safely. */
export function startMailWorker(options: {
  db: () => Db
  transport: MailTransport
  clock: () => Date
  intervalMs?: number
  onError: (error: unknown) => void
}): MailWorker {
  return startBackgroundWorker({
    drain: () => drainMailQueue(options.db(), options.transport, options.clock),
    intervalMs: options.intervalMs ?? 30_000,
    onError: options.onError,
    onStop: () => options.transport.close(),
  })
}
