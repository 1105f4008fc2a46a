import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { beforeEach, describe, expect, it } from 'vitest'
import SignalForm from '../../../../src/client/components/signals/SignalForm.vue'
import type { SignalInput } from '../../../../src/client/db/signals-repo'
import { SIGNAL_CONTACT_CONSENT_VERSION } from '../../../../src/shared/schemas/signal'
import { resetLocale } from '../../fixtures'

function mountForm(props: Partial<{ responseDays: number; links: Record<string, string> }> = {}) {
  return mount(SignalForm, {
    props: { municipality: 'beverwijk', themes: ['opgroeien', 'meedoen', 'Sport'], areas: ['Centrum', 'Wijk aan Zee'], responseDays: props.responseDays ?? 42, links: props.links ?? {} },
    attachTo: document.body,
  })
}

async function submit(wrapper: VueWrapper): Promise<SignalInput | undefined> {
  await wrapper.find('form').trigger('submit')
  await flushPromises()
  return wrapper.emitted('submit')?.[0]?.[0] as SignalInput | undefined
}

async function fillIn(wrapper: VueWrapper): Promise<void> {
  await wrapper.find('input[name="sig-kind"][value="proposal"]').setValue(true)
  await wrapper.find('#q-sig-title-input').setValue('  Meer bankjes in het park  ')
  await wrapper.find('#q-sig-body-input').setValue('Ouderen kunnen nergens even zitten.')
  await wrapper.find('#sig-theme').setValue('Sport')
  await wrapper.find('#sig-area').setValue('Wijk aan Zee')
}

describe('SignalForm', () => {
  beforeEach(() => {
    resetLocale()
    document.body.innerHTML = ''
  })

  it('explains signal and proposal in plain Dutch and promises an answer within the municipality\'s period', () => {
    const text = mountForm().text()
    for (const part of ['Een signaal geven', 'Iets gaat niet goed of mist.', 'Een voorstel doen', 'Je hebt een idee voor nieuw beleid', 'Binnen 6 weken hoor je wat we ermee doen.']) expect(text).toContain(part)
    expect(mountForm({ responseDays: 10 }).find('[data-testid="signal-promise"]').text()).toBe('Binnen 10 dagen hoor je wat we ermee doen.')
  })

  it('warns, without blocking, when the text looks like it holds personal data', async () => {
    const wrapper = mountForm()
    await fillIn(wrapper)
    await wrapper.find('#q-sig-body-input').setValue('Bel me op 06 12345678 als je meer wilt weten.')
    expect(wrapper.find('[data-testid="personal-data-warning"]').text()).toContain('telefoonnummer')
    expect(wrapper.find('#q-sig-body-input').attributes('aria-describedby')).toContain('q-sig-body-personal')
    expect(await submit(wrapper)).toMatchObject({ kind: 'proposal', title: 'Meer bankjes in het park', body: 'Bel me op 06 12345678 als je meer wilt weten.' })
  })

  it('lists what is missing and sends nothing until title and text are there', async () => {
    const wrapper = mountForm()
    expect(await submit(wrapper)).toBeUndefined()
    expect(wrapper.text()).toContain('Nog niet alles is goed ingevuld')
    expect(wrapper.find('#q-sig-title-error').text()).toContain('Schrijf in een paar woorden')
    expect(wrapper.find('#q-sig-body-error').exists()).toBe(true)
  })

  it('sends theme and area as the municipality spells them, the links it was opened with, and no contact unless asked', async () => {
    const meetingId = crypto.randomUUID()
    const wrapper = mountForm({ links: { meetingId } })
    expect(wrapper.text()).toContain('Je vraagt de participatieraad om dit onderwerp te bespreken')
    await fillIn(wrapper)
    expect(await submit(wrapper)).toEqual({ municipality: 'beverwijk', kind: 'proposal', title: 'Meer bankjes in het park', body: 'Ouderen kunnen nergens even zitten.', theme: 'Sport', area: 'Wijk aan Zee', meetingId })
  })

  it('asks name, address and consent only when the resident wants to be contacted', async () => {
    const wrapper = mountForm()
    await fillIn(wrapper)
    expect(wrapper.find('#q-sig-name-input').exists()).toBe(false)
    await wrapper.find('input[name="sig-wants-contact"]').setValue(true)
    expect(await submit(wrapper)).toBeUndefined()
    expect(wrapper.text()).toContain('Vul je naam in.')
    expect(wrapper.text()).toContain('Geef aan dat je akkoord gaat')
    await wrapper.find('#q-sig-name-input').setValue('Anna')
    await wrapper.find('#q-sig-contact-value-input').setValue('anna@example.nl')
    await wrapper.find('input[name="sig-consent"]').setValue(true)
    expect((await submit(wrapper))?.contact).toEqual({ channel: 'email', value: 'anna@example.nl', name: 'Anna', consentVersion: SIGNAL_CONTACT_CONSENT_VERSION })
  })
})
