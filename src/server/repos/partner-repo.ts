import { and, asc, eq, ne } from 'drizzle-orm'
import type { Partner, PartnerDraft } from '../../shared/schemas/on-behalf'
import type { Db } from '../db/client'
import { currentAnswers, partnerOrganisations } from '../db/schema'

const columns = { id: partnerOrganisations.id, name: partnerOrganisations.name, kind: partnerOrganisations.kind }

export async function listPartners(db: Db, municipality: string): Promise<Partner[]> {
  return db.select(columns).from(partnerOrganisations).where(eq(partnerOrganisations.municipality, municipality)).orderBy(asc(partnerOrganisations.name))
}

/** The new partner, or null when the municipality has one of that name already (the unique index decides). */
export async function insertPartner(db: Db, municipality: string, draft: PartnerDraft, now: Date): Promise<Partner | null> {
  const [row] = await db.insert(partnerOrganisations).values({ municipality, name: draft.name, kind: draft.kind, createdAt: now }).onConflictDoNothing().returning(columns)
  return row ?? null
}

export async function findPartner(db: Db, municipality: string, id: string): Promise<Partner | null> {
  const [row] = await db.select(columns).from(partnerOrganisations).where(and(eq(partnerOrganisations.id, id), eq(partnerOrganisations.municipality, municipality)))
  return row ?? null
}

export async function nameTakenByAnother(db: Db, municipality: string, name: string, id: string): Promise<boolean> {
  const [row] = await db
    .select({ id: partnerOrganisations.id })
    .from(partnerOrganisations)
    .where(and(eq(partnerOrganisations.municipality, municipality), eq(partnerOrganisations.name, name), ne(partnerOrganisations.id, id)))
  return Boolean(row)
}

export async function updatePartner(db: Db, id: string, draft: PartnerDraft): Promise<Partner> {
  const [row] = await db.update(partnerOrganisations).set({ name: draft.name, kind: draft.kind }).where(eq(partnerOrganisations.id, id)).returning(columns)
  return row!
}

export async function partnerHasAnswers(db: Db, id: string): Promise<boolean> {
  const [row] = await db.select({ id: currentAnswers.submissionId }).from(currentAnswers).where(eq(currentAnswers.partnerId, id)).limit(1)
  return Boolean(row)
}

export async function deletePartner(db: Db, id: string): Promise<void> {
  await db.delete(partnerOrganisations).where(eq(partnerOrganisations.id, id))
}
