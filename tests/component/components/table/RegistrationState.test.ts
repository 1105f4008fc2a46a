import { mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it } from 'vitest'
import RegistrationState from '../../../../src/client/components/table/RegistrationState.vue'
import type { LocalRegistration } from '../../../../src/client/db/db'
import { resetLocale } from '../../fixtures'

const registration = (changes: Partial<LocalRegistration>): LocalRegistration => ({
  id: 'r1',
  kind: 'signup',
  itemId: 'i1',
  municipality: 'utrecht',
  revision: 1,
  state: 'saved',
  savedAt: '2099-06-01T10:00:00Z',
  ageBand: '24-64',
  consentVersion: '1',
  ...changes,
})

describe('RegistrationState', () => {
  beforeEach(resetLocale)

  it('says why a sign-up was not accepted', () => {
    const wrapper = mount(RegistrationState, { props: { registration: registration({ state: 'rejected', reason: 'signup_closed' }) } })
    expect(wrapper.text()).toContain('Aanmelden was al gesloten toen je aanmelding aankwam.')
  })

  it('shows no raw key for a rejected sign-up with a reason that belongs to stuck ones', () => {
    const wrapper = mount(RegistrationState, { props: { registration: registration({ state: 'rejected', reason: 'server_error' }) } })
    expect(wrapper.text()).toContain('Niet aangenomen')
    expect(wrapper.text()).not.toContain('signupReason.')
  })
})
