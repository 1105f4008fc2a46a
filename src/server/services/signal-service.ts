import { inArray } from 'drizzle-orm'
import {
  SIGNAL_CONTACT_CONSENT_VERSION,
  SIGNAL_CONTACT_PURPOSE,
  type SignalList,
  type SignalListQuery,
  type SignalRejectReason,
  type SignalResult,
  type SignalSubmission,
  type SignalSupport,
} from '../../shared/schemas/signal'
import { termOf } from '../../shared/validation/vocabulary'
import type { DeviceKeys } from '../auth/device-keys'
import type { Db } from '../db/client'
import { municipalities } from '../db/schema'
import { notFound } from '../errors'
import { putContact } from '../repos/contact-repo'
import { findMunicipality, settingsOf } from '../repos/municipality-repo'
import { addSupport, agendaOfEntry, insertSignalOnce, isPublishedAgenda, isUpcomingMeeting, publishedSignals, publishedSupportCount, signalExists, toPublicSignal } from '../repos/signal-repo'

const DAY_MS = 24 * 60 * 60 * 1000

interface MunicipalityRules {
  themes: string[]
  areas: string[]
  responseDays: number
}

async function rulesOf(db: Db, slugs: string[]): Promise<Map<string, MunicipalityRules>> {
  if (slugs.length === 0) return new Map()
  const rows = await db
    .select({ slug: municipalities.slug, themes: municipalities.themes, areas: municipalities.areas, settings: municipalities.settings, retentionNonSelectedDays: municipalities.retentionNonSelectedDays, retentionMemberDays: municipalities.retentionMemberDays })
    .from(municipalities)
    .where(inArray(municipalities.slug, slugs))
  return new Map(rows.map((r) => [r.slug, { themes: r.themes, areas: r.areas, responseDays: settingsOf(r).signalResponseDays }]))
}

type Checked = { ok: true; theme: string | null; area: string | null; agendaId: string | null } | { ok: false; reason: SignalRejectReason }

/** The municipality's rules for one signal: its own words for theme and area, links that exist there. */
async function check(db: Db, s: SignalSubmission, rules: MunicipalityRules | undefined, now: Date): Promise<Checked> {
  if (!rules) return { ok: false, reason: 'municipality_unknown' }
  const theme = s.theme === undefined ? null : termOf(rules.themes, s.theme)
  if (theme === undefined) return { ok: false, reason: 'theme_not_in_vocabulary' }
  const area = s.area === undefined ? null : termOf(rules.areas, s.area)
  if (area === undefined) return { ok: false, reason: 'area_not_in_vocabulary' }
  if (s.contact && s.contact.consentVersion !== SIGNAL_CONTACT_CONSENT_VERSION) return { ok: false, reason: 'consent_outdated' }
  if (s.meetingId && !(await isUpcomingMeeting(db, s.municipality, s.meetingId, now))) return { ok: false, reason: 'meeting_unknown' }
  let agendaId = s.agendaId ?? null
  if (agendaId !== null && !(await isPublishedAgenda(db, s.municipality, agendaId))) return { ok: false, reason: 'agenda_unknown' }
  if (s.agendaEntryId) {
    const entryAgenda = await agendaOfEntry(db, s.municipality, s.agendaEntryId)
    // An entry must be one of the named agenda's; without an agenda, the entry names it.
    if (entryAgenda === null || (agendaId !== null && entryAgenda !== agendaId)) return { ok: false, reason: 'agenda_entry_unknown' }
    agendaId = entryAgenda
  }
  return { ok: true, theme, area, agendaId }
}

/**
 * Stores residents' signals exactly once per id, each in its own transaction so one bad signal
 * never fails another. A replay (any batch, any process) finds the id taken by `insert ... on
 * conflict do nothing` and answers `duplicate`; a replay is answered so before its content is
 * checked again, since what counts is what was stored. Contact details, when the resident asked
 * to be contacted, go to `contacts` in the same transaction and nowhere else.
 */
export async function ingestSignals(db: Db, keys: DeviceKeys, list: readonly SignalSubmission[], now: Date): Promise<{ results: SignalResult[] }> {
  const rules = await rulesOf(db, [...new Set(list.map((s) => s.municipality))])
  const results: SignalResult[] = []
  const seen = new Map<string, SignalResult>()
  for (const s of list) {
    const earlier = seen.get(s.id)
    if (earlier) {
      // The same id twice in one batch: the second is a repeat of the first.
      results.push(earlier.status === 'rejected' ? earlier : { id: s.id, status: 'duplicate' })
      continue
    }
    const result = await ingestOne(db, keys, s, rules.get(s.municipality), now)
    seen.set(s.id, result)
    results.push(result)
  }
  return { results }
}

async function ingestOne(db: Db, keys: DeviceKeys, s: SignalSubmission, rules: MunicipalityRules | undefined, now: Date): Promise<SignalResult> {
  if (await signalExists(db, s.id)) return { id: s.id, status: 'duplicate' }
  const checked = await check(db, s, rules, now)
  if (!checked.ok || !rules) return { id: s.id, status: 'rejected', reason: checked.ok ? 'municipality_unknown' : checked.reason }
  // A device clock ahead of the server's must not date a signal in the future.
  const createdAt = new Date(Math.min(Date.parse(s.createdAt), now.getTime()))
  const stored = await db.transaction(async (tx) => {
    const inserted = await insertSignalOnce(tx, {
      id: s.id,
      municipality: s.municipality,
      deviceKey: keys.keyFor('signals', s.deviceId),
      kind: s.kind,
      title: s.title,
      body: s.body,
      theme: checked.theme,
      area: checked.area,
      createdAt,
      receivedAt: now,
      responseDueAt: new Date(now.getTime() + rules.responseDays * DAY_MS),
      meetingId: s.meetingId ?? null,
      agendaId: checked.agendaId,
      agendaEntryId: s.agendaEntryId ?? null,
      wantsContact: s.contact !== undefined,
      updatedAt: now,
    })
    if (inserted && s.contact) {
      const c = s.contact
      await putContact(tx, { ownerId: s.id, ownerKind: 'signal', name: c.name, contact: { channel: c.channel, value: c.value }, purpose: SIGNAL_CONTACT_PURPOSE, consentVersion: c.consentVersion }, now)
    }
    return inserted
  })
  return { id: s.id, status: stored ? 'accepted' : 'duplicate' }
}

/** A page of a municipality's published signals; an unknown municipality is a 404. */
export async function listPublishedSignals(db: Db, municipality: string, query: SignalListQuery): Promise<SignalList> {
  if (!(await findMunicipality(db, municipality))) throw notFound('municipality')
  const { rows, more } = await publishedSignals(db, municipality, query)
  return { signals: rows.map(toPublicSignal), nextOffset: more ? query.offset + rows.length : null }
}

/**
 * "Dit herken ik" from one device: counted once, repeats answer the same. Without a device
 * (no header) nothing changes and the answer says so. Only published signals can be backed;
 * any other (hidden, waiting for moderation, unknown) is a 404, as the public list does not show it.
 */
export async function supportSignal(db: Db, keys: DeviceKeys, signalId: string, deviceId: string | null, now: Date): Promise<SignalSupport> {
  if (deviceId === null) {
    const count = await publishedSupportCount(db, signalId)
    if (count === null) throw notFound('signal')
    return { signalId, supported: false, supportCount: count }
  }
  const deviceKey = keys.keyFor('signal_support', deviceId)
  const added = await db.transaction((tx) => addSupport(tx, signalId, deviceKey, now))
  if (!added) throw notFound('signal')
  return { signalId, supported: true, supportCount: added.supportCount }
}
