import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { getMunicipality, setMunicipality } from '../../../src/client/db/meta-repo'
import { getMunicipalityProfile, saveMunicipalityProfile } from '../../../src/client/db/municipality-profile-repo'
import { itemById, itemsOf, saveItems } from '../../../src/client/db/items-repo'
import { ApiError, type Api } from '../../../src/client/sync/api'
import { loadEmbedFeed } from '../../../src/client/sync/embed-feed'
import { setResidentApi } from '../../../src/client/sync/resident-api'
import { openItemLink, openMunicipalityLink } from '../../../src/client/sync/short-link-reads'
import type { MunicipalityProfile } from '../../../src/shared/schemas/municipality-settings'
import { anItem } from '../fixtures'
import { freshDb } from '../page-harness'

const velsen: MunicipalityProfile = {
  slug: 'velsen', name: 'Velsen', areas: [], themes: ['meedoen'], themeCssUrl: '/api/municipalities/velsen/theme.css?v=abc', themeClass: 'mp-theme-velsen',
  contact: {}, accessibilityStatement: {}, retention: { nonSelectedDays: 30, memberDays: 90, answersMonths: 12, interestConfirmMonths: 12 }, resultsMinDevices: 5,
}
const refused = () => new ApiError('refused', 'not found', { status: 404, code: 'not_found' })
const unreachable = () => new ApiError('network', 'offline')

/** An API with only the reads these links use; anything else is a mistake in the test. */
function apiWith(parts: Partial<Pick<Api, 'getMunicipalityProfile' | 'getItem' | 'getItems'>>): Api {
  return new Proxy(parts as Api, {
    get: (target, key: string) => (key in target ? target[key as keyof Api] : () => Promise.reject(new Error(`${key} not in this test`))),
  })
}

afterEach(() => vi.restoreAllMocks())

describe('opening /g/SLUG', () => {
  it('chooses a municipality the server knows and keeps its profile', async () => {
    const db = freshDb()
    setResidentApi(apiWith({ getMunicipalityProfile: async () => velsen }))
    expect(await openMunicipalityLink(db, 'velsen')).toBe('chosen')
    expect(await getMunicipality(db)).toBe('velsen')
    expect((await getMunicipalityProfile(db, 'velsen'))?.name).toBe('Velsen')
  })

  it('keeps the chosen municipality when the link names one that does not exist, or cannot be checked', async () => {
    const db = freshDb()
    await setMunicipality(db, 'beverwijk')
    setResidentApi(apiWith({ getMunicipalityProfile: () => Promise.reject(refused()) }))
    expect(await openMunicipalityLink(db, 'atlantis')).toBe('unknown')
    expect(await openMunicipalityLink(db, 'NO SLUG')).toBe('unknown')
    setResidentApi(apiWith({ getMunicipalityProfile: () => Promise.reject(unreachable()) }))
    expect(await openMunicipalityLink(db, 'velsen')).toBe('offline')
    expect(await getMunicipality(db)).toBe('beverwijk')
  })

  it('needs no network for the municipality already chosen', async () => {
    const db = freshDb()
    await setMunicipality(db, 'velsen')
    const profile = vi.fn(() => Promise.reject(unreachable()))
    setResidentApi(apiWith({ getMunicipalityProfile: profile }))
    expect(await openMunicipalityLink(db, 'velsen')).toBe('chosen')
    expect(profile).not.toHaveBeenCalled()
  })
})

describe('opening /i/ID', () => {
  it('finds an item on the phone, or fetches and keeps it, and knows an item the server does not have', async () => {
    const db = freshDb()
    const onPhone = anItem()
    await saveItems(db, [onPhone])
    const fetched = anItem({ id: crypto.randomUUID() })
    setResidentApi(apiWith({ getItem: async (id) => (id === fetched.id ? fetched : Promise.reject(refused())) }))
    expect(await openItemLink(db, onPhone.id)).toBe('known')
    expect(await openItemLink(db, fetched.id)).toBe('known')
    expect((await itemById(db, fetched.id))?.title).toBe(fetched.title)
    expect(await openItemLink(db, crypto.randomUUID())).toBe('unknown')
    setResidentApi(apiWith({ getItem: () => Promise.reject(unreachable()) }))
    expect(await openItemLink(db, crypto.randomUUID())).toBe('offline')
  })
})

describe("the widget's feed", () => {
  it("keeps the framed municipality's items without changing the municipality chosen in the app", async () => {
    const db = freshDb()
    await setMunicipality(db, 'beverwijk')
    const poll = anItem({ id: crypto.randomUUID(), municipality: 'velsen' })
    setResidentApi(apiWith({ getMunicipalityProfile: async () => velsen, getItems: async () => ({ items: [poll], cursor: 'c1' }) }))
    expect(await loadEmbedFeed(db, 'velsen')).toEqual({ kind: 'ready', profile: velsen })
    expect((await itemsOf(db, 'velsen')).map((i) => i.id)).toEqual([poll.id])
    expect(await getMunicipality(db)).toBe('beverwijk')
  })

  it('shows what the phone has when offline, and says when a municipality is unknown', async () => {
    const db = freshDb()
    setResidentApi(apiWith({ getMunicipalityProfile: () => Promise.reject(unreachable()), getItems: () => Promise.reject(unreachable()) }))
    expect(await loadEmbedFeed(db, 'velsen')).toEqual({ kind: 'offline' })
    await saveMunicipalityProfile(db, velsen)
    expect(await loadEmbedFeed(db, 'velsen')).toEqual({ kind: 'ready', profile: velsen })
    setResidentApi(apiWith({ getMunicipalityProfile: () => Promise.reject(refused()), getItems: () => Promise.reject(refused()) }))
    expect(await loadEmbedFeed(db, 'atlantis')).toEqual({ kind: 'unknown' })
  })
})
