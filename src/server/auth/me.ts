import type { Me } from '../../shared/schemas/official'
import type { Db } from '../db/client'
import { HttpError } from '../errors'
import { findMunicipality } from '../repos/municipality-repo'
import { findOfficialById } from '../repos/official-repo'
import type { SessionStage } from '../repos/session-repo'

/** What the back office needs of the session to warn before it ends (WCAG 2.2.1). */
export interface SessionTiming {
  idleMs: number
  expiresAt?: Date | undefined
}

/** The `Me` answer of every sign-in route: who is signed in, their CSRF token, and what the sign-in still owes. */
export async function describeOfficial(db: Db, officialId: string, csrfToken: string, stage: SessionStage = 'ready', timing?: SessionTiming): Promise<Me> {
  const account = await findOfficialById(db, officialId)
  if (!account) throw new HttpError(401, 'unauthorized', 'Sign in first')
  const municipality = await findMunicipality(db, account.municipality)
  // A region official's region is their home municipality's (create-official checks it).
  const region = account.region ? { region: account.region, regionName: municipality?.regionSlug === account.region ? (municipality.region ?? account.region) : account.region } : {}
  return {
    id: account.id,
    email: account.email,
    municipality: account.municipality,
    municipalityName: municipality?.name ?? account.municipality,
    ...region,
    role: account.role,
    csrfToken,
    ...(timing ? { sessionIdleSeconds: Math.round(timing.idleMs / 1000), ...(timing.expiresAt ? { sessionExpiresAt: timing.expiresAt.toISOString() } : {}) } : {}),
    ...(stage === 'ready' ? {} : { pending: stage }),
  }
}
