import 'fake-indexeddb/auto'
import { mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { setResidentApi as setApi } from '../../../src/client/sync/resident-api'
import { saveItems } from '../../../src/client/db/items-repo'
import { latestAnswerFor } from '../../../src/client/db/submissions-repo'
import ItemPage from '../../../src/client/pages/ItemPage.vue'
import { routes } from '../../../src/client/router'
import type { Api } from '../../../src/client/sync/api'
import { anItem, multipleQuestion, resetLocale, singleQuestion } from '../fixtures'
import { freshDb, mountPage, settle } from '../page-harness'

const offlineApi = new Proxy({} as Api, {
  get: () => () => Promise.reject(new Error('offline in tests')),
})

describe('ItemPage', () => {
  beforeEach(() => {
    resetLocale()
    setApi(offlineApi)
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('shows the item with its ladder, phase and the feedback-due date sentence', async () => {
    const db = freshDb()
    const item = anItem({ title: 'Hangplekken in de wijk', ladder: 'raadplegen', phase: 'agenda', feedbackDueAt: '2099-09-30T10:00:00Z' })
    await saveItems(db, [item])
    const { wrapper } = await mountPage(ItemPage, `/items/${item.id}`, { id: item.id })

    expect(wrapper.find('h1').text()).toBe('Hangplekken in de wijk')
    expect(wrapper.text()).toContain('Stap 2 van 5: Raadplegen')
    expect(wrapper.text()).toContain('Waar staat het plan? Op de agenda')
    expect(wrapper.text()).toContain('Je hoort uiterlijk 30 september 2099 wat we ermee doen.')
    expect(wrapper.find('form').exists()).toBe(true)
  })

  it('shows the item in its very first render when the way there read it from the phone, not "Laden…" first', async () => {
    const db = freshDb()
    const item = anItem({ title: 'Hangplekken in de wijk' })
    await saveItems(db, [item])
    const router = createRouter({ history: createMemoryHistory(), routes })
    await router.push(`/items/${item.id}`)
    await router.isReady()
    const wrapper = mount(ItemPage, { props: { id: item.id }, global: { plugins: [createPinia(), router] }, attachTo: document.body })
    // No settle(): this is the render before the page's own read of the phone could answer.
    expect(wrapper.find('h1').text()).toBe('Hangplekken in de wijk')
    expect(wrapper.find('.utrecht-paragraph--lead').exists()).toBe(true)
    wrapper.unmount()
  })

  it('names the region on an item for the whole region', async () => {
    const db = freshDb()
    const item = anItem({ municipality: 'beverwijk', region: 'IJmond', regionSlug: 'ijmond' })
    await saveItems(db, [item])
    const { wrapper } = await mountPage(ItemPage, `/items/${item.id}`, { id: item.id })
    expect(wrapper.find('.mp-kind').text()).toContain('Voor de hele regio IJmond')
  })

  it('saves the answer on the phone and only then says "Opgeslagen op je telefoon"', async () => {
    const db = freshDb()
    const item = anItem({ questions: [singleQuestion, multipleQuestion] })
    await saveItems(db, [item])
    const { wrapper } = await mountPage(ItemPage, `/items/${item.id}`, { id: item.id })

    expect(wrapper.text()).not.toContain('Opgeslagen op je telefoon')
    await wrapper.findAll('input[type="radio"]')[0]!.setValue(true)
    // An array answer is where a reactive proxy would break IndexedDB's structured clone.
    await wrapper.findAll('input[type="checkbox"]')[1]!.setValue(true)
    await wrapper.find('form').trigger('submit')
    await settle()

    expect((await latestAnswerFor(db, item.id))?.answers).toEqual({ q1: 'ja', q2: ['hang'] })
    expect(wrapper.find('[role="status"]').text()).toContain('Opgeslagen op je telefoon')
    // The answer form is gone; the only form left is the optional e-mail alert, offered now the answer is saved.
    expect(wrapper.findAll('form').filter((f) => f.find('input[type="radio"]').exists())).toHaveLength(0)
    expect(wrapper.find('#email-alert-title').text()).toBe('Mail mij als de gemeente reageert')
    expect(wrapper.text()).toContain('Antwoord wijzigen')
  })

  it('shows a table assignment without an answer form', async () => {
    const db = freshDb()
    const item = anItem({ kind: 'table', body: 'Geef advies over respijtzorg voor 1 oktober.', questions: [] })
    await saveItems(db, [item])
    const { wrapper } = await mountPage(ItemPage, `/items/${item.id}`, { id: item.id })
    expect(wrapper.text()).toContain('De opdracht')
    expect(wrapper.text()).toContain('Geef advies over respijtzorg voor 1 oktober.')
    expect(wrapper.find('form').exists()).toBe(false)
  })
})
