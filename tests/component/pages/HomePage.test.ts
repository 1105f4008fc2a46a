import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import { saveItems } from '../../../src/client/db/items-repo'
import { setItemsCursor, setMunicipality } from '../../../src/client/db/meta-repo'
import HomePage from '../../../src/client/pages/HomePage.vue'
import { useSyncStore } from '../../../src/client/stores/sync'
import { anItem, resetLocale } from '../fixtures'
import { freshDb, mountPage, settle } from '../page-harness'

describe('HomePage', () => {
  beforeEach(resetLocale)
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('lists the open items of the chosen municipality from the phone, grouped by kind', async () => {
    const db = freshDb()
    await setMunicipality(db, 'beverwijk')
    await saveItems(db, [
      anItem({ title: 'Open peiling' }),
      anItem({ kind: 'question', title: 'Open themavraag' }),
      anItem({ title: 'Gesloten peiling', status: 'closed', closesAt: '2020-01-01T00:00:00Z' }),
      anItem({ title: 'Peiling in Velsen', municipality: 'velsen' }),
    ])
    const { wrapper } = await mountPage(HomePage, '/kies-gemeente')

    expect(wrapper.findAll('h1')).toHaveLength(1)
    expect(wrapper.findAll('h2').map((h) => h.text())).toEqual(['Flitspeilingen', 'Themavragen'])
    expect(wrapper.text()).toContain('Open peiling')
    expect(wrapper.text()).toContain('Open themavraag')
    expect(wrapper.text()).not.toContain('Gesloten peiling')
    expect(wrapper.text()).not.toContain('Peiling in Velsen')
  })

  it('lists an item for the whole region that came with the municipality\'s feed, with the region named', async () => {
    const db = freshDb()
    await setMunicipality(db, 'velsen')
    await saveItems(db, [anItem({ title: 'Rondkomen in de IJmond', municipality: 'beverwijk', region: 'IJmond', regionSlug: 'ijmond' })], 'velsen')
    const { wrapper } = await mountPage(HomePage, '/')
    const card = wrapper.findAll('li.mp-card').find((li) => li.text().includes('Rondkomen in de IJmond'))
    expect(card?.text()).toContain('Voor de hele regio IJmond')
  })

  it('says calmly that nothing is open when the municipality\'s feed came with no items', async () => {
    const db = freshDb()
    await setMunicipality(db, 'beverwijk')
    await setItemsCursor(db, 'beverwijk', 'c1')
    const { wrapper } = await mountPage(HomePage, '/kies-gemeente')
    expect(wrapper.text()).toContain('Er staan nu geen vragen open.')
  })

  it('holds "Even geduld…" without the links below while the phone waits for its first items, then shows the list with them', async () => {
    const db = freshDb()
    await setMunicipality(db, 'beverwijk')
    const { wrapper } = await mountPage(HomePage, '/kies-gemeente')
    expect(wrapper.text()).toContain('Even geduld')
    expect(wrapper.text()).not.toContain('Er staan nu geen vragen open.')
    expect(wrapper.find('a[href="/kies-gemeente"]').exists()).toBe(false)
    await db.transaction('rw', db.items, db.meta, async () => {
      await saveItems(db, [anItem({ title: 'Open peiling' })], 'beverwijk')
      await setItemsCursor(db, 'beverwijk', 'c1')
    })
    await expect.poll(() => wrapper.text(), { timeout: 5_000 }).toContain('Open peiling')
    expect(wrapper.find('a[href="/kies-gemeente"]').exists()).toBe(true)
  })

  it('keeps waiting when a run succeeds, until its stored items reach the page (no empty page in between)', async () => {
    const db = freshDb()
    await setMunicipality(db, 'beverwijk')
    const { wrapper } = await mountPage(HomePage, '/kies-gemeente')
    const sync = useSyncStore()
    sync.$patch({ syncing: true })
    await nextTick()
    sync.$patch({ syncing: false, lastError: null })
    await settle()
    expect(wrapper.text()).toContain('Even geduld')
    expect(wrapper.text()).not.toContain('Er staan nu geen vragen open.')
  })

  it('does not wait for the first items when the run before home opened failed, nor when offline', async () => {
    const db = freshDb()
    await setMunicipality(db, 'beverwijk')
    const failedBefore = () => useSyncStore().$patch({ syncing: false, lastError: { kind: 'server', message: '503', at: new Date().toISOString() } })
    const { wrapper } = await mountPage(HomePage, '/kies-gemeente', {}, { beforeMount: failedBefore })
    expect(wrapper.text()).toContain('Er staan nu geen vragen open.')
    wrapper.unmount()
    const offline = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false)
    try {
      const { wrapper: offlineHome } = await mountPage(HomePage, '/kies-gemeente')
      expect(useSyncStore().online).toBe(false)
      expect(offlineHome.text()).toContain('Er staan nu geen vragen open.')
    } finally {
      offline.mockRestore()
    }
  })

  it('stops waiting for the first items once a sync run has failed, and says nothing is open', async () => {
    const db = freshDb()
    await setMunicipality(db, 'beverwijk')
    const { wrapper } = await mountPage(HomePage, '/kies-gemeente')
    expect(wrapper.text()).toContain('Even geduld')
    const sync = useSyncStore()
    sync.$patch({ syncing: true })
    await nextTick()
    sync.$patch({ syncing: false, lastError: { kind: 'server', message: '503', at: new Date().toISOString() } })
    await expect.poll(() => wrapper.text(), { timeout: 5_000 }).toContain('Er staan nu geen vragen open.')
  })
})
