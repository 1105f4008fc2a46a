import { and, eq, isNull, ne } from 'drizzle-orm'
import { PENDING_CONFIRMATION_DAYS } from '../../shared/retention-periods'
import { EMAIL_ALERT_CONSENT_VERSION, type EmailAlert, type EmailAlertLinkResult, type EmailAlertRequest } from '../../shared/schemas/email-alert'
import type { FeedbackInput } from '../../shared/schemas/feedback'
import type { DeviceKeys } from '../auth/device-keys'
import type { Db } from '../db/client'
import { feedback, items } from '../db/schema'
import { DomainError, notFound } from '../errors'
import { mailSenderOf } from '../notify/mail-sender'
import { mailTexts } from '../notify/mail-texts'
import type { TransactionalMail } from '../notify/transactional-mail'
import {
  confirmedAlertsOf,
  confirmEmailAlert,
  deleteAlertsOfItem,
  deleteEmailAlertsOfDevice,
  emailAlertsOfDevice,
  putEmailAlert,
  toEmailAlert,
  unsubscribeEmailAlert,
  type UnsubscribeTokenOf,
} from '../repos/email-alert-repo'

const DAY_MS = 24 * 60 * 60 * 1000

/** The resident app's pages that open the links (they ask before they act: mail scanners open links too). */
export const ALERT_CONFIRM_PATH = '/melding-bevestigen'
export const ALERT_UNSUBSCRIBE_PATH = '/melding-afmelden'

/** Links carry the token in the fragment: browsers never send it, so no proxy or access log sees it. */
const linkTo = (publicUrl: string, path: string, token: string) => `${publicUrl}${path}#t=${token}`
export const itemLink = (publicUrl: string, itemId: string) => `${publicUrl}/i/${itemId}`

/** What alert mail needs besides the transaction: where links point and how the one-click token is made. */
export interface AlertMailing {
  mail: TransactionalMail
  publicUrl: string
  unsubscribeTokenOf: UnsubscribeTokenOf
}

/** The one-click token of an alert: an HMAC of its id under the server's device-key secret. */
export function unsubscribeTokensWith(keys: DeviceKeys): UnsubscribeTokenOf {
  return (alertId) => keys.keyFor('email_alerts', `unsubscribe\u0000${alertId}`)
}

async function hasFinalFeedback(db: Db, itemId: string): Promise<boolean> {
  const [row] = await db.select({ id: feedback.id }).from(feedback).where(and(eq(feedback.itemId, itemId), ne(feedback.outcome, 'in_progress'), isNull(feedback.correctsId))).limit(1)
  return Boolean(row)
}

/**
 * A device asks to be mailed when the municipality responds on one item. The address is stored
 * under the device's `email_alerts` key only, and the confirmation mail (the only mail before the
 * yes) is queued in the same transaction, in the language the resident chose.
 */
export async function askEmailAlert(db: Db, keys: DeviceKeys, m: AlertMailing, deviceId: string | null, input: EmailAlertRequest, now: Date): Promise<EmailAlert> {
  if (deviceId === null) throw notFound('device')
  if (input.consentVersion !== EMAIL_ALERT_CONSENT_VERSION) throw new DomainError('consent_outdated', 'The consent text changed; show the current one')
  const alert = await db.transaction(async (tx) => {
    const [item] = await tx.select({ id: items.id, title: items.title, municipality: items.municipality, publishedAt: items.publishedAt, feedbackDueAt: items.feedbackDueAt }).from(items).where(eq(items.id, input.itemId))
    if (!item) throw notFound('item')
    if (!item.publishedAt || item.publishedAt > now) throw new DomainError('item_not_published', 'This item is not published')
    if (await hasFinalFeedback(tx, item.id)) throw new DomainError('feedback_final', 'The municipality gave its final response on this item already')
    const asked = await putEmailAlert(tx, { itemId: item.id, deviceKey: keys.keyFor('email_alerts', deviceId), email: input.email, language: input.language, consentVersion: input.consentVersion }, m.unsubscribeTokenOf, now)
    if (asked.confirmToken) {
      const from = await mailSenderOf(tx, item.municipality)
      const text = mailTexts.alertConfirm(
        from,
        { itemTitle: item.title, link: linkTo(m.publicUrl, ALERT_CONFIRM_PATH, asked.confirmToken), unsubscribeLink: linkTo(m.publicUrl, ALERT_UNSUBSCRIBE_PATH, m.unsubscribeTokenOf(asked.row.id)), feedbackDueAt: item.feedbackDueAt.toISOString() },
        input.language,
      )
      await m.mail.add(tx, { to: input.email, about: asked.row.id, municipality: item.municipality, ...text })
    }
    return toEmailAlert(asked.row, item.title)
  })
  await m.mail.afterCommit()
  return alert
}

