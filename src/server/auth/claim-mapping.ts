import type { OfficialRole } from '../../shared/schemas/official'
import type { SsoClaimMapping } from '../../shared/schemas/sign-in-settings'

/**
 * What the identity provider's claims say about someone, read through the municipality's
 * mapping. The provider is the source of truth at every sign-in: a role can change, and no
 * matching value means no access (an existing account is then disabled).
 */
export type MappedClaims =
  | { outcome: 'role'; role: OfficialRole; email: string }
  | { outcome: 'no_email' }
  | { outcome: 'wrong_municipality' }
  | { outcome: 'no_role'; email: string }

/** A claim as a list of strings: providers send a group either as a string or in an array. */
function valuesOf(claims: Record<string, unknown>, name: string): string[] {
  const value = claims[name]
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string')
  return []
}

export function mapClaims(claims: Record<string, unknown>, mapping: SsoClaimMapping): MappedClaims {
  const email = valuesOf(claims, mapping.emailClaim)[0]?.trim().toLowerCase()
  if (!email || !/^[^\s@]+@[^\s@]+$/.test(email) || email.length > 254) return { outcome: 'no_email' }
  if (mapping.municipalityClaim !== null && !valuesOf(claims, mapping.municipalityClaim).includes(mapping.municipalityValue ?? '')) {
    return { outcome: 'wrong_municipality' }
  }
  const roles = new Set(valuesOf(claims, mapping.roleClaim))
  if (mapping.adminValues.some((v) => roles.has(v))) return { outcome: 'role', role: 'admin', email }
  if (mapping.officialValues.some((v) => roles.has(v))) return { outcome: 'role', role: 'official', email }
  return { outcome: 'no_role', email }
}
