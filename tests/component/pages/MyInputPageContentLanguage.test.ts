import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { setContentLanguage } from '../../../src/client/db/content-language-repo'
import { saveInbox } from '../../../src/client/db/inbox-repo'
import { saveItems } from '../../../src/client/db/items-repo'
import { setMunicipality } from '../../../src/client/db/meta-repo'
import { saveMunicipalityProfile } from '../../../src/client/db/municipality-profile-repo'
import { saveAnswer } from '../../../src/client/db/submissions-repo'
import MyInputPage from '../../../src/client/pages/MyInputPage.vue'
import YouSaidWeDidPage from '../../../src/client/pages/YouSaidWeDidPage.vue'
import type { Api } from '../../../src/client/sync/api'
import { setResidentApi } from '../../../src/client/sync/resident-api'
import type { Feedback } from '../../../src/shared/schemas/feedback'
import type { MunicipalityProfile } from '../../../src/shared/schemas/municipality-settings'
import { anItem, resetLocale } from '../fixtures'
import { freshDb, mountPage } from '../page-harness'

/** "Mijn inbreng" and "Jij zei, wij deden" quote item titles and feedback: in the resident's language where translated. */
const offlineApi = new Proxy({} as Api, { get: () => () => Promise.reject(new Error('offline in tests')) })
const profile: MunicipalityProfile = {
  slug: 'beverwijk', name: 'Beverwijk', areas: [], themes: ['opgroeien'], themeCssUrl: '/api/municipalities/beverwijk/theme.css?v=abc', themeClass: 'mp-theme-beverwijk',
  contact: {}, accessibilityStatement: {}, retention: { nonSelectedDays: 30, memberDays: 90, answersMonths: 12, interestConfirmMonths: 12 }, resultsMinDevices: 5,
  contentLanguages: ['ar'],
}

async function answeredArabicItem() {
  const db = freshDb()
  await setMunicipality(db, 'beverwijk')
  await saveMunicipalityProfile(db, profile)
  await setContentLanguage(db, 'ar')
  const feedback: Feedback = { id: crypto.randomUUID(), publishedAt: '2026-07-01T10:00:00.000Z', outcome: 'adopted', summary: 'Er komt een nieuw fietspad.', translations: { ar: { summary: 'سيكون هناك مسار دراجات جديد.' } } }
  const item = anItem({ title: 'Fietspaden', translations: { ar: { title: 'مسارات الدراجات' } }, feedback: [feedback] })
  await saveItems(db, [item])
  await saveAnswer(db, { item, answers: { q1: 'ja' } })
  await saveInbox(db, [{ kind: 'feedback', id: `feedback:${feedback.id}`, itemId: item.id, itemTitle: item.title, at: feedback.publishedAt, feedback }], '1')
}

beforeEach(() => {
  resetLocale()
  setResidentApi(offlineApi)
})
afterEach(() => {
  document.body.innerHTML = ''
})

describe('lists that quote items, in the language of the questions', () => {
  it('Mijn inbreng names the item and its feedback in Arabic, right to left', async () => {
    await answeredArabicItem()
    const { wrapper } = await mountPage(MyInputPage, '/mijn-inbreng')
    const title = wrapper.find('.mp-card__title')
    expect([title.text(), title.attributes('lang'), title.attributes('dir')]).toEqual(['مسارات الدراجات', 'ar', 'rtl'])
    const summary = wrapper.find('.mp-myfeedback__summary')
    expect([summary.text(), summary.attributes('lang'), summary.attributes('dir')]).toEqual(['سيكون هناك مسار دراجات جديد.', 'ar', 'rtl'])
  })

  it('"Jij zei, wij deden" names the item and what came of it in Arabic', async () => {
    await answeredArabicItem()
    const { wrapper } = await mountPage(YouSaidWeDidPage, '/jij-zei-wij-deden')
    const card = wrapper.find('[data-testid="you-said-item"]')
    expect(card.find('h2').attributes()).toMatchObject({ lang: 'ar', dir: 'rtl' })
    expect(card.find('h2').text()).toBe('مسارات الدراجات')
    expect(card.findAll('p[lang="ar"]').map((p) => p.text())).toContain('سيكون هناك مسار دراجات جديد.')
  })
})
