import { and, count, eq, isNull, lt, or } from 'drizzle-orm'
import type { Db } from '../db/client'
import { officialRecoveryCodes, officialTotp } from '../db/schema'

export interface StoredTotp {
  secretSealed: string
  confirmed: boolean
}

export async function findTotp(db: Db, officialId: string): Promise<StoredTotp | null> {
  const [row] = await db.select().from(officialTotp).where(eq(officialTotp.officialId, officialId))
  return row ? { secretSealed: row.secretSealed, confirmed: row.confirmedAt !== null } : null
}

/** Starts (or restarts) an enrolment; never replaces a confirmed second factor. */
export async function putPendingTotp(db: Db, officialId: string, secretSealed: string, now: Date): Promise<boolean> {
  const rows = await db
    .insert(officialTotp)
    .values({ officialId, secretSealed, createdAt: now })
    .onConflictDoUpdate({ target: officialTotp.officialId, set: { secretSealed, createdAt: now, lastUsedStep: null }, where: isNull(officialTotp.confirmedAt) })
    .returning({ officialId: officialTotp.officialId })
  return rows.length > 0
}

/**
 * Accepts a code of time step `step` once: only when no code of this step or a later one was
 * accepted before (one statement, so two requests with the same code cannot both pass).
 */
export async function useTotpStep(db: Db, officialId: string, step: number, now: Date, confirm: boolean): Promise<boolean> {
  const rows = await db
    .update(officialTotp)
    .set({ lastUsedStep: step, ...(confirm ? { confirmedAt: now } : {}) })
    .where(and(eq(officialTotp.officialId, officialId), or(isNull(officialTotp.lastUsedStep), lt(officialTotp.lastUsedStep, step))))
    .returning({ officialId: officialTotp.officialId })
  return rows.length > 0
}

export async function replaceRecoveryCodes(db: Db, officialId: string, hashes: string[]): Promise<void> {
  await db.delete(officialRecoveryCodes).where(eq(officialRecoveryCodes.officialId, officialId))
  await db.insert(officialRecoveryCodes).values(hashes.map((codeHash) => ({ officialId, codeHash })))
}

/** Uses a recovery code up; false when it is unknown or was used already. */
export async function useRecoveryCode(db: Db, officialId: string, codeHash: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(officialRecoveryCodes)
    .set({ usedAt: now })
    .where(and(eq(officialRecoveryCodes.officialId, officialId), eq(officialRecoveryCodes.codeHash, codeHash), isNull(officialRecoveryCodes.usedAt)))
    .returning({ id: officialRecoveryCodes.id })
  return rows.length > 0
}

export async function countRecoveryCodesLeft(db: Db, officialId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(officialRecoveryCodes).where(and(eq(officialRecoveryCodes.officialId, officialId), isNull(officialRecoveryCodes.usedAt)))
  return row?.n ?? 0
}
