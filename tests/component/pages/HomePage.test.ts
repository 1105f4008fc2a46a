import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { saveItems } from '../../../src/client/db/items-repo'
import { setMunicipality } from '../../../src/client/db/meta-repo'
import HomePage from '../../../src/client/pages/HomePage.vue'
import { anItem, resetLocale } from '../fixtures'
import { freshDb, mountPage } from '../page-harness'

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

  it('says calmly that nothing is open when the phone has no items', async () => {
    const db = freshDb()
    await setMunicipality(db, 'beverwijk')
    const { wrapper } = await mountPage(HomePage, '/kies-gemeente')
    expect(wrapper.text()).toContain('Er staan nu geen vragen open.')
  })
})
