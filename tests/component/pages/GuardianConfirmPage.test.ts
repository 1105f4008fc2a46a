import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { setResidentApi as setApi } from '../../../src/client/sync/resident-api'
import GuardianConfirmPage from '../../../src/client/pages/GuardianConfirmPage.vue'
import { ApiError, type Api } from '../../../src/client/sync/api'
import { resetLocale } from '../fixtures'
import { freshDb, mountPage, settle } from '../page-harness'

const token = 'T'.repeat(40)

function apiWith(confirmGuardian: Api['confirmGuardian'], guardianLinkInfo?: Api['guardianLinkInfo']): Api {
  const known: Partial<Api> = { confirmGuardian, ...(guardianLinkInfo ? { guardianLinkInfo } : {}) }
  return new Proxy(known as Api, {
    get: (target, key) => (key in target ? target[key as keyof Api] : () => Promise.reject(new Error('not in this test'))),
  })
}

describe('GuardianConfirmPage', () => {
  beforeEach(() => {
    resetLocale()
    freshDb()
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('does not confirm on page load (mail scanners open links), only on the button', async () => {
    const confirm = vi.fn(() => Promise.resolve())
    setApi(apiWith(confirm))
    const { wrapper } = await mountPage(GuardianConfirmPage, `/ouder-bevestigen?token=${token}`)
    await settle()

    expect(confirm).not.toHaveBeenCalled()
    expect(wrapper.text()).toContain('Uw kind is jonger dan 16 jaar.')
    const button = wrapper.find('button')
    expect(button.text()).toBe('Ik geef toestemming')

    await button.trigger('click')
    await settle()
    expect(confirm).toHaveBeenCalledExactlyOnceWith(token)
    expect(wrapper.find('[role="status"]').text()).toContain('U hebt toestemming gegeven.')
    expect(wrapper.find('button').exists()).toBe(false)
  })

  it('names the table and the municipality before the guardian says yes, with the title marked Dutch, and still sends nothing', async () => {
    const confirm = vi.fn(() => Promise.resolve())
    const info = vi.fn(() => Promise.resolve({ kind: 'table' as const, tableTitle: 'Tafel hulp vinden', municipalityName: 'Beverwijk' }))
    setApi(apiWith(confirm, info))
    const { wrapper } = await mountPage(GuardianConfirmPage, `/ouder-bevestigen#t=${token}`)
    await settle()
    expect(info).toHaveBeenCalledExactlyOnceWith(token)
    expect(confirm).not.toHaveBeenCalled()
    const about = wrapper.find('[data-testid="guardian-about"]')
    expect(about.text()).toBe('Het gaat om deze tafel van de gemeente Beverwijk: Tafel hulp vinden')
    expect(about.find('strong').attributes('lang')).toBe('nl')
  })

  it('names the Benader mij network of the municipality for an interest registration', async () => {
    setApi(apiWith(() => Promise.resolve(), () => Promise.resolve({ kind: 'interest' as const, municipalityName: 'Velsen' })))
    const { wrapper } = await mountPage(GuardianConfirmPage, `/ouder-bevestigen#t=${token}`)
    await settle()
    expect(wrapper.find('[data-testid="guardian-about"]').text()).toContain('‘Benader mij’ van de gemeente Velsen')
  })

  it('says so plainly when the link is unknown or used', async () => {
    setApi(apiWith(() => Promise.reject(new ApiError('refused', 'gone', { status: 404, code: 'not_found' }))))
    const { wrapper } = await mountPage(GuardianConfirmPage, `/ouder-bevestigen?token=${token}`)
    await wrapper.find('button').trigger('click')
    await settle()
    expect(wrapper.find('[role="status"]').text()).toContain('Deze link werkt niet (meer).')
  })

  it('says the same for the server\'s own code for a dead link (guardian_link_invalid)', async () => {
    setApi(apiWith(() => Promise.reject(new ApiError('refused', 'This link is unknown, used already, or expired', { status: 404, code: 'guardian_link_invalid' }))))
    const { wrapper } = await mountPage(GuardianConfirmPage, `/ouder-bevestigen?token=${token}`)
    await wrapper.find('button').trigger('click')
    await settle()
    expect(wrapper.find('[role="status"]').text()).toContain('Deze link werkt niet (meer).')
  })

  it('shows the words for the code of another refusal, not the server\'s English', async () => {
    setApi(apiWith(() => Promise.reject(new ApiError('refused', 'body/token: Invalid', { status: 400, code: 'bad_request' }))))
    const { wrapper } = await mountPage(GuardianConfirmPage, `/ouder-bevestigen?token=${token}`)
    await wrapper.find('button').trigger('click')
    await settle()
    const status = wrapper.find('[role="status"]').text()
    expect(status).toContain('Er klopt iets niet in wat je stuurde.')
    expect(status).not.toContain('Invalid')
  })

  it('offers no button without a usable token', async () => {
    const confirm = vi.fn(() => Promise.resolve())
    setApi(apiWith(confirm))
    const { wrapper } = await mountPage(GuardianConfirmPage, '/ouder-bevestigen')
    expect(wrapper.find('button').exists()).toBe(false)
    expect(wrapper.text()).toContain('Deze link is niet compleet.')
    expect(confirm).not.toHaveBeenCalled()
  })
})
