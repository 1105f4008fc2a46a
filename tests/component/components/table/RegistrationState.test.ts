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

  it('tells an adult to open the e-mail link while the address waits for confirmation', () => {
    const wrapper = mount(RegistrationState, { props: { registration: registration({ state: 'sent', serverStatus: 'pending_confirmation' }) } })
    expect(wrapper.find('[data-testid="signup-status"]').text()).toContain('Kijk in je e-mail.')
  })

  it('asks an adult with an e-mail address to open the link before Benader mij can invite them, and not a phone-only one', () => {
    const email = mount(RegistrationState, { props: { registration: registration({ kind: 'interest', state: 'sent', contact: { channel: 'email', value: 'a@example.nl' } }) } })
    expect(email.text()).toContain('Kijk in je e-mail en klik op de link.')
    const phone = mount(RegistrationState, { props: { registration: registration({ kind: 'interest', state: 'sent', contact: { channel: 'phone', value: '06 12345678' } }) } })
    expect(phone.text()).toContain('Je staat op de lijst.')
  })
})
