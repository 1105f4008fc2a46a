import { createHash, randomBytes } from 'node:crypto'
import { and, eq, inArray, isNull } from 'drizzle-orm'
import type { Db } from '../db/client'
import { guardianTokens } from '../db/schema'

const hashOf = (token: string) => createHash('sha256').update(token).digest('base64url')

/** A new confirmation token for a parent or guardian; only its hash is stored. */
export async function createGuardianToken(db: Db, ownerId: string, ownerKind: 'signup' | 'interest', now: Date): Promise<string> {
  const token = randomBytes(32).toString('base64url')
  await db.insert(guardianTokens).values({ tokenHash: hashOf(token), ownerId, ownerKind, createdAt: now })
  return token
}

/** Marks a token used and returns what it confirms; null for an unknown or used token. */
export async function useGuardianToken(db: Db, token: string, now: Date): Promise<{ ownerId: string; ownerKind: 'signup' | 'interest' } | null> {
  const [row] = await db
    .update(guardianTokens)
    .set({ confirmedAt: now })
    .where(and(eq(guardianTokens.tokenHash, hashOf(token)), isNull(guardianTokens.confirmedAt)))
    .returning({ ownerId: guardianTokens.ownerId, ownerKind: guardianTokens.ownerKind })
  return row ?? null
}

export async function deleteGuardianTokens(db: Db, ownerIds: string[]): Promise<void> {
  if (ownerIds.length > 0) await db.delete(guardianTokens).where(inArray(guardianTokens.ownerId, ownerIds))
}
