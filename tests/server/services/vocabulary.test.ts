import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONSENT_VERSION } from '../../../src/shared/schemas/table'
import { aSubmission, anItemDraft, givenItem, givenMunicipality, newDeviceId } from '../../support/factories'
import { givenOfficial, signIn, type Session } from '../../support/officials'
import { createTestApp, type TestApp } from '../../support/test-app'

/** One vocabulary: items and Benader mij speak the municipality's own lists of themes and areas. */
let t: TestApp
let s: Session

beforeAll(async () => {
  t = await createTestApp()
  await givenMunicipality(t.db, 'beverwijk', 'Beverwijk')
  await givenOfficial(t.db, 'beverwijk', 'official', 'a@beverwijk.nl')
  s = await signIn(t.app, 'a@beverwijk.nl')
})
afterAll(async () => t.close())

describe('an item\'s theme', () => {
  it('must be one of its municipality\'s themes when a draft is saved (the old "jeugd" hint invites nobody)', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/official/items', headers: s.headers, payload: anItemDraft(t.clock.now, { theme: 'jeugd' }) })
    expect(res.statusCode).toBe(409)
    expect(res.json()).toMatchObject({ error: { code: 'theme_not_in_vocabulary' } })
  })

  it('is stored as the municipality spells it', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/official/items', headers: s.headers, payload: anItemDraft(t.clock.now, { theme: ' Wonen en Vervoer' }) })
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json()).toMatchObject({ theme: 'wonen en vervoer' })
    const edit = await t.app.inject({ method: 'PUT', url: `/api/official/items/${res.json().id}`, headers: s.headers, payload: anItemDraft(t.clock.now, { theme: 'zorg' }) })
    expect(edit.json()).toMatchObject({ error: { code: 'theme_not_in_vocabulary' } })
  })

  it('is checked again at publishing: a draft whose theme is not in the list is not published', async () => {
    const id = await givenItem(t.db, t.clock.now, { theme: 'jeugd', publishedAt: null })
    const res = await t.app.inject({ method: 'POST', url: `/api/official/items/${id}/publish`, headers: s.headers, payload: {} })
    expect(res.statusCode).toBe(409)
    expect(res.json()).toMatchObject({ error: { code: 'theme_not_in_vocabulary' } })
    const answer = await t.app.inject({ method: 'POST', url: '/api/submissions', payload: { submissions: [aSubmission(id)] } })
    expect(answer.json()).toMatchObject({ results: [{ status: 'rejected' }] })
  })
})

describe('Benader mij', () => {
  const anInterest = (overrides: Record<string, unknown> = {}) => ({
    id: crypto.randomUUID(),
    municipality: 'beverwijk',
    deviceId: newDeviceId(),
    revision: 1,
    themes: ['meedoen'],
    name: 'Noor',
    contact: { channel: 'email', value: 'noor@example.nl' },
    ageBand: '24-64',
    consentVersion: CONSENT_VERSION,
    ...overrides,
  })

  it('accepts themes and an area from the lists (in any case) and refuses others with not_in_vocabulary, each on its own', async () => {
    const ok = anInterest({ themes: ['Meedoen', 'rondkomen'], area: 'Noord' })
    const unknownTheme = anInterest({ themes: ['jeugd'] })
    const unknownArea = anInterest({ area: 'Atlantis' })
    const res = await t.app.inject({ method: 'POST', url: '/api/interests', payload: { interests: [ok, unknownTheme, unknownArea] } })
    expect(res.json().results).toEqual([
      { id: ok.id, status: 'accepted' },
      { id: unknownTheme.id, status: 'rejected', reason: 'not_in_vocabulary' },
      { id: unknownArea.id, status: 'rejected', reason: 'not_in_vocabulary' },
    ])
  })
})
