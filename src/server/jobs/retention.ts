import { and, eq, gte, inArray, lt, min } from 'drizzle-orm'
import { PENDING_CONFIRMATION_DAYS, PENDING_GUARDIAN_DAYS, RENEWAL_GRACE_DAYS } from '../../shared/retention-periods'
import type { Db } from '../db/client'
import { contacts, feedback, interests, items, municipalities, signals, tableDetails, tableSignups } from '../db/schema'
import { scrubAnswerData } from '../db/scrub'
import { mailSendersOf } from '../notify/mail-sender'
import { mailTexts } from '../notify/mail-texts'
import type { MailMessage } from '../notify/notifier'
import { recordAudit } from '../repos/audit-repo'
import { deleteContacts } from '../repos/contact-repo'
import { deleteUnconfirmedAlerts } from '../repos/email-alert-repo'
import { deleteGuardianTokens } from '../repos/guardian-repo'
import { deleteOldLoginFailures } from '../repos/login-failure-repo'
import { settingsOf } from '../repos/municipality-repo'
import { deleteExpiredPendingSignIns } from '../repos/sign-in-settings-repo'
import { deleteExpiredSessions } from '../repos/session-repo'
import { forgetSignupDetails } from '../repos/signup-repo'
import { confirmationLink } from '../services/contact-confirmation-service'
import { sendAll } from '../services/table-service'
import { eraseTraces, type TraceEraser } from '../tables/erase-traces'
import { anonymiseExpiredAnswers } from './answer-retention'
import { renewInterests, type RenewalRequest } from './interest-renewal'

const DAY_MS = 24 * 60 * 60 * 1000
/** Under-16 registrations without a guardian's yes are deleted after this long. */
export { PENDING_GUARDIAN_DAYS }

/** Deletes contact details and the free text people wrote about themselves; returns how many contacts went. */
async function forgetPeople(db: Db, signupIds: string[], forgotten: string[]): Promise<number> {
  if (signupIds.length === 0) return 0
  await forgetSignupDetails(db, signupIds)
  forgotten.push(...signupIds)
  return deleteContacts(db, 'signup', signupIds)
}

export interface RetentionCounts {
  pendingDeleted: number
  nonSelectedContactsDeleted: number
  memberContactsDeleted: number
  /** Adults' registrations whose e-mail address was not confirmed in time. */
  unconfirmedDeleted: number
  /** Items whose free-text answers were deleted and device keys anonymised. */
  answerItemsAnonymised: number
  /** Benader mij members asked whether they want to stay. */
  renewalsRequested: number
  /** Benader mij members removed because they did not say yes in time. */
  notRenewedRemoved: number
  /** Contact details left with a signal, deleted once the municipality's answer is old enough. */
  signalContactsDeleted: number
}

/** Every count at zero: a run's starting point, and the totals of a run over no municipality. */
export const zeroRetentionCounts = (): RetentionCounts => ({
  pendingDeleted: 0,
  nonSelectedContactsDeleted: 0,
  memberContactsDeleted: 0,
  unconfirmedDeleted: 0,
  answerItemsAnonymised: 0,
  renewalsRequested: 0,
  notRenewedRemoved: 0,
  signalContactsDeleted: 0,
})

/** What the hourly job needs besides the database: mail for the yearly Benader mij question. */
export interface RetentionContext extends TraceEraser {
  publicUrl: string
}

/**
 * Deletes what may no longer be kept, per municipality: unconfirmed under-16 registrations after
 * 30 days; adults' registrations whose e-mail address was not confirmed after 14 days; contact
 * details of people not selected when the table started plus N days; of members when the
 * municipality responded to the advice plus M days; free-text answers and device keys of items
 * whose final feedback is `answersMonths` old; Benader mij members who did not renew. Logs
 * counts, never names. Also removes expired sessions and sign-in attempts older than a day.
 */
export async function runRetention(db: Db, now: Date): Promise<Record<string, RetentionCounts>> {
  return (await retentionPass(db, now)).counts
}

/**
 * The hourly job: `runRetention`, then, after its commits, the traces of whoever it forgot are
 * erased (stored mail copies) and the personal-data tables are rewritten on disk.
 */
