import { and, eq, gt, lt, sql } from 'drizzle-orm'
import { SsoSettingsSchema, type SsoSettings } from '../../shared/schemas/sign-in-settings'
import type { Db } from '../db/client'
import { municipalities, municipalitySignIn, officialIdentities, oidcSignIns } from '../db/schema'

/** The provider settings as stored: everything an admin sees except whether a secret is set. */
export const StoredSsoSchema = SsoSettingsSchema.omit({ clientSecretSet: true })
export type StoredSso = Omit<SsoSettings, 'clientSecretSet'>

export interface StoredSignInSettings {
  passwordSignIn: boolean
  requireSecondFactor: boolean
  sso: StoredSso | null
  clientSecretSealed: string | null
}

/** A municipality that never changed these signs in with a password, second factor for admins only. */
export const DEFAULT_SIGN_IN: StoredSignInSettings = { passwordSignIn: true, requireSecondFactor: false, sso: null, clientSecretSealed: null }

export async function findSignInSettings(db: Db, municipality: string): Promise<StoredSignInSettings> {
  const [row] = await db.select().from(municipalitySignIn).where(eq(municipalitySignIn.municipality, municipality))
  if (!row) return DEFAULT_SIGN_IN
  const sso = row.sso === null ? null : StoredSsoSchema.safeParse(row.sso)
  return {
    passwordSignIn: row.passwordSignIn,
    requireSecondFactor: row.requireSecondFactor,
    // A stored document the schema no longer accepts counts as no provider, never as a half one.
    sso: sso?.success ? sso.data : null,
    clientSecretSealed: row.ssoClientSecretSealed,
  }
}

export async function saveSignInSettings(db: Db, municipality: string, settings: StoredSignInSettings, now: Date): Promise<void> {
  const values = {
    passwordSignIn: settings.passwordSignIn,
    requireSecondFactor: settings.requireSecondFactor,
    sso: settings.sso,
    ssoClientSecretSealed: settings.clientSecretSealed,
    updatedAt: now,
  }
  await db.insert(municipalitySignIn).values({ municipality, ...values }).onConflictDoUpdate({ target: municipalitySignIn.municipality, set: values })
}

/** Municipalities with single sign-on switched on, by name. */
export async function listSsoMunicipalities(db: Db): Promise<{ municipality: string; municipalityName: string; sso: StoredSso }[]> {
  const rows = await db
    .select({ municipality: municipalitySignIn.municipality, name: municipalities.name, sso: municipalitySignIn.sso })
    .from(municipalitySignIn)
    .innerJoin(municipalities, eq(municipalities.slug, municipalitySignIn.municipality))
    .where(sql`(${municipalitySignIn.sso} ->> 'enabled')::boolean = true`)
    .orderBy(municipalities.name)
  return rows.flatMap((r) => {
    const sso = StoredSsoSchema.safeParse(r.sso)
    return sso.success && sso.data.enabled ? [{ municipality: r.municipality, municipalityName: r.name, sso: sso.data }] : []
  })
}

export interface PendingSignIn {
  municipality: string
  browserHash: string
  nonce: string
  codeVerifier: string
}

export async function insertPendingSignIn(db: Db, stateHash: string, pending: PendingSignIn, expiresAt: Date): Promise<void> {
  await db.insert(oidcSignIns).values({ stateHash, ...pending, expiresAt })
}

/**
 * Takes a started sign-in out (single use: a second call finds nothing); null when unknown,
 * expired or started by another browser, which therefore cannot use it up for the right one.
 */
export async function takePendingSignIn(db: Db, stateHash: string, browserHash: string, now: Date): Promise<PendingSignIn | null> {
  const [row] = await db
    .delete(oidcSignIns)
    .where(and(eq(oidcSignIns.stateHash, stateHash), eq(oidcSignIns.browserHash, browserHash), gt(oidcSignIns.expiresAt, now)))
    .returning({ municipality: oidcSignIns.municipality, browserHash: oidcSignIns.browserHash, nonce: oidcSignIns.nonce, codeVerifier: oidcSignIns.codeVerifier })
  return row ?? null
}

export async function deleteExpiredPendingSignIns(db: Db, now: Date): Promise<void> {
  await db.delete(oidcSignIns).where(lt(oidcSignIns.expiresAt, now))
}

export async function findIdentity(db: Db, issuer: string, subject: string): Promise<string | null> {
  const [row] = await db.select({ officialId: officialIdentities.officialId }).from(officialIdentities).where(and(eq(officialIdentities.issuer, issuer), eq(officialIdentities.subject, subject)))
  return row?.officialId ?? null
}

export async function insertIdentity(db: Db, issuer: string, subject: string, officialId: string, now: Date): Promise<void> {
  await db.insert(officialIdentities).values({ issuer, subject, officialId, createdAt: now })
}

export async function hasIdentityAt(db: Db, officialId: string, issuer: string): Promise<boolean> {
  const rows = await db.select({ subject: officialIdentities.subject }).from(officialIdentities).where(and(eq(officialIdentities.officialId, officialId), eq(officialIdentities.issuer, issuer))).limit(1)
  return rows.length > 0
}
