import { and, eq, gte, inArray, lt, min } from 'drizzle-orm'
import type { Db } from '../db/client'
import { feedback, interests, items, municipalities, tableDetails, tableSignups } from '../db/schema'
import { recordAudit } from '../repos/audit-repo'
import { deleteContacts } from '../repos/contact-repo'
import { deleteGuardianTokens } from '../repos/guardian-repo'
import { deleteOldLoginFailures } from '../repos/login-failure-repo'
import { deleteExpiredPendingSignIns } from '../repos/sign-in-settings-repo'
import { deleteExpiredSessions } from '../repos/session-repo'
import { forgetSignupDetails } from '../repos/signup-repo'
import { eraseTraces, type TraceEraser } from '../tables/erase-traces'

const DAY_MS = 24 * 60 * 60 * 1000
/** Under-16 registrations without a guardian's yes are deleted after this long. */
export const PENDING_GUARDIAN_DAYS = 30

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
}

/**
 * Deletes what may no longer be kept, per municipality: unconfirmed under-16 registrations after
 * 30 days; contact details of people not selected when the table started plus N days; of members
 * when the municipality responded to the advice plus M days. Logs counts, never names. Also
 * removes expired sessions and sign-in attempts older than a day.
 */
export async function runRetention(db: Db, now: Date): Promise<Record<string, RetentionCounts>> {
  return (await retentionPass(db, now)).counts
}

/**
 * The hourly job: `runRetention`, then, after its commits, the traces of whoever it forgot are
 * erased (stored mail copies) and the personal-data tables are rewritten on disk.
 */
export async function runRetentionJob(e: TraceEraser, now: Date): Promise<Record<string, RetentionCounts>> {
  const { counts, forgotten } = await retentionPass(e.database.db, now)
  // Every run, not only when it deleted something: a changed name or address also leaves the
  // old row version behind in the table files. The tables are small, so the rewrite is cheap.
  await eraseTraces(e, forgotten)
  return counts
}

async function retentionPass(db: Db, now: Date): Promise<{ counts: Record<string, RetentionCounts>; forgotten: string[] }> {
  const out: Record<string, RetentionCounts> = {}
  /** Registrations whose details this run deleted or found deleted already. */
  const forgotten: string[] = []
  // Housekeeping without personal data: sessions that can no longer be used, old sign-in attempts.
  await deleteExpiredSessions(db, now)
  await deleteOldLoginFailures(db, new Date(now.getTime() - DAY_MS))
  await deleteExpiredPendingSignIns(db, now)
  for (const m of await db.select().from(municipalities)) {
    const counts: RetentionCounts = { pendingDeleted: 0, nonSelectedContactsDeleted: 0, memberContactsDeleted: 0 }
    const pendingBefore = new Date(now.getTime() - PENDING_GUARDIAN_DAYS * DAY_MS)
    await db.transaction(async (t) => {
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
      if (counts.pendingDeleted + counts.nonSelectedContactsDeleted + counts.memberContactsDeleted > 0) {
        await recordAudit(t, { officialId: null, municipality: m.slug, action: 'retention.run', details: { ...counts } }, now)
      }
    })
    out[m.slug] = counts
  }
  return { counts: out, forgotten }
}
