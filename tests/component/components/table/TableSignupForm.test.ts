import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { beforeEach, describe, expect, it } from 'vitest'
import TableSignupForm from '../../../../src/client/components/table/TableSignupForm.vue'
import { CONSENT_VERSION, TableSignupSchema, type TableSignup } from '../../../../src/shared/schemas/table'
import { resetLocale } from '../../fixtures'

const itemId = crypto.randomUUID()
const deviceId = 'a'.repeat(43)

function mountForm() {
  return mount(TableSignupForm, { props: { itemId, deviceId, areas: ['Centrum', 'Wijk aan Zee'] }, attachTo: document.body })
}

/** Fills in everything a sign-up needs, except what a test leaves out. */
async function fillIn(wrapper: VueWrapper, options: { age?: string; consent?: boolean } = {}): Promise<void> {
  await wrapper.find('#q-reg-name-input').setValue('Sam')
  await wrapper.find('#q-reg-contact-value-input').setValue('sam@example.nl')
  await wrapper.find(`input[name="reg-age"][value="${options.age ?? '24-64'}"]`).setValue(true)
  await wrapper.find('input[name="reg-roles"][value="carer"]').setValue(true)
  if (options.consent ?? true) await wrapper.find('input[name="consent"]').setValue(true)
}

async function submit(wrapper: VueWrapper): Promise<TableSignup | undefined> {
  await wrapper.find('form').trigger('submit')
  await flushPromises()
  return wrapper.emitted('submit')?.[0]?.[0] as TableSignup | undefined
}

describe('TableSignupForm', () => {
  beforeEach(() => {
    resetLocale()
    document.body.innerHTML = ''
  })

  it('labels every field in plain Dutch and shows the versioned consent text', () => {
    const wrapper = mountForm()
    const text = wrapper.text()
    for (const label of ['Je naam of bijnaam', 'Hoe kunnen we je bereiken?', 'Je e-mailadres', 'Hoe oud ben je?', 'In welke wijk woon je?', 'Wat past bij jou?', 'Waarom wil je meedoen?', 'Heb je iets nodig om mee te kunnen doen?', 'Toestemming']) {
      expect(text).toContain(label)
    }
    expect(text).toContain(`Versie van deze tekst: ${CONSENT_VERSION}`)
    expect(wrapper.find('button[type="submit"]').text()).toBe('Aanmelden')
    wrapper.unmount()
  })

  it('emits a valid sign-up once everything needed is filled in', async () => {
    const wrapper = mountForm()
    await fillIn(wrapper)
    await wrapper.find('#profile-area').setValue('Centrum')
    const signup = await submit(wrapper)

    expect(signup).toBeDefined()
    expect(TableSignupSchema.safeParse(signup).success).toBe(true)
    expect(signup).toMatchObject({ itemId, deviceId, revision: 1, name: 'Sam', contact: { channel: 'email', value: 'sam@example.nl' }, ageBand: '24-64', area: 'Centrum', roles: ['carer'], consentVersion: CONSENT_VERSION })
    expect(signup).not.toHaveProperty('guardianEmail')
    wrapper.unmount()
  })

  it('requires the consent box', async () => {
    const wrapper = mountForm()
    await fillIn(wrapper, { consent: false })
    expect(await submit(wrapper)).toBeUndefined()
    expect(wrapper.find('.mp-summary').text()).toContain('Zet een vinkje als je akkoord bent.')
    expect(document.activeElement).toBe(wrapper.find('.mp-summary').element)
    wrapper.unmount()
  })

  it('under 16 shows the guardian field with its explanation and blocks without it', async () => {
    const wrapper = mountForm()
    expect(wrapper.find('#q-reg-guardianEmail-input').exists()).toBe(false)
    await fillIn(wrapper, { age: '<16' })

    const guardian = wrapper.find('#q-reg-guardianEmail-input')
    expect(guardian.exists()).toBe(true)
    expect(wrapper.text()).toContain('Zegt je ouder of voogd binnen 30 dagen geen ja? Dan wissen we je aanmelding.')
    expect(await submit(wrapper)).toBeUndefined()
    expect(wrapper.find('#q-reg-guardianEmail-error').text()).toContain('Vul het e-mailadres van je ouder of voogd in.')

    await guardian.setValue('ouder@example.nl')
    const signup = await submit(wrapper)
    expect(signup).toMatchObject({ ageBand: '<16', guardianEmail: 'ouder@example.nl' })
    expect(TableSignupSchema.safeParse(signup).success).toBe(true)
    wrapper.unmount()
  })

  it('asks for a phone number in the right shape when phone is chosen', async () => {
    const wrapper = mountForm()
    await fillIn(wrapper)
    await wrapper.find('input[name="reg-channel"][value="phone"]').setValue(true)
    await wrapper.find('#q-reg-contact-value-input').setValue('bel me')
    expect(await submit(wrapper)).toBeUndefined()
    expect(wrapper.text()).toContain('Vul een goed telefoonnummer in')
    await wrapper.find('#q-reg-contact-value-input').setValue('06 12345678')
    expect(await submit(wrapper)).toMatchObject({ contact: { channel: 'phone', value: '06 12345678' } })
    wrapper.unmount()
  })
})
