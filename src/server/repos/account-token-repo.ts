import { createHash, randomBytes } from 'node:crypto'
import { and, eq, gt, isNull, lt, or } from 'drizzle-orm'
import type { OfficialRole } from '../../shared/schemas/official'
import type { Db } from '../db/client'
import { accountTokens } from '../db/schema'

/** How long an invitation or reset link works. */
export const ACCOUNT_LINK_VALID_MS = 72 * 60 * 60 * 1000

export type AccountTokenPurpose = 'invitation' | 'reset'

export const hashAccountToken = (token: string): string => createHash('sha256').update(token).digest('base64url')
export const newAccountToken = (): string => randomBytes(32).toString('base64url')

export interface AccountTokenRow {
  purpose: AccountTokenPurpose
  email: string
  municipality: string
  role: OfficialRole | null
  officialId: string | null
  invitedBy: string | null
}

export async function insertAccountToken(
  db: Db,
  token: string,
  row: AccountTokenRow,
  now: Date,
): Promise<void> {
  await db.insert(accountTokens).values({ tokenHash: hashAccountToken(token), ...row, createdAt: now, expiresAt: new Date(now.getTime() + ACCOUNT_LINK_VALID_MS) })
}

/** The live (unused, unexpired) token of this purpose, without using it. */
export async function findLiveAccountToken(db: Db, token: string, purpose: AccountTokenPurpose, now: Date): Promise<AccountTokenRow | null> {
  const [row] = await db
    .select()
    .from(accountTokens)
    .where(and(eq(accountTokens.tokenHash, hashAccountToken(token)), eq(accountTokens.purpose, purpose), isNull(accountTokens.usedAt), gt(accountTokens.expiresAt, now)))
  return row ? { purpose: row.purpose, email: row.email, municipality: row.municipality, role: row.role, officialId: row.officialId, invitedBy: row.invitedBy } : null
}

/**
 * Uses a token: one UPDATE that only a live token passes, so of two requests racing with the same
 * link exactly one wins. Returns the token's row, or null when it is unknown, used or expired.
 */
export async function useAccountToken(db: Db, token: string, purpose: AccountTokenPurpose, now: Date): Promise<AccountTokenRow | null> {
  const [row] = await db
    .update(accountTokens)
    .set({ usedAt: now })
    .where(and(eq(accountTokens.tokenHash, hashAccountToken(token)), eq(accountTokens.purpose, purpose), isNull(accountTokens.usedAt), gt(accountTokens.expiresAt, now)))
    .returning()
  return row ? { purpose: row.purpose, email: row.email, municipality: row.municipality, role: row.role, officialId: row.officialId, invitedBy: row.invitedBy } : null
}

/** Ends every other live reset link of an account once one is used or the password changes. */
export async function retireResetTokens(db: Db, officialId: string, now: Date): Promise<void> {
  await db.update(accountTokens).set({ usedAt: now }).where(and(eq(accountTokens.officialId, officialId), eq(accountTokens.purpose, 'reset'), isNull(accountTokens.usedAt)))
}

/** Removes links that can no longer be used (a week after expiry or use, for the audit trail's sake). */
export async function deleteStaleAccountTokens(db: Db, now: Date): Promise<void> {
  const weekAgo = new Date(now.getTime() - 7 * 86_400_000)
  await db.delete(accountTokens).where(or(lt(accountTokens.expiresAt, weekAgo), lt(accountTokens.usedAt, weekAgo)))
}
