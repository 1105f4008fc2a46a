import { and, eq, inArray } from 'drizzle-orm'
import { CONSENT_VERSION, type Interest, type RegistrationResult } from '../../shared/schemas/table'
import type { DeviceKeys } from '../auth/device-keys'
import type { Db } from '../db/client'
import { interests, municipalities } from '../db/schema'
import { adultContactStatus, previousOf, requestContactConfirmation, type ContactConfirmationRequest } from './contact-confirmation'
import { contactsOf, deleteContacts, putContact, type StoredContact } from './contact-repo'
import { createGuardianToken, deleteGuardianTokens } from './guardian-repo'
import type { GuardianRequest } from './signup-repo'
import { inVocabulary } from '../../shared/validation/vocabulary'

type InterestStatus = (typeof interests.$inferSelect)['status']

const CONTACT_PURPOSE = 'Invitations to future tables and questions on the chosen themes.'

/** Stores "Benader mij" registrations exactly once per id; a higher revision is a change. */
export async function ingestInterests(
  db: Db,
  keys: DeviceKeys,
  list: Interest[],
  now: Date,
): Promise<{ results: RegistrationResult[]; guardianRequests: GuardianRequest[]; confirmationRequests: ContactConfirmationRequest[] }> {
  const results: RegistrationResult[] = []
  const guardianRequests: GuardianRequest[] = []
  const confirmationRequests: ContactConfirmationRequest[] = []
  // Each municipality's vocabulary: themes and area must be words of its own lists, so invitations match.
  const known = new Map(
    (await db.select({ slug: municipalities.slug, areas: municipalities.areas, themes: municipalities.themes }).from(municipalities).where(inArray(municipalities.slug, [...new Set(list.map((i) => i.municipality))]))).map((m) => [m.slug, m]),
  )
  for (const i of list) {
    if (results.some((r) => r.id === i.id)) continue
    const deviceKey = keys.keyFor('interests', i.deviceId)
    results.push(
      await db.transaction(async (t) => {
        const [existing] = await t.select().from(interests).where(eq(interests.id, i.id)).for('update')
        if (existing && existing.deviceKey !== deviceKey) return { id: i.id, status: 'rejected' as const, reason: 'not_yours' as const }
        if (existing?.status === 'withdrawn') return { id: i.id, status: 'rejected' as const, reason: 'withdrawn' as const }
        if (existing && i.revision <= existing.revision) return { id: i.id, status: 'duplicate' as const }
        const vocabulary = known.get(i.municipality)
        if (!vocabulary) return { id: i.id, status: 'rejected' as const, reason: 'municipality_unknown' as const }
        if (!inVocabulary(vocabulary, { themes: i.themes, area: i.area })) return { id: i.id, status: 'rejected' as const, reason: 'not_in_vocabulary' as const }
        if (i.consentVersion !== CONSENT_VERSION) return { id: i.id, status: 'rejected' as const, reason: 'consent_outdated' as const }
        const under16 = i.ageBand === '<16'
        const previous = existing ? previousOf(existing.status, (await contactsOf(t, 'interest', [i.id])).get(i.id)) : undefined
        const adult = under16 ? undefined : adultContactStatus<InterestStatus>(i.contact, 'active', previous)
        const status: InterestStatus = adult?.status ?? (existing?.ageBand !== '<16' ? 'pending_guardian' : existing.status)
        const fields = { themes: i.themes, ageBand: i.ageBand, area: i.area ?? null, consentVersion: i.consentVersion, revision: i.revision, status, updatedAt: now }
        if (existing) await t.update(interests).set(fields).where(eq(interests.id, i.id))
        else {
          const inserted = await t
            .insert(interests)
            .values({ id: i.id, municipality: i.municipality, deviceKey, consentedAt: now, receivedAt: now, ...fields })
            .onConflictDoNothing()
            .returning({ id: interests.id })
          if (inserted.length === 0) return { id: i.id, status: 'duplicate' as const }
        }
        await putContact(t, { ownerId: i.id, ownerKind: 'interest', name: i.name, contact: i.contact, guardianEmail: i.guardianEmail, purpose: CONTACT_PURPOSE, consentVersion: i.consentVersion, language: i.language }, now)
        if (status === 'pending_guardian' && existing?.status !== 'pending_guardian' && i.guardianEmail) {
          guardianRequests.push({ ownerId: i.id, guardianEmail: i.guardianEmail, token: await createGuardianToken(t, i.id, 'interest', now), itemTitle: 'Benader mij', municipality: i.municipality, language: i.language ?? 'nl' })
        }
        if (adult?.ask && i.contact.channel === 'email') {
          confirmationRequests.push(await requestContactConfirmation(t, { ownerId: i.id, ownerKind: 'interest' }, { contact: i.contact, name: i.name, about: 'Benader mij', municipality: i.municipality, replacesAddress: Boolean(existing), language: i.language ?? 'nl' }, now))
        }
        return { id: i.id, status: 'accepted' as const }
      }),
    )
  }
  return { results, guardianRequests, confirmationRequests }
}

export async function withdrawInterest(db: Db, id: string, deviceKey: string, now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(interests)
      .set({ status: 'withdrawn', updatedAt: now })
      .where(and(eq(interests.id, id), eq(interests.deviceKey, deviceKey)))
      .returning({ id: interests.id })
    if (rows.length === 0) return false
    await deleteContacts(tx, 'interest', [id])
    await deleteGuardianTokens(tx, 'interest', [id])
    return true
  })
}

/** Active registrations per theme and age band: what officials may see (no names). */
export async function interestCounts(db: Db, municipality: string): Promise<{ theme: string; ageBand: string; count: number }[]> {
  const rows = await db.select({ themes: interests.themes, ageBand: interests.ageBand }).from(interests).where(and(eq(interests.municipality, municipality), eq(interests.status, 'active')))
  const counts = new Map<string, number>()
  for (const r of rows) for (const theme of r.themes) counts.set(`${theme}\u0000${r.ageBand}`, (counts.get(`${theme}\u0000${r.ageBand}`) ?? 0) + 1)
  return [...counts.entries()].map(([k, count]) => {
    const [theme, ageBand] = k.split('\u0000') as [string, string]
    return { theme, ageBand, count }
  }).sort((a, b) => a.theme.localeCompare(b.theme) || a.ageBand.localeCompare(b.ageBand))
}

/** Active registrations for a theme (case-insensitive), with their contact details, to invite. */
export async function interestedIn(db: Db, municipality: string, theme: string): Promise<{ id: string; deviceKey: string; contact: StoredContact | undefined }[]> {
  const rows = await db.select({ id: interests.id, deviceKey: interests.deviceKey, themes: interests.themes }).from(interests).where(and(eq(interests.municipality, municipality), eq(interests.status, 'active')))
  const matching = rows.filter((r) => r.themes.some((t) => t.toLowerCase() === theme.toLowerCase()))
  const contacts = await contactsOf(db, 'interest', matching.map((m) => m.id))
  return matching.map((m) => ({ id: m.id, deviceKey: m.deviceKey, contact: contacts.get(m.id) }))
}
