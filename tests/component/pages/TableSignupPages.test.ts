import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { setResidentApi as setApi } from '../../../src/client/sync/resident-api'
import { saveInbox, unreadCount } from '../../../src/client/db/inbox-repo'
import { saveItems } from '../../../src/client/db/items-repo'
import { getDeviceId } from '../../../src/client/db/meta-repo'
import { applyServerStatuses, saveSignup } from '../../../src/client/db/registrations-repo'
import ItemPage from '../../../src/client/pages/ItemPage.vue'
import MyInputPage from '../../../src/client/pages/MyInputPage.vue'
import type { Api } from '../../../src/client/sync/api'
import { CONSENT_VERSION } from '../../../src/shared/schemas/table'
import { makeTableItem } from '../../support/fake-server'
import { resetLocale } from '../fixtures'
import { freshDb, mountPage, settle } from '../page-harness'

const offlineApi = new Proxy({} as Api, { get: () => () => Promise.reject(new Error('offline in tests')) })

describe('table sign-up on the item page and in Mijn inbreng', () => {
  beforeEach(() => {
    resetLocale()
    setApi(offlineApi)
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('shows the assignment in plain words and saves a sign-up on the phone, offline', async () => {
    const db = freshDb()
    const table = makeTableItem()
    await saveItems(db, [table])
    const { wrapper } = await mountPage(ItemPage, `/items/${table.id}`, { id: table.id })
    // The table sections are a lazy chunk: wait until it has loaded.
    for (let i = 0; i < 50 && !wrapper.find('#q-reg-name-input').exists(); i++) await settle()

    const text = wrapper.text()
    expect(text).toContain('Wat vraagt de gemeente?')
    expect(text).toContain('3 plekken zijn gegarandeerd voor cliënten en ervaringsdeskundigen.')
    expect(text).toContain('Zijn er meer aanmeldingen dan plekken? Dan loot de gemeente.')
    expect(text).toContain('Wat gebeurt er met je gegevens?')

    await wrapper.find('#q-reg-name-input').setValue('Sam')
    await wrapper.find('#q-reg-contact-value-input').setValue('sam@example.nl')
    await wrapper.find('input[name="reg-age"][value="18-23"]').setValue(true)
    await wrapper.find('input[name="reg-roles"][value="youth"]').setValue(true)
    await wrapper.find('input[name="consent"]').setValue(true)
    await wrapper.find('form').trigger('submit')
    await settle()

    expect(await db.registrations.count()).toBe(1)
    expect((await db.outbox.toArray()).map((e) => e.type)).toEqual(['signup'])
    expect(wrapper.find('[data-testid="registration-state"]').text()).toContain('Opgeslagen op je telefoon')
    expect(wrapper.text()).toContain('Je hebt je aangemeld')
  })

  it('shows the selection outcome and the table news in words, counted as news', async () => {
    const db = freshDb()
    const table = makeTableItem()
    await saveItems(db, [table])
    const id = crypto.randomUUID()
    await saveSignup(db, { id, itemId: table.id, name: 'Sam', contact: { channel: 'email', value: 'sam@example.nl' }, ageBand: '18-23', roles: ['youth'], consentVersion: CONSENT_VERSION }, 'testdorp')
    await db.registrations.update(id, { state: 'sent' })
    await applyServerStatuses(db, [{ id, itemId: table.id, status: 'selected', revision: 1, name: 'Sam', contact: null, ageBand: '18-23', area: null, roles: ['youth'], consentVersion: CONSENT_VERSION }])
    await saveInbox(db, [{ kind: 'table', id: 'table:1', itemId: table.id, itemTitle: table.title, at: '2030-02-02T10:00:00.000Z', status: 'selected' }], '1')
    expect(await unreadCount(db)).toBe(1)
    await getDeviceId(db)

    const { wrapper } = await mountPage(MyInputPage, '/mijn-inbreng')
    await settle()
    const card = wrapper.find('[data-testid="my-signup"]')
    expect(card.text()).toContain(table.title)
    expect(card.text()).toContain('Verstuurd')
    expect(card.find('[data-testid="signup-status"]').text()).toBe('Je hebt een plek aan tafel!')
    expect(card.find('[data-testid="my-signup-news"]').text()).toContain('Je hebt een plek aan tafel!')
    expect(card.text()).toContain('Afmelden')
    expect(wrapper.find('[data-testid="my-input-unread"]').text()).toContain('1 nieuw bericht')
  })

  it('offers a selected member the meetings for their calendar on the table page, and nobody else', async () => {
    const db = freshDb()
    const table = makeTableItem()
    await saveItems(db, [table])
    const id = crypto.randomUUID()
    await saveSignup(db, { id, itemId: table.id, name: 'Sam', contact: { channel: 'email', value: 'sam@example.nl' }, ageBand: '18-23', roles: ['youth'], consentVersion: CONSENT_VERSION }, 'testdorp')
    await db.registrations.update(id, { state: 'sent' })
    await getDeviceId(db)
    const before = await mountPage(ItemPage, `/items/${table.id}`, { id: table.id })
    await settle()
    expect(before.wrapper.find('[data-testid="table-calendar"]').exists()).toBe(false)
    before.wrapper.unmount()

    await applyServerStatuses(db, [{ id, itemId: table.id, status: 'selected', revision: 1, name: 'Sam', contact: null, ageBand: '18-23', area: null, roles: ['youth'], consentVersion: CONSENT_VERSION }])
    const { wrapper } = await mountPage(ItemPage, `/items/${table.id}`, { id: table.id })
    await settle()
    const link = wrapper.get('[data-testid="table-calendar"] a')
    expect(link.text()).toBe('Zet in je agenda')
    expect(link.attributes('href')).toBe(`/api/items/${table.id}/meetings.ics`)
  })
})
