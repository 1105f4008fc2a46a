import { describe, expect, it } from 'vitest'
import { mapClaims } from '../../../src/server/auth/claim-mapping'
import type { SsoClaimMapping } from '../../../src/shared/schemas/sign-in-settings'

const mapping: SsoClaimMapping = {
  emailClaim: 'email', roleClaim: 'groups', adminValues: ['beheer'], officialValues: ['medewerkers'], municipalityClaim: null, municipalityValue: null, createAccounts: true,
}

describe('mapping identity-provider claims to a Meepraat role', () => {
  it('gives admin before official when both values are there, from a list or a single string', () => {
    expect(mapClaims({ email: 'A@Beverwijk.nl', groups: ['medewerkers', 'beheer'] }, mapping)).toEqual({ outcome: 'role', role: 'admin', email: 'a@beverwijk.nl' })
    expect(mapClaims({ email: 'a@beverwijk.nl', groups: 'medewerkers' }, mapping)).toMatchObject({ outcome: 'role', role: 'official' })
  })

  it('gives no role without a matching value, and needs an e-mail address', () => {
    expect(mapClaims({ email: 'a@beverwijk.nl', groups: ['iedereen'] }, mapping)).toEqual({ outcome: 'no_role', email: 'a@beverwijk.nl' })
    expect(mapClaims({ email: 'a@beverwijk.nl' }, mapping).outcome).toBe('no_role')
    expect(mapClaims({ groups: ['beheer'] }, mapping).outcome).toBe('no_email')
    expect(mapClaims({ email: 'geen adres', groups: ['beheer'] }, mapping).outcome).toBe('no_email')
  })

  it('checks the municipality claim when the mapping names one', () => {
    const shared = { ...mapping, municipalityClaim: 'gemeente', municipalityValue: '0375' }
    expect(mapClaims({ email: 'a@x.nl', groups: ['beheer'], gemeente: '0453' }, shared).outcome).toBe('wrong_municipality')
    expect(mapClaims({ email: 'a@x.nl', groups: ['beheer'] }, shared).outcome).toBe('wrong_municipality')
    expect(mapClaims({ email: 'a@x.nl', groups: ['beheer'], gemeente: ['0375'] }, shared)).toMatchObject({ outcome: 'role', role: 'admin' })
  })
})
