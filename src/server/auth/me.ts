import type { Me } from '../../shared/schemas/official'
import type { Db } from '../db/client'
import { HttpError } from '../errors'
import { findMunicipality } from '../repos/municipality-repo'
import { findOfficialById } from '../repos/official-repo'
import type { SessionStage } from '../repos/session-repo'

/** The `Me` answer of every sign-in route: who is signed in, their CSRF token, and what the sign-in still owes. */
export async function describeOfficial(db: Db, officialId: string, csrfToken: string, stage: SessionStage = 'ready'): Promise<Me> {
  const account = await findOfficialById(db, officialId)
  if (!account) throw new HttpError(401, 'unauthorized', 'Sign in first')
  const municipality = await findMunicipality(db, account.municipality)
  return {
    id: account.id,
    email: account.email,
    municipality: account.municipality,
    municipalityName: municipality?.name ?? account.municipality,
    role: account.role,
    csrfToken,
    ...(stage === 'ready' ? {} : { pending: stage }),
  }
}
