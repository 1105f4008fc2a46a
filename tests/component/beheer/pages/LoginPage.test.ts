import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import LoginPage from '../../../../src/client/beheer/pages/LoginPage.vue'
import { resetLocale } from '../../fixtures'
import { mountPage, settle } from '../../page-harness'

function answer(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
}

async function signIn(status: number, body: unknown) {
  const fetchMock = vi.fn(async () => answer(status, body))
  vi.stubGlobal('fetch', fetchMock)
  const { wrapper, router } = await mountPage(LoginPage, '/beheer/inloggen')
  await wrapper.find('#login-email').setValue('e@beverwijk.nl')
  await wrapper.find('#login-password').setValue('een-lange-zin-hier')
  await wrapper.find('form').trigger('submit')
  await settle()
  return { wrapper, router, fetchMock }
}

describe('LoginPage', () => {
  beforeEach(resetLocale)
  afterEach(() => {
    vi.unstubAllGlobals()
    document.body.innerHTML = ''
  })

  it('says to wait 15 minutes when the server answers 429', async () => {
    const { wrapper, fetchMock } = await signIn(429, { error: { code: 'rate_limited', message: 'Too many failed sign-ins. Wait 15 minutes and try again.' } })
    expect(wrapper.find('[role="alert"]').text()).toContain('Je hebt te vaak een verkeerd wachtwoord ingevuld. Wacht 15 minuten')
    // The page first asks which municipalities offer single sign-on; the sign-in is the next call.
    const calls = fetchMock.mock.calls as unknown as [string, RequestInit][]
    expect(calls.map(([url]) => url)).toEqual(['/api/auth/sso/providers', '/api/auth/login'])
    const [, init] = calls[1] as [string, RequestInit]
    expect(init.credentials).toBe('same-origin')
  })

  it('says the details are wrong on 401', async () => {
    const { wrapper } = await signIn(401, { error: { code: 'unauthorized', message: 'E-mail address or password is not correct' } })
    expect(wrapper.find('[role="alert"]').text()).toContain('Het e-mailadres of het wachtwoord klopt niet.')
  })

  it('goes to the back office start after a good sign-in', async () => {
    const me = { id: crypto.randomUUID(), email: 'e@beverwijk.nl', municipality: 'beverwijk', municipalityName: 'Beverwijk', role: 'admin', csrfToken: 'tok' }
    const { router } = await signIn(200, me)
    // The start page and its guard are lazy-loaded: give the navigation time to finish.
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('beheer-start'), { timeout: 5000 })
  })
})
