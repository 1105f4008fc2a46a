import { and, asc, eq, inArray, lte, or, sql } from 'drizzle-orm'
import { queryRows, type Db } from '../db/client'
import { mailOutbox } from '../db/schema'
import type { MailMessage } from '../notify/notifier'

export type MailState = (typeof mailOutbox.$inferSelect)['state']

export interface ClaimedMail {
  id: string
  from: string
  to: string
  subject: string
  text: string
  about: string | null
  attempts: number
}

/** Writes a message to the queue; it is sent by the next worker that looks (at once when woken). */
export async function enqueueMail(db: Db, message: MailMessage, from: string, now: Date): Promise<string> {
  const [row] = await db
    .insert(mailOutbox)
    .values({
      municipality: message.municipality ?? null,
      from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      about: message.about ?? null,
      nextAttemptAt: now,
      createdAt: now,
    })
    .returning({ id: mailOutbox.id })
  return row!.id
}

/**
 * Claims the next due message for `leaseMs`: a pending one whose time has come, or one whose
 * sender's lease ran out (that worker died mid-send). `SKIP LOCKED` lets workers in other
 * processes claim other messages at the same moment instead of waiting for this one.
 */
export async function claimNextMail(db: Db, now: Date, leaseMs: number): Promise<ClaimedMail | null> {
  const [row] = await queryRows<ClaimedMail>(db, sql`
    update mail_outbox set state = 'sending', attempts = attempts + 1, lease_until = ${new Date(now.getTime() + leaseMs)}
    where id = (
      select id from mail_outbox
      where (state = 'pending' and next_attempt_at <= ${now}) or (state = 'sending' and lease_until <= ${now})
      order by next_attempt_at, id
      limit 1
      for update skip locked
    )
    returning id, "from", "to", subject, text, about, attempts`)
  return row ?? null
}

/** Sent: the body goes (it is personal data); the row stays so the message is never sent again. */
export async function markMailSent(db: Db, id: string, now: Date): Promise<void> {
  await db.update(mailOutbox).set({ state: 'sent', sentAt: now, text: '', leaseUntil: null, lastError: null }).where(and(eq(mailOutbox.id, id), eq(mailOutbox.state, 'sending')))
}

/** Failed: try again at `retryAt`, or give up (`dead`, shown to the municipality's admins). */
export async function markMailFailed(db: Db, id: string, error: string, retryAt: Date | null): Promise<void> {
  await db
    .update(mailOutbox)
    .set(retryAt ? { state: 'pending', nextAttemptAt: retryAt, leaseUntil: null, lastError: error } : { state: 'dead', leaseUntil: null, lastError: error })
    .where(and(eq(mailOutbox.id, id), eq(mailOutbox.state, 'sending')))
}

/** Messages about withdrawn registrations that were not sent yet are not sent at all. */
export async function forgetMailAbout(db: Db, about: readonly string[]): Promise<void> {
  if (about.length === 0) return
  await db.delete(mailOutbox).where(and(inArray(mailOutbox.about, [...about]), or(eq(mailOutbox.state, 'pending'), eq(mailOutbox.state, 'dead'))))
  await db.update(mailOutbox).set({ text: '' }).where(inArray(mailOutbox.about, [...about]))
}

export interface MailQueueSummary {
  counts: Record<MailState, number>
  dead: { id: string; to: string; subject: string; attempts: number; lastError: string | null; createdAt: Date }[]
}

/** What a municipality's admins see of its queue: counts per state and the messages that gave up. */
export async function mailQueueOf(db: Db, municipality: string): Promise<MailQueueSummary> {
  const counts = await db
    .select({ state: mailOutbox.state, n: sql<number>`count(*)::int` })
    .from(mailOutbox)
    .where(eq(mailOutbox.municipality, municipality))
    .groupBy(mailOutbox.state)
  const dead = await db
    .select({ id: mailOutbox.id, to: mailOutbox.to, subject: mailOutbox.subject, attempts: mailOutbox.attempts, lastError: mailOutbox.lastError, createdAt: mailOutbox.createdAt })
    .from(mailOutbox)
    .where(and(eq(mailOutbox.municipality, municipality), eq(mailOutbox.state, 'dead')))
    .orderBy(asc(mailOutbox.createdAt))
    .limit(200)
  const byState: Record<MailState, number> = { pending: 0, sending: 0, sent: 0, dead: 0 }
  for (const c of counts) byState[c.state] = c.n
  return { counts: byState, dead }
}

/** An admin sends a dead letter again (after fixing an address or the SMTP settings). */
export async function retryDeadMail(db: Db, municipality: string, id: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(mailOutbox)
    .set({ state: 'pending', attempts: 0, nextAttemptAt: now, lastError: null })
    .where(and(eq(mailOutbox.id, id), eq(mailOutbox.municipality, municipality), eq(mailOutbox.state, 'dead')))
    .returning({ id: mailOutbox.id })
  return rows.length > 0
}

/** Sent rows are kept a while (so a retry never repeats them), then removed. */
export async function purgeSentMail(db: Db, before: Date): Promise<number> {
  const rows = await db.delete(mailOutbox).where(and(eq(mailOutbox.state, 'sent'), lte(mailOutbox.sentAt, before))).returning({ id: mailOutbox.id })
  return rows.length
}
