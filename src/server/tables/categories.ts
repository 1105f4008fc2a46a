import { YOUTH_AGE_BANDS, type SignupRole } from '../../shared/schemas/table'

export type Category = 'client_or_expert' | 'youth'

/** The reserved-seat categories a sign-up counts for: clients and experience experts; under 24s. */
export function categoriesOf(signup: { roles: readonly SignupRole[]; ageBand: string }): Category[] {
  const out: Category[] = []
  if (signup.roles.includes('client') || signup.roles.includes('experience_expert')) out.push('client_or_expert')
  if ((YOUTH_AGE_BANDS as readonly string[]).includes(signup.ageBand)) out.push('youth')
  return out
}
