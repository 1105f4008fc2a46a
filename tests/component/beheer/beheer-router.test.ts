import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory } from 'vue-router'
import { createBeheerRouter } from '../../../src/client/beheer/beheer-router'
import ItemStateLinks from '../../../src/client/beheer/components/ItemStateLinks.vue'
import BeheerHeader from '../../../src/client/beheer/components/BeheerHeader.vue'
import type { ManagedItem } from '../../../src/shared/schemas/item-draft'
import { anItem, resetLocale } from '../fixtures'
import { settle } from '../page-harness'

function unauthorized(): Response {
  return new Response(JSON.stringify({ error: { code: 'unauthorized', message: 'Sign in first' } }), { status: 401, headers: { 'content-type': 'application/json' } })
}

describe('the back office router (its own app under /beheer)', () => {
  beforeEach(() => {
    resetLocale()
    setActivePinia(createPinia())
    // Nobody is signed in: the server answers every question with 401.
    vi.stubGlobal('fetch', vi.fn(async () => unauthorized()))
  })
  afterEach(() => {
    vi.unstubAllGlobals()
    document.body.innerHTML = ''
  })

  it('writes its addresses under /beheer and takes full site paths (/beheer/...) as the same page', async () => {
    const router = createBeheerRouter(createMemoryHistory('/beheer'))
    expect(router.resolve({ name: 'beheer-item-input', params: { id: 'abc' } }).href).toBe('/beheer/items/abc/inbreng')
    await router.push('/beheer/inloggen?uitgelogd=1')
    expect(router.currentRoute.value.name).toBe('beheer-login')
    expect(router.currentRoute.value.query.uitgelogd).toBe('1')
  })

  it('sends an official who is not signed in to the login page with the full path to come back to', async () => {
    for (const path of ['/items/abc/inbreng', '/beheer/items/abc/inbreng']) {
      const router = createBeheerRouter(createMemoryHistory('/beheer'))
      await router.push(path)
      expect(router.currentRoute.value.name, path).toBe('beheer-login')
      // The login page only returns to paths inside /beheer.
      expect(router.currentRoute.value.query.terug, path).toBe('/beheer/items/abc/inbreng')
    }
  })

  it('shows a back-office not-found page for an unknown address, linking to the overview', async () => {
    const router = createBeheerRouter(createMemoryHistory('/beheer'))
    await router.push('/bestaat-niet')
    expect(router.currentRoute.value.name).toBe('beheer-not-found')
  })

  it('links to the residents\' app with plain links: the item as residents see it, and the app itself', async () => {
    const router = createBeheerRouter(createMemoryHistory('/beheer'))
    const item: ManagedItem = { ...anItem(), state: 'open', publishedAt: '2026-05-01T08:00:00.000Z', respondents: 3 }
    const links = mount(ItemStateLinks, { props: { item }, global: { plugins: [router] } })
    await settle()
    const residentView = links.findAll('a').find((a) => a.text() === 'Bekijk zoals inwoners')
    expect(residentView?.attributes('href')).toBe(`/items/${item.id}`)
    const header = mount(BeheerHeader, { global: { plugins: [router] } })
    expect(header.find('a.mp-header__name').attributes('href')).toBe('/')
  })
})
