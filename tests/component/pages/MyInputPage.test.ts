import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { setResidentApi as setApi } from '../../../src/client/sync/resident-api'
import { saveInbox, unreadCount } from '../../../src/client/db/inbox-repo'
import { saveItems } from '../../../src/client/db/items-repo'
import { saveAnswer } from '../../../src/client/db/submissions-repo'
import ItemPage from '../../../src/client/pages/ItemPage.vue'
import MyInputPage from '../../../src/client/pages/MyInputPage.vue'
import type { Api } from '../../../src/client/sync/api'
import type { Feedback } from '../../../src/shared/schemas/feedback'
import { anItem, resetLocale } from '../fixtures'
import { freshDb, mountPage } from '../page-harness'

const offlineApi = new Proxy({} as Api, { get: () => () => Promise.reject(new Error('offline in tests')) })

/** An answered item whose feedback reached the phone through the inbox (unread). */
async function answeredWithFeedback() {
  const db = freshDb()
  const feedback: Feedback = { id: crypto.randomUUID(), publishedAt: '2026-07-01T10:00:00.000Z', outcome: 'adopted', summary: 'Er komt een nieuw fietspad.' }
  const item = anItem({ title: 'Fietspaden', feedback: [feedback] })
  await saveItems(db, [item])
  await saveAnswer(db, { item, answers: { q1: 'ja' } })
  await saveInbox(db, [{ kind: 'feedback', id: `feedback:${feedback.id}`, itemId: item.id, itemTitle: item.title, at: feedback.publishedAt, feedback }], '1')
  return { db, item }
}

describe('MyInputPage: hearing back', () => {
  beforeEach(() => {
    resetLocale()
    setApi(offlineApi)
  })
  afterEach(() => {
    document.body.innerHTML = ''
    vi.unstubAllGlobals()
    Reflect.deleteProperty(navigator, 'serviceWorker')
  })

  it('shows the number of new messages and the feedback under the answer, marked "Nieuw"', async () => {
    await answeredWithFeedback()
    const { wrapper } = await mountPage(MyInputPage, '/mijn-inbreng')
    expect(wrapper.find('[data-testid="my-input-unread"]').text()).toContain('Je hebt 1 nieuw bericht over je inbreng.')
    const feedback = wrapper.find('[data-testid="my-input-feedback"]')
    expect(feedback.text()).toContain('Nieuw')
    expect(feedback.text()).toContain('Overgenomen')
    expect(feedback.text()).toContain('Er komt een nieuw fietspad.')
    expect(feedback.find('a').text()).toContain('Lees alles wat de gemeente ermee deed')
  })

  it('marks the news read when the resident opens the item', async () => {
    const { db, item } = await answeredWithFeedback()
    const { wrapper } = await mountPage(ItemPage, `/items/${item.id}`, { id: item.id })
    expect(wrapper.find('#terugkoppeling').text()).toContain('Er komt een nieuw fietspad.')
    expect(await unreadCount(db)).toBe(0)
  })

  it('asks for notification permission only when the button is pressed', async () => {
    const requestPermission = vi.fn(() => Promise.resolve('granted' as NotificationPermission))
    vi.stubGlobal('Notification', { permission: 'default', requestPermission })
    Object.defineProperty(navigator, 'serviceWorker', { value: new EventTarget(), configurable: true })
    await answeredWithFeedback()
    const { wrapper } = await mountPage(MyInputPage, '/mijn-inbreng')
    expect(requestPermission).not.toHaveBeenCalled()
    const button = wrapper.findAll('button').find((b) => b.text() === 'Zet meldingen aan')
    await button!.trigger('click')
    await vi.waitFor(() => expect(wrapper.text()).toContain('Meldingen staan aan.'))
    expect(requestPermission).toHaveBeenCalledOnce()
  })
})

describe('MyInputPage: the state of each answer', () => {
  beforeEach(() => {
    resetLocale()
    setApi(offlineApi)
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('shows an answer that keeps failing as stuck, with the reason, beside one that was sent', async () => {
    const db = freshDb()
    const stuckItem = anItem({ title: 'Hulp vinden' })
    const sentItem = anItem({ title: 'Fietspaden' })
    await saveItems(db, [stuckItem, sentItem])
    const stuck = await saveAnswer(db, { item: stuckItem, answers: { q1: 'ja' } })
    const sent = await saveAnswer(db, { item: sentItem, answers: { q1: 'nee' } })
    await db.submissions.update(stuck.id, { state: 'stuck', reason: 'server_error' })
    await db.submissions.update(sent.id, { state: 'sent', sentAt: '2026-07-01T10:00:00.000Z' })
    const { wrapper } = await mountPage(MyInputPage, '/mijn-inbreng')
    await vi.waitFor(() => expect(wrapper.text()).toContain('Komt nog niet aan. We blijven het proberen'))
    expect(wrapper.find('.mp-state--stuck').exists()).toBe(true)
    expect(wrapper.find('[data-testid="answer-reason"]').text()).toContain('Bij dit antwoord geeft de server steeds een fout.')
    expect(wrapper.text()).toContain('Verstuurd')
  })
})
