import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { setResidentApi as setApi } from '../../../../src/client/sync/resident-api'
import { saveItems } from '../../../../src/client/db/items-repo'
import ItemPage from '../../../../src/client/pages/ItemPage.vue'
import { ApiError, type Api } from '../../../../src/client/sync/api'
import { EMAIL_ALERT_CONSENT_VERSION } from '../../../../src/shared/schemas/email-alert'
import { anItem, resetLocale, singleQuestion } from '../../fixtures'
import { freshDb, mountPage, settle } from '../../page-harness'

function apiWith(askEmailAlert: Api['askEmailAlert']): Api {
  return new Proxy({ askEmailAlert } as Api, {
    get: (target, key) => (key === 'askEmailAlert' ? target.askEmailAlert : () => Promise.reject(new Error('offline in tests'))),
  })
}

/** The item page with the answer saved on the phone: only then is the alert form there. */
async function answered() {
  const db = freshDb()
  const item = anItem({ kind: 'poll', theme: 'opgroeien', questions: [singleQuestion] })
  await saveItems(db, [item])
  const { wrapper } = await mountPage(ItemPage, `/items/${item.id}`, { id: item.id })
  expect(wrapper.find('#email-alert-title').exists()).toBe(false)
  await wrapper.findAll('input[type="radio"]')[0]!.setValue(true)
  await wrapper.find('form').trigger('submit')
  await settle()
  return { wrapper, item }
}

describe('EmailAlertForm', () => {
  beforeEach(() => resetLocale())
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('asks the server once the answer is saved, in the app’s language with the current consent text, and says a confirmation mail is on its way', async () => {
    const ask = vi.fn(() => Promise.resolve({} as Awaited<ReturnType<Api['askEmailAlert']>>))
    setApi(apiWith(ask))
    const { wrapper, item } = await answered()
    await wrapper.find('#q-email-alert-input').setValue('sam@example.nl')
    await wrapper.find('.mp-email-alert form').trigger('submit')
    await settle()
    expect(ask).toHaveBeenCalledExactlyOnceWith(expect.any(String), { itemId: item.id, email: 'sam@example.nl', language: 'nl', consentVersion: EMAIL_ALERT_CONSENT_VERSION })
    expect(wrapper.find('.mp-email-alert [role="status"]').text()).toContain('We hebben een e-mail gestuurd naar sam@example.nl')
    // The poll's Benader mij offer links to the form with its theme.
    expect(wrapper.find('a[href="/benader-mij?thema=opgroeien"]').exists()).toBe(true)
  })

  it('names a wrong address at the field and sends nothing', async () => {
    const ask = vi.fn()
    setApi(apiWith(ask))
    const { wrapper } = await answered()
    await wrapper.find('#q-email-alert-input').setValue('geen adres')
    await wrapper.find('.mp-email-alert form').trigger('submit')
    await settle()
    expect(ask).not.toHaveBeenCalled()
    expect(wrapper.find('#q-email-alert').text()).toContain('Vul een e-mailadres in')
  })

  it('says it needs a connection when offline; the answer stays saved', async () => {
    setApi(apiWith(() => Promise.reject(new ApiError('network', 'offline'))))
    const { wrapper } = await answered()
    await wrapper.find('#q-email-alert-input').setValue('sam@example.nl')
    await wrapper.find('.mp-email-alert form').trigger('submit')
    await settle()
    expect(wrapper.find('.mp-email-alert [role="status"]').text()).toContain('Dit lukt alleen met internet. Je antwoord is wel bewaard.')
  })
})
