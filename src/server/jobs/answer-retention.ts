import { eq, sql } from 'drizzle-orm'
import type { Question } from '../../shared/schemas/question'
import { isFreeText } from '../../shared/question-types/registry'
import { LATE_SUBMISSION_GRACE_MS } from '../../shared/schemas/submission'
import { queryRows, type Db } from '../db/client'
import { items } from '../db/schema'

/** What a deleted free-text answer reads afterwards: the question still counts as answered. */
export const RETAINED_TEXT_PLACEHOLDER = '[verwijderd]'

/** Device keys after anonymisation start with this, so they can never equal a real (base64url) key. */
export const ANONYMOUS_KEY_PREFIX = 'anon:'

/** `months` calendar months before `now` (UTC); the 31st falls back to the month's last day. */
export function monthsBefore(now: Date, months: number): Date {
  const d = new Date(now.getTime())
  const day = d.getUTCDate()
  d.setUTCDate(1)
  d.setUTCMonth(d.getUTCMonth() - months)
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate()
  d.setUTCDate(Math.min(day, lastDay))
  return d
}

interface DueItem {
  id: string
  questions: Question[]
}

/**
 * Items whose answers have been kept long enough. "Final feedback" is the item's latest feedback
 * entry (a correction is an entry too) when its outcome is not `in_progress`: the municipality
 * said what it did with the input. The period runs from that entry's publication. An item that
 * gets a newer `in_progress` entry is not final again until a later entry says the outcome. The
 * item must also be past its late-answer grace period, so no answer can arrive afterwards.
 */
async function dueItems(db: Db, municipality: string, answersMonths: number, now: Date): Promise<DueItem[]> {
  const finalBefore = monthsBefore(now, answersMonths)
  const closedBefore = new Date(now.getTime() - LATE_SUBMISSION_GRACE_MS)
  return queryRows<DueItem>(
    db,
    sql`select i.id, i.questions from items i
        join lateral (select f.outcome, f.published_at from feedback f where f.item_id = i.id order by f.published_at desc, f.id desc limit 1) latest on true
        where i.municipality = ${municipality} and i.answers_anonymised_at is null
          and latest.outcome <> 'in_progress' and latest.published_at <= ${finalBefore.toISOString()}
          and i.closes_at <= ${closedBefore.toISOString()}
        order by i.id`,
  )
}

/**
 * Deletes one item's free-text answers (replaced by a placeholder, so tallies and the other
 * answers stay) and replaces every device key of its answers and receipts by a random value of
 * its own: no device can be linked across items any more. "One answer per device" loses its
 * meaning for this item, which is harmless: it is closed past its grace period and takes no answers.
 */
async function anonymiseItem(t: Db, item: DueItem, now: Date): Promise<void> {
  for (const q of item.questions.filter(isFreeText)) {
    await t.execute(
      sql`update current_answers set answers = jsonb_set(answers, array[${q.id}]::text[], to_jsonb(${RETAINED_TEXT_PLACEHOLDER}::text))
          where item_id = ${item.id} and jsonb_exists(answers, ${q.id})`,
    )
  }
  await t.execute(sql`update current_answers set device_key = ${ANONYMOUS_KEY_PREFIX} || gen_random_uuid()::text where item_id = ${item.id}`)
  await t.execute(sql`update submission_receipts set device_key = ${ANONYMOUS_KEY_PREFIX} || gen_random_uuid()::text where item_id = ${item.id}`)
  await t.update(items).set({ answersAnonymisedAt: now }).where(eq(items.id, item.id))
}

/**
 * Applies the answer-retention period of one municipality; each item in its own transaction, so
 * a failure leaves the others done. Returns how many items were anonymised.
 */
export async function anonymiseExpiredAnswers(db: Db, municipality: string, answersMonths: number, now: Date): Promise<number> {
  const due = await dueItems(db, municipality, answersMonths, now)
  for (const item of due) await db.transaction((t) => anonymiseItem(t, item, now))
  return due.length
}
