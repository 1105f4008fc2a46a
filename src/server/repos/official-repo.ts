import { and, asc, eq } from 'drizzle-orm'
import type { Official, OfficialRole } from '../../shared/schemas/official'
import type { Db } from '../db/client'
import { officials } from '../db/schema'

type Row = typeof officials.$inferSelect

export interface OfficialAccount {
  id: string
  email: string
  municipality: string
  /** The region a region official writes and manages items for; null for everyone else. */
  region: string | null
  role: OfficialRole
  passwordHash: string
  disabled: boolean
}

function toAccount(row: Row): OfficialAccount {
  return { id: row.id, email: row.email, municipality: row.municipality, region: row.region, role: row.role, passwordHash: row.passwordHash, disabled: row.disabledAt !== null }
}

export async function findOfficialByEmail(db: Db, email: string): Promise<OfficialAccount | null> {
  const [row] = await db.select().from(officials).where(eq(officials.email, email.toLowerCase()))
  return row ? toAccount(row) : null
}

export async function findOfficialById(db: Db, id: string): Promise<OfficialAccount | null> {
  const [row] = await db.select().from(officials).where(eq(officials.id, id))
  return row ? toAccount(row) : null
}

/** Creates an account; returns null when the e-mail address is taken. */
export async function insertOfficial(
  db: Db,
  input: { email: string; passwordHash: string; municipality: string; role: OfficialRole; region?: string | null },
): Promise<string | null> {
  const [row] = await db
    .insert(officials)
    .values({ ...input, email: input.email.toLowerCase() })
    .onConflictDoNothing()
    .returning({ id: officials.id })
  return row?.id ?? null
}

/** Officials of one municipality, for its admins. Never returns password hashes. */
export async function listOfficials(db: Db, municipality: string): Promise<Official[]> {
  const rows = await db.select().from(officials).where(eq(officials.municipality, municipality)).orderBy(asc(officials.email))
  return rows.map((r) => ({ id: r.id, email: r.email, role: r.role, createdAt: r.createdAt.toISOString(), disabled: r.disabledAt !== null }))
}

export async function setOfficialDisabled(db: Db, municipality: string, id: string, disabled: boolean, now: Date): Promise<boolean> {
  const rows = await db
    .update(officials)
    .set({ disabledAt: disabled ? now : null })
    .where(and(eq(officials.id, id), eq(officials.municipality, municipality)))
    .returning({ id: officials.id })
  return rows.length > 0
}

/** Sets a new password hash (the caller checked the password's strength and ends the sessions). */
export async function setOfficialPassword(db: Db, id: string, passwordHash: string): Promise<void> {
  await db.update(officials).set({ passwordHash }).where(eq(officials.id, id))
}
