import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { setResidentApi as setApi } from '../../../src/client/sync/resident-api'
import { saveFeedbackFigures } from '../../../src/client/db/figures-repo'
import { saveItems } from '../../../src/client/db/items-repo'
import { setMunicipality } from '../../../src/client/db/meta-repo'
import YouSaidWeDidPage from '../../../src/client/pages/YouSaidWeDidPage.vue'
import type { Api } from '../../../src/client/sync/api'
import type { FeedbackFigures } from '../../../src/shared/schemas/accountability'
import type { Feedback } from '../../../src/shared/schemas/feedback'
import { anItem, resetLocale } from '../fixtures'
import { freshDb, mountPage, settle } from '../page-harness'

function apiWith(figures: FeedbackFigures | undefined): Api {
  return new Proxy({} as Api, {
    get: (_target, name) => () =>
      name === 'getFeedbackFigures' && figures ? Promise.resolve(figures) : Promise.reject(new Error('offline in tests')),
  })
}

function aFeedback(publishedAt: string, overrides: Partial<Feedback> = {}): Feedback {
  return { id: crypto.randomUUID(), publishedAt, outcome: 'adopted', summary: `Bericht van ${publishedAt.slice(0, 10)}`, ...overrides }
}

const closed = { status: 'closed' as const, opensAt: '2026-01-01T08:00:00Z', closesAt: '2026-02-01T08:00:00Z', feedbackDueAt: '2099-03-01T08:00:00Z' }

async function seed() {
  const db = freshDb()
  await setMunicipality(db, 'beverwijk')
  const older = anItem({ ...closed, title: 'Hangplekken', theme: 'jeugd', feedback: [aFeedback('2026-02-10T10:00:00Z')] })
  const corrected = aFeedback('2026-03-01T10:00:00Z', { outcome: 'adopted', summary: 'Oud bericht dat niet klopte' })
  const correction = aFeedback('2026-03-02T10:00:00Z', { outcome: 'not_adopted', summary: 'Verbeterd bericht', reason: 'Geen geld.', correctsId: corrected.id })
  corrected.correctedById = correction.id
  const newest = anItem({ ...closed, title: 'Mantelzorg', theme: 'zorg', feedback: [corrected, correction] })
  const waiting = anItem({ ...closed, title: 'Bibliotheek', theme: 'zorg', closesAt: '2026-02-20T08:00:00Z' })
  const open = anItem({ title: 'Nog open', theme: 'jeugd' })
  const elsewhere = anItem({ ...closed, municipality: 'velsen', title: 'Andere gemeente' })
  await saveItems(db, [older, newest, waiting, open, elsewhere])
  return db
}

describe('YouSaidWeDidPage', () => {
  beforeEach(resetLocale)
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('lists the closed questions of the chosen municipality, newest news first, with the message that stands now', async () => {
    await seed()
    setApi(apiWith({ closedItems: 4, closedWithFeedback: 3, shareWithFeedback: 0.75, medianDaysToFirstFeedback: 2 }))
    const { wrapper } = await mountPage(YouSaidWeDidPage, '/jij-zei-wij-deden')

    expect(wrapper.find('h1').text()).toBe('Jij zei, wij deden')
    const cards = wrapper.findAll('[data-testid="you-said-item"]')
    expect(cards.map((c) => c.find('h2').text())).toEqual(['Mantelzorg', 'Bibliotheek', 'Hangplekken'])
    expect(cards[0]!.text()).toContain('Verbeterd bericht')
    expect(cards[0]!.text()).toContain('Niet overgenomen')
    expect(cards[0]!.text()).not.toContain('Oud bericht dat niet klopte')
    expect(cards[1]!.text()).toContain('Nog geen bericht. Je hoort uiterlijk 1 maart 2099 wat de gemeente ermee doet.')
    expect(wrapper.find('[data-testid="feedback-figures"]').text()).toBe(
      'Bij 3 van de 4 gesloten vragen hoorden inwoners wat er gebeurde. Bij de helft kwam het bericht binnen 2 dagen na het sluiten.',
    )
  })

  it('filters by theme with a labelled select and says how many are shown', async () => {
    await seed()
    setApi(apiWith(undefined))
    const { wrapper } = await mountPage(YouSaidWeDidPage, '/jij-zei-wij-deden')

    const select = wrapper.find('select')
    expect(wrapper.find(`label[for="${select.attributes('id')}"]`).text()).toBe('Kies een thema')
    expect(select.findAll('option').map((o) => o.text())).toEqual(["Alle thema's", 'jeugd', 'zorg'])
    await select.setValue('zorg')
    await settle()
    expect(wrapper.findAll('[data-testid="you-said-item"] h2').map((h) => h.text())).toEqual(['Mantelzorg', 'Bibliotheek'])
    expect(wrapper.find('[aria-live="polite"]').text()).toBe('2 gesloten vragen')
    await select.setValue('jeugd')
    await settle()
    expect(wrapper.find('[aria-live="polite"]').text()).toBe('1 gesloten vraag')
  })

  it('shows the last known figures with their date when they cannot be fetched', async () => {
    const db = await seed()
    await saveFeedbackFigures(db, 'beverwijk', { closedItems: 1, closedWithFeedback: 1, shareWithFeedback: 1, medianDaysToFirstFeedback: 1 }, new Date('2026-05-01T10:00:00Z'))
    setApi(apiWith(undefined))
    const { wrapper } = await mountPage(YouSaidWeDidPage, '/jij-zei-wij-deden')
    const figures = wrapper.find('.mp-figures')
    expect(figures.text()).toContain('Bij 1 van de 1 gesloten vraag hoorden inwoners wat er gebeurde. Bij de helft kwam het bericht binnen 1 dag na het sluiten.')
    expect(figures.text()).toContain('Deze cijfers zijn van 1 mei 2026')
  })

  it('asks to choose a municipality first when none was chosen', async () => {
    freshDb()
    setApi(apiWith(undefined))
    const { wrapper } = await mountPage(YouSaidWeDidPage, '/jij-zei-wij-deden')
    expect(wrapper.text()).toContain('Kies eerst je gemeente.')
    expect(wrapper.find('a[href="/kies-gemeente"]').exists()).toBe(true)
  })
})
