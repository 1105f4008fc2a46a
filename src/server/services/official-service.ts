import type { z } from 'zod'
import type { CreateOfficialSchema } from '../../shared/schemas/official'
import { assertStrongPassword } from '../auth/password-strength'
import { hashPassword } from '../auth/passwords'
import { DomainError, notFound } from '../errors'
import { findMunicipality } from '../repos/municipality-repo'
import { insertOfficial, setOfficialDisabled } from '../repos/official-repo'
import { audited, type Actor, type ServiceContext } from './context'

/** An admin adds an official to their own municipality. */
export async function addOfficial(context: ServiceContext, admin: Actor, input: z.infer<typeof CreateOfficialSchema>): Promise<string> {
  const municipality = await findMunicipality(context.db, admin.municipality)
  await assertStrongPassword(input.password, { email: input.email, municipalityName: municipality?.name, municipalitySlug: admin.municipality })
  // Hashed before the transaction opens: the hash takes a while and needs no rows.
  const passwordHash = await hashPassword(input.password)
  return audited(context, admin, 'official.create', async (tx) => {
    const id = await insertOfficial(tx, { email: input.email, passwordHash, municipality: admin.municipality, role: input.role })
    if (!id) throw new DomainError('email_taken', 'An account with this e-mail address exists')
    return { result: id, details: { officialId: id, role: input.role } }
  })
}

/** An admin disables an official of their own municipality, never themselves. */
export async function disableOfficial(context: ServiceContext, admin: Actor, officialId: string): Promise<void> {
  if (officialId === admin.id) throw new DomainError('cannot_disable_self', 'You cannot disable your own account')
  await audited(context, admin, 'official.disable', async (tx) => {
    if (!(await setOfficialDisabled(tx, admin.municipality, officialId, true, context.now))) throw notFound('official')
    return { result: undefined, details: { officialId } }
  })
}
