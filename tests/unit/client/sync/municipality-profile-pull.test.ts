import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import { createDb, type MeepraatDb } from '../../../../src/client/db/db'
import { setMunicipality } from '../../../../src/client/db/meta-repo'
import { getMunicipalityProfile, saveMunicipalityProfile } from '../../../../src/client/db/municipality-profile-repo'
import { municipalityProfilePull, PROFILE_JUST_FETCHED_MS, PROFILE_REFRESH_MS } from '../../../../src/client/sync/pulls/municipality-profile-pull'
import type { MunicipalityProfile } from '../../../../src/shared/schemas/municipality-settings'

const opened: MeepraatDb[] = []
afterEach(() => {
  for (const db of opened.splice(0)) db.close()
})

function profileOf(slug: string, name: string): MunicipalityProfile {
  return {
    slug, name, areas: [], themes: ['opgroeien'], themeCssUrl: `/api/municipalities/${slug}/theme.css?v=abc`, themeClass: `mp-theme-${slug}`,
    contact: {}, accessibilityStatement: {}, retention: { nonSelectedDays: 30, memberDays: 90, answersMonths: 12, interestConfirmMonths: 12 }, resultsMinDevices: 5,
  }
}

function harness() {
  const db = createDb(`profile-pull-${crypto.randomUUID()}`)
  opened.push(db)
  const asked: string[] = []
  let names: Record<string, string> = { beverwijk: 'Beverwijk', velsen: 'Velsen' }
  let time = 0
  const pull = municipalityProfilePull({
    getMunicipalityProfile: async (slug) => {
      asked.push(slug)
      return profileOf(slug, names[slug] ?? slug)
    },
  }, () => time)
  const run = () => pull.run({ db, stopped: () => false })
  return { db, asked, run, now: () => time, rename: (slug: string, name: string) => (names = { ...names, [slug]: name }), advance: (ms: number) => (time += ms) }
}

describe('municipalityProfilePull', () => {
  it('keeps the chosen municipality\'s profile on the phone, for offline reading', async () => {
    const h = harness()
    await setMunicipality(h.db, 'beverwijk')
    await h.run()
    expect((await getMunicipalityProfile(h.db, 'beverwijk'))?.name).toBe('Beverwijk')
  })

  it('asks nothing before a municipality is chosen', async () => {
    const h = harness()
    await h.run()
    expect(h.asked).toEqual([])
  })

  it('fetches at once for a newly chosen municipality, otherwise at most hourly', async () => {
    const h = harness()
    await setMunicipality(h.db, 'beverwijk')
    await h.run()
    await h.run()
    expect(h.asked).toEqual(['beverwijk'])
    await setMunicipality(h.db, 'velsen')
    await h.run()
    expect(h.asked).toEqual(['beverwijk', 'velsen'])
    h.rename('velsen', 'Gemeente Velsen')
    h.advance(PROFILE_REFRESH_MS)
    await h.run()
    expect((await getMunicipalityProfile(h.db, 'velsen'))?.name).toBe('Gemeente Velsen')
  })

  it('does not ask again for the profile the choice page fetched moments before the first sync, but does on a later visit', async () => {
    const h = harness()
    h.advance(10 * PROFILE_JUST_FETCHED_MS)
    await setMunicipality(h.db, 'beverwijk')
    await saveMunicipalityProfile(h.db, profileOf('beverwijk', 'Beverwijk'), h.now())
    h.advance(PROFILE_JUST_FETCHED_MS / 2)
    await h.run()
    expect(h.asked).toEqual([])

    const later = harness()
    later.advance(10 * PROFILE_JUST_FETCHED_MS)
    await setMunicipality(later.db, 'beverwijk')
    await saveMunicipalityProfile(later.db, profileOf('beverwijk', 'Beverwijk'), later.now())
    later.advance(PROFILE_JUST_FETCHED_MS)
    await later.run()
    expect(later.asked).toEqual(['beverwijk'])
  })
})
