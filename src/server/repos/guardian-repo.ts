import { createHash, randomBytes } from 'node:crypto'
import { and, eq, gt, inArray, isNull } from 'drizzle-orm'
import type { Db } from '../db/client'
import { guardianTokens } from '../db/schema'

const hashOf = (token: string) => createHash('sha256').update(token).digest('base64url')

/** A new confirmation token for a parent or guardian; only its hash is stored. */
export async function createGuardianToken(db: Db, ownerId: string, ownerKind: 'signup' | 'interest', now: Date): Promise<string> {
  const token = randomBytes(32).toString('base64url')
  await db.insert(guardianTokens).values({ tokenHash: hashOf(token), ownerId, ownerKind, createdAt: now })
  return token
}

/** A confirmation link works this long; the registration it confirms is deleted after it anyway. */
export const GUARDIAN_TOKEN_DAYS = 30

/** Marks a token used and returns what it confirms; null for an unknown, used or expired token. */
export async function useGuardianToken(db: Db, token: string, now: Date): Promise<{ ownerId: string; ownerKind: 'signup' | 'interest' } | null> {
  const oldest = new Date(now.getTime() - GUARDIAN_TOKEN_DAYS * 24 * 60 * 60 * 1000)
  const [row] = await db
    .update(guardianTokens)
    .set({ confirmedAt: now })
    .where(and(eq(guardianTokens.tokenHash, hashOf(token)), isNull(guardianTokens.confirmedAt), gt(guardianTokens.createdAt, oldest)))
    .returning({ ownerId: guardianTokens.ownerId, ownerKind: guardianTokens.ownerKind })
  return row ?? null
}

export async function deleteGuardianTokens(db: Db, kind: 'signup' | 'interest', ownerIds: string[]): Promise<void> {
  if (ownerIds.length > 0) await db.delete(guardianTokens).where(and(eq(guardianTokens.ownerKind, kind), inArray(guardianTokens.ownerId, ownerIds)))
}
