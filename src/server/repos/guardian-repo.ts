import { createHash, randomBytes } from 'node:crypto'
import { and, eq, inArray, isNull } from 'drizzle-orm'
import { NETWORK_OPT_OUT_DAYS, PENDING_CONFIRMATION_DAYS, PENDING_GUARDIAN_DAYS, RENEWAL_GRACE_DAYS } from '../../shared/retention-periods'
import type { GuardianLinkInfo } from '../../shared/schemas/table'
import type { Db } from '../db/client'
import { guardianTokens, interests, items, municipalities, tableSignups } from '../db/schema'

const hashOf = (token: string) => createHash('sha256').update(token).digest('base64url')
const DAY_MS = 24 * 60 * 60 * 1000

/** What a one-time link confirms: a guardian's yes, an adult's e-mail address, a member's yearly yes. */
export type TokenPurpose = 'guardian' | 'contact' | 'renewal' | 'network_optout'
export type TokenOwner = { ownerId: string; ownerKind: 'signup' | 'interest' }

/** A confirmation link works this long; the registration it confirms is deleted after it anyway. */
export const GUARDIAN_TOKEN_DAYS = PENDING_GUARDIAN_DAYS

/** How long each kind of link works: as long as the registration waits for it, never longer. */
export const TOKEN_DAYS: Record<TokenPurpose, number> = {
  guardian: GUARDIAN_TOKEN_DAYS,
  contact: PENDING_CONFIRMATION_DAYS,
  renewal: RENEWAL_GRACE_DAYS,
  // An invitation's "leave Benader mij" link stays usable as long as the registration can last.
  network_optout: NETWORK_OPT_OUT_DAYS,
}

/** A link works for its purpose's days from when it was made, never longer. */
const isExpired = (row: { createdAt: Date; purpose: TokenPurpose }, now: Date) => row.createdAt.getTime() <= now.getTime() - TOKEN_DAYS[row.purpose] * DAY_MS

/** A new one-time confirmation token for this purpose; only its hash is stored. */
export async function createConfirmationToken(db: Db, owner: TokenOwner, purpose: TokenPurpose, now: Date): Promise<string> {
  const token = randomBytes(32).toString('base64url')
  await db.insert(guardianTokens).values({ tokenHash: hashOf(token), ownerId: owner.ownerId, ownerKind: owner.ownerKind, purpose, createdAt: now })
  return token
}

/**
 * Marks a token of one of these purposes used and returns what it confirms; null for an unknown,
 * used or expired token, or one made for another purpose (a guardian's link never confirms an
 * adult's address, and the other way round).
 */
export async function useConfirmationToken(db: Db, token: string, purposes: readonly TokenPurpose[], now: Date): Promise<(TokenOwner & { purpose: TokenPurpose }) | null> {
  const [row] = await db
    .update(guardianTokens)
    .set({ confirmedAt: now })
    .where(and(eq(guardianTokens.tokenHash, hashOf(token)), isNull(guardianTokens.confirmedAt), inArray(guardianTokens.purpose, [...purposes])))
    .returning({ ownerId: guardianTokens.ownerId, ownerKind: guardianTokens.ownerKind, purpose: guardianTokens.purpose, createdAt: guardianTokens.createdAt })
  if (!row) return null
  // Expiry is checked after the update on purpose: an expired link is used up as well, so it can never work later.
  if (isExpired(row, now)) return null
  return { ownerId: row.ownerId, ownerKind: row.ownerKind, purpose: row.purpose }
}

/**
 * What a still usable token of one of these purposes confirms, without using it: a page can say
 * what the person is about to confirm before they press the button.
 */
export async function peekConfirmationToken(db: Db, token: string, purposes: readonly TokenPurpose[], now: Date): Promise<TokenOwner | null> {
  const [row] = await db
    .select({ ownerId: guardianTokens.ownerId, ownerKind: guardianTokens.ownerKind, purpose: guardianTokens.purpose, createdAt: guardianTokens.createdAt })
    .from(guardianTokens)
    .where(and(eq(guardianTokens.tokenHash, hashOf(token)), isNull(guardianTokens.confirmedAt), inArray(guardianTokens.purpose, [...purposes])))
  if (!row || isExpired(row, now)) return null
  return { ownerId: row.ownerId, ownerKind: row.ownerKind }
}

/**
 * What a guardian's link is about while its registration still waits for them: the table (or the
 * Benader mij network) and the municipality; null once the registration no longer waits.
 */
export async function pendingGuardianSubject(db: Db, owner: TokenOwner): Promise<GuardianLinkInfo | null> {
  if (owner.ownerKind === 'interest') {
    const [row] = await db
      .select({ municipalityName: municipalities.name })
      .from(interests)
      .innerJoin(municipalities, eq(municipalities.slug, interests.municipality))
      .where(and(eq(interests.id, owner.ownerId), eq(interests.status, 'pending_guardian')))
    return row ? { kind: 'interest', municipalityName: row.municipalityName } : null
  }
  const [row] = await db
    .select({ tableTitle: items.title, municipalityName: municipalities.name })
    .from(tableSignups)
    .innerJoin(items, eq(items.id, tableSignups.itemId))
    .innerJoin(municipalities, eq(municipalities.slug, items.municipality))
    .where(and(eq(tableSignups.id, owner.ownerId), eq(tableSignups.status, 'pending_guardian')))
  return row ? { kind: 'table', ...row } : null
}

/** A new confirmation token for a parent or guardian; only its hash is stored. */
export async function createGuardianToken(db: Db, ownerId: string, ownerKind: 'signup' | 'interest', now: Date): Promise<string> {
  return createConfirmationToken(db, { ownerId, ownerKind }, 'guardian', now)
}

/** Marks a guardian's token used and returns what it confirms; null for an unknown, used or expired token. */
export async function useGuardianToken(db: Db, token: string, now: Date): Promise<TokenOwner | null> {
  const owner = await useConfirmationToken(db, token, ['guardian'], now)
  return owner && { ownerId: owner.ownerId, ownerKind: owner.ownerKind }
}

/** Deletes every link of these registrations (all purposes). */
export async function deleteGuardianTokens(db: Db, kind: 'signup' | 'interest', ownerIds: string[]): Promise<void> {
  if (ownerIds.length > 0) await db.delete(guardianTokens).where(and(eq(guardianTokens.ownerKind, kind), inArray(guardianTokens.ownerId, ownerIds)))
}

/** Deletes the unused links of one purpose (a changed address makes the old link worthless). */
export async function deleteOpenTokens(db: Db, owner: TokenOwner, purpose: TokenPurpose): Promise<void> {
  await db
    .delete(guardianTokens)
    .where(and(eq(guardianTokens.ownerKind, owner.ownerKind), eq(guardianTokens.ownerId, owner.ownerId), eq(guardianTokens.purpose, purpose), isNull(guardianTokens.confirmedAt)))
}
