import { and, asc, eq, inArray } from 'drizzle-orm'
import type { Erasure, MyData } from '../../shared/schemas/my-data'
import type { MySignup } from '../../shared/schemas/table'
import { itemStatusAt } from '../../shared/validation/item-status'
import type { DeviceKeyPurpose } from '../auth/device-keys'
import type { Db } from '../db/client'
import { currentAnswers, deviceMessages, interests, items, pushSubscriptions, submissionReceipts, tableSignups } from '../db/schema'
import { contactsOf, deleteContacts } from './contact-repo'
import { deleteEmailAlertsOfDevice, emailAlertsOfDevice } from './email-alert-repo'
import { eraseDeviceSignals, signalDataOf } from './signal-repo'
import { deleteGuardianTokens } from './guardian-repo'
import { applyAnswerDeltas, talliedAnswerOf, type AnswerChange } from './answer-tallies'
import { lockDeviceAnswers } from './submission-repo'

/** The keys one device's rows are stored under, one per purpose. */
export type DeviceKeySet = Record<DeviceKeyPurpose, string>

const titlesOf = async (db: Db, ids: string[]): Promise<Map<string, string>> =>
  ids.length === 0 ? new Map() : new Map((await db.select({ id: items.id, title: items.title }).from(items).where(inArray(items.id, [...new Set(ids)]))).map((r) => [r.id, r.title]))

/** Everything stored under this device's keys, each purpose read under its own key. */
export async function readMyData(db: Db, keys: DeviceKeySet): Promise<MyData> {
  const [answers, signups, registrations, messages, emailAlerts, signalData] = await Promise.all([
    db
      .select({ row: currentAnswers, title: items.title, closesAt: items.closesAt })
      .from(currentAnswers)
      .innerJoin(items, eq(items.id, currentAnswers.itemId))
      .where(eq(currentAnswers.deviceKey, keys.answers))
      .orderBy(asc(currentAnswers.answeredAt)),
    db.select().from(tableSignups).where(eq(tableSignups.deviceKey, keys.signups)).orderBy(asc(tableSignups.receivedAt)),
    db.select().from(interests).where(eq(interests.deviceKey, keys.interests)).orderBy(asc(interests.receivedAt)),
    db.select().from(deviceMessages).where(inArray(deviceMessages.deviceKey, [keys.signups, keys.interests])).orderBy(asc(deviceMessages.at)),
    emailAlertsOfDevice(db, keys.email_alerts),
    signalDataOf(db, keys),
  ])
  const [signupContacts, interestContacts, titles] = await Promise.all([
    contactsOf(db, 'signup', signups.map((s) => s.id)),
    contactsOf(db, 'interest', registrations.map((i) => i.id)),
    titlesOf(db, [...signups.map((s) => s.itemId), ...messages.map((m) => m.itemId)]),
  ])
  return {
    answers: answers.map(({ row, title, closesAt }) => ({
      itemId: row.itemId,
      itemTitle: title,
      itemClosesAt: closesAt.toISOString(),
      answeredAt: row.answeredAt.toISOString(),
      answers: row.answers,
      ageBand: row.ageBand,
      area: row.area,
      hidden: row.hidden,
    })),
    signups: signups.map((s) => ({
      id: s.id,
      itemId: s.itemId,
      itemTitle: titles.get(s.itemId) ?? '',
      status: s.status,
      revision: s.revision,
      name: signupContacts.get(s.id)?.name ?? null,
      contact: signupContacts.get(s.id)?.contact ?? null,
      guardianEmail: signupContacts.get(s.id)?.guardianEmail ?? null,
      ageBand: s.ageBand as MySignup['ageBand'],
      area: s.area,
      roles: s.roles,
      motivation: s.motivation,
      accessibilityNeeds: s.accessibilityNeeds,
      consentVersion: s.consentVersion,
    })),
    interests: registrations.map((i) => ({
      id: i.id,
      municipality: i.municipality,
      status: i.status,
      themes: i.themes,
      ageBand: i.ageBand,
      area: i.area,
      name: interestContacts.get(i.id)?.name ?? null,
      contact: interestContacts.get(i.id)?.contact ?? null,
      guardianEmail: interestContacts.get(i.id)?.guardianEmail ?? null,
      consentVersion: i.consentVersion,
      consentedAt: i.consentedAt.toISOString(),
    })),
    messages: messages.map((m) => ({ itemId: m.itemId, itemTitle: titles.get(m.itemId) ?? '', at: m.at.toISOString(), kind: m.kind })),
    emailAlerts,
    ...signalData,
  }
}

