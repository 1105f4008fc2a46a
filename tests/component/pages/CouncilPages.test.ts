import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import CouncilAdvicePage from '../../../src/client/pages/CouncilAdvicePage.vue'
import CouncilMeetingsPage from '../../../src/client/pages/CouncilMeetingsPage.vue'
import { saveCouncilAdvice, saveCouncilMeetings } from '../../../src/client/db/council-repo'
import { setMunicipality } from '../../../src/client/db/meta-repo'
import type { MeepraatDb } from '../../../src/client/db/db'
import { resetLocale } from '../fixtures'
import { freshDb, mountPage, settle } from '../page-harness'

let db: MeepraatDb
const failingFetch = () => vi.stubGlobal('fetch', vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))))

describe('the public council pages (advice, meetings)', () => {
  beforeEach(() => {
    resetLocale()
    db = freshDb()
  })
  afterEach(() => {
    vi.unstubAllGlobals()
    document.body.innerHTML = ''
  })

  it('asks to choose a municipality first, with the link to do so', async () => {
    failingFetch()
    for (const page of [CouncilAdvicePage, CouncilMeetingsPage]) {
      const { wrapper } = await mountPage(page, '/advies')
      await settle()
      expect(wrapper.text()).toContain('Kies eerst je gemeente.')
      expect(wrapper.find('a[href="/kies-gemeente"]').exists()).toBe(true)
      wrapper.unmount()
    }
  })

  it('shows the lists kept on the phone when the refresh fails, with the date they were seen, and links to the other page', async () => {
    failingFetch()
    await setMunicipality(db, 'beverwijk')
    const seen = new Date('2026-11-20T10:30:00Z')
    await saveCouncilAdvice(db, 'beverwijk', [], seen)
    await saveCouncilMeetings(db, 'beverwijk', [], seen)

    const advice = (await mountPage(CouncilAdvicePage, '/advies')).wrapper
    await settle()
    expect(advice.find('h1').text()).toBe('Adviezen van de participatieraad')
    expect(advice.text()).toMatch(/Je ziet wat je telefoon op .*20 november 2026.* zag\./)
    expect(advice.text()).toContain('De participatieraad heeft nog geen advies gegeven.')
    expect(advice.find('a[href="/overleg"]').text()).toBe('Overleg van de participatieraad')
    advice.unmount()

    const meetings = (await mountPage(CouncilMeetingsPage, '/overleg')).wrapper
    await settle()
    expect(meetings.text()).toContain('Er is nog geen nieuw overleg gepland.')
    expect(meetings.text()).toContain('Er is nog geen overleg geweest.')
    expect(meetings.find('a[href="/advies"]').text()).toBe('Adviezen van de participatieraad')
  })

  it('says the list cannot be read now when nothing is kept and the refresh fails online', async () => {
    failingFetch()
    await setMunicipality(db, 'beverwijk')
    const { wrapper } = await mountPage(CouncilMeetingsPage, '/overleg')
    await settle()
    expect(wrapper.text()).toContain('Dit lukt nu niet. Probeer het later nog eens.')
    expect(wrapper.find('[data-testid="coming-meetings"]').exists()).toBe(false)
  })
})