async function titleOf(db: Db, itemId: string): Promise<string> {
  const [row] = await db.select({ title: items.title }).from(items).where(eq(items.id, itemId))
  return row?.title ?? ''
}

/** The link in the confirmation mail: from now on the address gets the municipality's responses. */
export async function confirmAlertLink(db: Db, token: string, now: Date): Promise<EmailAlertLinkResult> {
  const row = await confirmEmailAlert(db, token, new Date(now.getTime() - PENDING_CONFIRMATION_DAYS * DAY_MS), now)
  if (!row) throw new DomainError('alert_link_invalid', 'This link is unknown, used already, or expired')
  return { ok: true, itemTitle: await titleOf(db, row.itemId) }
}

/**
 * One click in any alert mail: the alert and its address go, and mail about it that has not
 * gone out yet is not sent (`forget`).
 */
export async function unsubscribeAlertLink(db: Db, forget: (ids: string[]) => Promise<void>, token: string): Promise<EmailAlertLinkResult> {
  const row = await unsubscribeEmailAlert(db, token)
  if (!row) throw new DomainError('alert_link_invalid', 'This link is unknown, or the alert is gone already')
  await forget([row.id])
  return { ok: true, itemTitle: await titleOf(db, row.itemId) }
}

export function emailAlertsOf(db: Db, keys: DeviceKeys, deviceId: string | null): Promise<EmailAlert[]> {
  return deviceId === null ? Promise.resolve([]) : emailAlertsOfDevice(db, keys.keyFor('email_alerts', deviceId))
}

export async function removeEmailAlert(db: Db, keys: DeviceKeys, forget: (ids: string[]) => Promise<void>, deviceId: string | null, id: string): Promise<void> {
  if (deviceId === null) throw notFound('alert')
  const removed = await deleteEmailAlertsOfDevice(db, keys.keyFor('email_alerts', deviceId), id)
  if (removed.length === 0) throw notFound('alert')
  await forget(removed)
}

/**
 * Feedback was published on an item (called in that transaction): every confirmed address gets
 * it, quoted, in its own language. The final response (any outcome but `in_progress`) is the
 * last thing there is to mail: then every alert of the item is deleted, in the same transaction.
 */
export async function queueFeedbackAlerts(tx: Db, m: AlertMailing, item: { id: string; title: string; municipality: string }, entry: Pick<FeedbackInput, 'outcome' | 'summary'>, now: Date): Promise<{ mailed: number; deleted: number }> {
  const alerts = await confirmedAlertsOf(tx, item.id)
  const final = entry.outcome !== 'in_progress'
  if (alerts.length > 0) {
    const from = await mailSenderOf(tx, item.municipality)
    for (const a of alerts) {
      const text = mailTexts.alertFeedback(
        from,
        { itemTitle: item.title, outcome: entry.outcome, summary: entry.summary, publishedAt: now.toISOString(), link: itemLink(m.publicUrl, item.id), unsubscribeLink: linkTo(m.publicUrl, ALERT_UNSUBSCRIBE_PATH, m.unsubscribeTokenOf(a.id)), final },
        a.language,
      )
      await m.mail.add(tx, { to: a.email, about: a.id, municipality: item.municipality, ...text })
    }
  }
  const deleted = final ? await deleteAlertsOfItem(tx, item.id) : 0
  return { mailed: alerts.length, deleted }
}