/**
 * Deletes every row stored under this device's keys, in the caller's transaction. An answer to
 * an item still open leaves the tallies exactly as a replaced answer does; an answer to a closed
 * item (its results are final) is deleted but its counts stay, so published figures do not move
 * and nothing in them points to anyone. Contact details and guardian links go with their
 * registrations. Returns what was erased and the registration ids (for `eraseTraces`).
 */
export async function eraseDeviceRows(tx: Db, keys: DeviceKeySet, now: Date): Promise<{ erasure: Erasure; registrationIds: string[] }> {
  const answerRows = await tx
    .select({
      itemId: currentAnswers.itemId,
      answers: currentAnswers.answers,
      hidden: currentAnswers.hidden,
      questions: items.questions,
      opensAt: items.opensAt,
      closesAt: items.closesAt,
      ageBand: currentAnswers.ageBand,
      area: currentAnswers.area,
      municipality: currentAnswers.municipality,
      channel: currentAnswers.channel,
      partnerId: currentAnswers.partnerId,
    })
    .from(currentAnswers)
    .innerJoin(items, eq(items.id, currentAnswers.itemId))
    .where(eq(currentAnswers.deviceKey, keys.answers))
  // The same locks as ingest and moderation take, so no concurrent answer of this device slips between.
  if (answerRows.length > 0) await lockDeviceAnswers(tx, answerRows.map((r) => ({ itemId: r.itemId, deviceKey: keys.answers })))
  const leaving: AnswerChange[] = []
  let answersUncounted = 0
  for (const r of answerRows) {
    const open = itemStatusAt(r.opensAt, r.closesAt, now) === 'open'
    if (open) answersUncounted++
    // A hidden (moderated) answer is out of the tallies already.
    if (r.hidden) continue
    // The breakdowns show the answers that are there: an erased answer leaves them even on a
    // closed item, whose final results keep its counts.
    leaving.push({ itemId: r.itemId, questions: r.questions, before: talliedAnswerOf(r), keepResults: !open })
  }
  await applyAnswerDeltas(tx, leaving)
  await tx.delete(currentAnswers).where(eq(currentAnswers.deviceKey, keys.answers))
  await tx.delete(submissionReceipts).where(eq(submissionReceipts.deviceKey, keys.answers))

  const signupIds = (await tx.delete(tableSignups).where(eq(tableSignups.deviceKey, keys.signups)).returning({ id: tableSignups.id })).map((r) => r.id)
  const interestIds = (await tx.delete(interests).where(eq(interests.deviceKey, keys.interests)).returning({ id: interests.id })).map((r) => r.id)
  await deleteContacts(tx, 'signup', signupIds)
  await deleteContacts(tx, 'interest', interestIds)
  await deleteGuardianTokens(tx, 'signup', signupIds)
  await deleteGuardianTokens(tx, 'interest', interestIds)
  const messages = await tx.delete(deviceMessages).where(inArray(deviceMessages.deviceKey, [keys.signups, keys.interests])).returning({ id: deviceMessages.id })
  // A Web Push subscription goes with its topics and waiting messages (foreign keys cascade).
  await tx.delete(pushSubscriptions).where(eq(pushSubscriptions.deviceKey, keys.push))
  // E-mail alerts go with their address; their ids join the registrations, so queued mail to them is dropped too.
  const alertIds = await deleteEmailAlertsOfDevice(tx, keys.email_alerts)
  const signalErasure = await eraseDeviceSignals(tx, keys)
  return {
    erasure: {
      answersUncounted,
      answersKeptAsCounts: answerRows.length - answersUncounted,
      signups: signupIds.length,
      interests: interestIds.length,
      messages: messages.length,
      signalsDeleted: signalErasure.signalsDeleted,
      signalsAnonymised: signalErasure.signalsAnonymised,
      signalSupports: signalErasure.supports,
    },
    registrationIds: [...signupIds, ...interestIds, ...alertIds],
  }
}

/** This device's sign-ups that still hold or wait for a seat: withdrawn first, so a seat goes to the next on the waitlist. */
export async function activeSignupIdsOf(db: Db, signupKey: string): Promise<string[]> {
  const rows = await db.select({ id: tableSignups.id, status: tableSignups.status }).from(tableSignups).where(and(eq(tableSignups.deviceKey, signupKey)))
  return rows.filter((r) => r.status !== 'withdrawn').map((r) => r.id)
}