export async function runRetentionJob(e: RetentionContext, now: Date): Promise<Record<string, RetentionCounts>> {
  const { counts, forgotten, renewalRequests } = await retentionPass(e.database.db, now)
  // Every run, not only when it deleted something: a changed name or address also leaves the
  // old row version behind in the table files. The tables are small, so the rewrite is cheap.
  await eraseTraces(e, forgotten)
  // The answer tables are large: rewritten only when this run removed text or keys from them.
  if (Object.values(counts).some((c) => c.answerItemsAnonymised > 0)) await scrubAnswerData(e.database, e.log)
  const renewals: MailMessage[] = []
  const senderOf = mailSendersOf(e.database.db)
  for (const r of renewalRequests) {
    const from = await senderOf(r.municipality)
    renewals.push({ to: r.email, about: r.ownerId, municipality: r.municipality, ...mailTexts.interestRenewal(from, { name: r.name, link: confirmationLink(e.publicUrl, r.token), months: r.months, days: RENEWAL_GRACE_DAYS }, r.language) })
  }
  await sendAll(e, renewals)
  return counts
}

async function retentionPass(db: Db, now: Date): Promise<{ counts: Record<string, RetentionCounts>; forgotten: string[]; renewalRequests: (RenewalRequest & { months: number; municipality: string })[] }> {
  const out: Record<string, RetentionCounts> = {}
  /** Registrations whose details this run deleted or found deleted already. */
  const forgotten: string[] = []
  const renewalRequests: (RenewalRequest & { months: number; municipality: string })[] = []
  // Housekeeping without personal data: sessions that can no longer be used, old sign-in attempts.
  await deleteExpiredSessions(db, now)
  await deleteOldLoginFailures(db, new Date(now.getTime() - DAY_MS))
  await deleteExpiredPendingSignIns(db, now)
  // E-mail alerts whose address nobody confirmed while the link worked: the address goes.
  forgotten.push(...(await deleteUnconfirmedAlerts(db, new Date(now.getTime() - PENDING_CONFIRMATION_DAYS * DAY_MS))))
  for (const m of await db.select().from(municipalities)) {
    const counts = zeroRetentionCounts()
    const retention = settingsOf(m).retention
    const pendingBefore = new Date(now.getTime() - PENDING_GUARDIAN_DAYS * DAY_MS)
    // Answers first, each item in its own transaction (there may be many rows).
    counts.answerItemsAnonymised = await anonymiseExpiredAnswers(db, m.slug, retention.answersMonths, now)
    await db.transaction(async (t) => {
      counts.unconfirmedDeleted = await deleteUnconfirmed(t, m.slug, now, forgotten)
      const renewal = await renewInterests(t, m.slug, retention.interestConfirmMonths, now)
      counts.renewalsRequested = renewal.asked
      counts.notRenewedRemoved = renewal.removed.length
      forgotten.push(...renewal.removed)
      renewalRequests.push(...renewal.requests.map((r) => ({ ...r, months: retention.interestConfirmMonths, municipality: m.slug })))

      const pendingSignups = await t
        .select({ id: tableSignups.id })
        .from(tableSignups)
        .innerJoin(items, eq(items.id, tableSignups.itemId))
        .where(and(eq(items.municipality, m.slug), eq(tableSignups.status, 'pending_guardian'), lt(tableSignups.receivedAt, pendingBefore)))
      const pendingInterests = await t
        .select({ id: interests.id })
        .from(interests)
        .where(and(eq(interests.municipality, m.slug), eq(interests.status, 'pending_guardian'), lt(interests.receivedAt, pendingBefore)))
      const signupIds = pendingSignups.map((r) => r.id)
      const interestIds = pendingInterests.map((r) => r.id)
      if (signupIds.length > 0) {
        await deleteContacts(t, 'signup', signupIds)
        await deleteGuardianTokens(t, 'signup', signupIds)
        await t.delete(tableSignups).where(inArray(tableSignups.id, signupIds))
      }
      if (interestIds.length > 0) {
        await deleteContacts(t, 'interest', interestIds)
        await deleteGuardianTokens(t, 'interest', interestIds)
        await t.delete(interests).where(inArray(interests.id, interestIds))
      }
      counts.pendingDeleted = signupIds.length + interestIds.length
      forgotten.push(...signupIds, ...interestIds)

      const tables = await t
        .select({ itemId: tableDetails.itemId, assignment: tableDetails.assignment, advicePublishedAt: tableDetails.advicePublishedAt })
        .from(tableDetails)
        .innerJoin(items, eq(items.id, tableDetails.itemId))
        .where(eq(items.municipality, m.slug))
      for (const table of tables) {
        const signups = await t.select({ id: tableSignups.id, status: tableSignups.status }).from(tableSignups).where(eq(tableSignups.itemId, table.itemId))
        if (new Date(table.assignment.startsAt).getTime() + m.retentionNonSelectedDays * DAY_MS < now.getTime()) {
          counts.nonSelectedContactsDeleted += await forgetPeople(t, signups.filter((s) => s.status === 'waitlisted' || s.status === 'not_selected' || s.status === 'eligible').map((s) => s.id), forgotten)
        }
        if (table.advicePublishedAt) {
          const [response] = await t
            .select({ at: min(feedback.publishedAt) })
            .from(feedback)
            .where(and(eq(feedback.itemId, table.itemId), gte(feedback.publishedAt, table.advicePublishedAt)))
          if (response?.at && response.at.getTime() + m.retentionMemberDays * DAY_MS < now.getTime()) {
            counts.memberContactsDeleted += await forgetPeople(t, signups.filter((s) => s.status === 'selected').map((s) => s.id), forgotten)
          }
        }
      }
      // A resident who asked to be contacted about a signal: kept as long as a table member's
      // details after the municipality answered (the answer itself stays public, without them).
      // One statement: only contacts still there are touched, so answered signals are not read again every run.
      const answeredLongAgo = t
        .select({ id: signals.id })
        .from(signals)
        .where(and(eq(signals.municipality, m.slug), lt(signals.respondedAt, new Date(now.getTime() - retention.memberDays * DAY_MS))))
      const signalContacts = await t
        .delete(contacts)
        .where(and(eq(contacts.ownerKind, 'signal'), inArray(contacts.ownerId, answeredLongAgo)))
        .returning({ id: contacts.ownerId })
      counts.signalContactsDeleted = signalContacts.length
      if (Object.values(counts).some((n) => n > 0)) {
        await recordAudit(t, { officialId: null, municipality: m.slug, action: 'retention.run', details: { ...counts } }, now)
      }
    })
    out[m.slug] = counts
  }
  return { counts: out, forgotten, renewalRequests }
}

