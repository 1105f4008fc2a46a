import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { setResidentApi as setApi } from '../../../src/client/sync/resident-api'
import ContactConfirmPage from '../../../src/client/pages/ContactConfirmPage.vue'
import { ApiError, type Api } from '../../../src/client/sync/api'
import { resetLocale } from '../fixtures'
import { freshDb, mountPage, settle } from '../page-harness'

const token = 'T'.repeat(40)

function apiWith(confirmContact: Api['confirmContact']): Api {
  return new Proxy({ confirmContact } as Api, {
    get: (target, key) => (key === 'confirmContact' ? target.confirmContact : () => Promise.reject(new Error('not in this test'))),
  })
}

describe('ContactConfirmPage', () => {
  beforeEach(() => {
    resetLocale()
    freshDb()
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('does not confirm on page load (mail scanners open links), only on the button, and says what now counts', async () => {
    const confirm = vi.fn(() => Promise.resolve({ ok: true as const, confirmed: 'signup' as const }))
    setApi(apiWith(confirm))
    const { wrapper } = await mountPage(ContactConfirmPage, `/contact-bevestigen?token=${token}`)
    await settle()
    expect(confirm).not.toHaveBeenCalled()
    expect(wrapper.find('h1').text()).toBe('Bevestig je e-mailadres')
    await wrapper.find('button').trigger('click')
    await settle()
    expect(confirm).toHaveBeenCalledExactlyOnceWith(token)
    expect(wrapper.find('[role="status"]').text()).toContain('Je aanmelding voor de tafel telt nu.')
    expect(wrapper.find('button').exists()).toBe(false)
  })

  it('thanks a Benader mij member for staying after the yearly link', async () => {
    setApi(apiWith(() => Promise.resolve({ ok: true as const, confirmed: 'renewal' as const })))
    const { wrapper } = await mountPage(ContactConfirmPage, `/contact-bevestigen?token=${token}`)
    await wrapper.find('button').trigger('click')
    await settle()
    expect(wrapper.find('[role="status"]').text()).toContain('Je blijft op de lijst Benader mij.')
  })

  it('explains a used or expired link in words, and being offline', async () => {
    setApi(apiWith(() => Promise.reject(new ApiError('refused', 'x', { status: 404, code: 'contact_link_invalid' }))))
    const { wrapper } = await mountPage(ContactConfirmPage, `/contact-bevestigen?token=${token}`)
    await wrapper.find('button').trigger('click')
    await settle()
    expect(wrapper.find('[role="status"]').text()).toContain('Deze link werkt niet (meer).')
    setApi(apiWith(() => Promise.reject(new ApiError('network', 'offline'))))
    await wrapper.find('button').trigger('click')
    await settle()
    expect(wrapper.find('[role="status"]').text()).toContain('Je bent offline.')
  })

  it('says the link is incomplete and offers no button without a valid token', async () => {
    setApi(apiWith(() => Promise.reject(new Error('must not be called'))))
    const { wrapper } = await mountPage(ContactConfirmPage, '/contact-bevestigen?token=kort')
    expect(wrapper.text()).toContain('Deze link is niet compleet.')
    expect(wrapper.find('button').exists()).toBe(false)
  })
})