/**
 * Registrations of adults whose e-mail address was not confirmed within
 * `PENDING_CONFIRMATION_DAYS` of giving it: the row, its contact details and its links go.
 */
async function deleteUnconfirmed(t: Db, municipality: string, now: Date, forgotten: string[]): Promise<number> {
  const before = new Date(now.getTime() - PENDING_CONFIRMATION_DAYS * DAY_MS)
  const signups = await t
    .select({ id: tableSignups.id })
    .from(tableSignups)
    .innerJoin(items, eq(items.id, tableSignups.itemId))
    .where(and(eq(items.municipality, municipality), eq(tableSignups.status, 'pending_confirmation'), lt(tableSignups.updatedAt, before)))
  const registrations = await t
    .select({ id: interests.id })
    .from(interests)
    .where(and(eq(interests.municipality, municipality), eq(interests.status, 'pending_confirmation'), lt(interests.updatedAt, before)))
  const signupIds = signups.map((r) => r.id)
  const interestIds = registrations.map((r) => r.id)
  if (signupIds.length > 0) {
    await deleteContacts(t, 'signup', signupIds)
    await deleteGuardianTokens(t, 'signup', signupIds)
    await t.delete(tableSignups).where(inArray(tableSignups.id, signupIds))
  }
  if (interestIds.length > 0) {
    await deleteContacts(t, 'interest', interestIds)
    await deleteGuardianTokens(t, 'interest', interestIds)
    await t.delete(interests).where(inArray(interests.id, interestIds))
  }
  forgotten.push(...signupIds, ...interestIds)
  return signupIds.length + interestIds.length
}
