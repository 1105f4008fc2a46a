import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { OfficialSignup } from '../../../../src/shared/schemas/table'
import TablePage from '../../../../src/client/beheer/pages/TablePage.vue'
import type { ManagedItem } from '../../../../src/shared/schemas/item-draft'
import type { TableAssignment } from '../../../../src/shared/schemas/table'
import { anItem, resetLocale } from '../../fixtures'
import { mountPage, settle } from '../../page-harness'

const me = { id: crypto.randomUUID(), email: 'e@beverwijk.nl', municipality: 'beverwijk', municipalityName: 'Beverwijk', role: 'official', csrfToken: 'tok' }

function aTable(signupClosesAt: string): ManagedItem {
  const assignment: TableAssignment = {
    question: 'Wat maakt het moeilijk om hulp te vinden?',
    meetings: [],
    startsAt: '2099-09-01T08:00:00.000Z',
    endsAt: '2099-10-01T08:00:00.000Z',
    adviceDueAt: '2099-10-15T08:00:00.000Z',
    allowance: { kind: 'none' },
    hoursExpected: 10,
    seats: 8,
    reserved: { clientOrExpert: 4, youth: 2 },
    signupOpensAt: '2026-01-01T08:00:00.000Z',
    signupClosesAt,
    selectionMethod: 'lot',
  }
  return { ...anItem({ kind: 'table', questions: [], table: { assignment, signupOpen: Date.parse(signupClosesAt) > Date.now() } }), state: 'open', publishedAt: '2026-01-01T08:00:00.000Z', respondents: 0 }
}

const signups: OfficialSignup[] = [
  { id: crypto.randomUUID(), status: 'eligible', name: 'Sanne', contact: { channel: 'email', value: 'sanne@example.nl' }, ageBand: '18-23', area: 'Centrum', roles: ['client'], motivation: 'Ik weet hoe het is.', accessibilityNeeds: null, receivedAt: '2026-02-01T10:00:00.000Z', drawPosition: null },
  { id: crypto.randomUUID(), status: 'eligible', name: 'Ahmed', contact: { channel: 'phone', value: '06 12345678' }, ageBand: '65+', area: null, roles: ['experience_expert'], motivation: null, accessibilityNeeds: 'Rolstoel', receivedAt: '2026-02-02T10:00:00.000Z', drawPosition: null },
]

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
}

function stubServer(item: ManagedItem) {
  const fetch = vi.fn(async (url: string, init?: RequestInit) => {
    if (url === '/api/auth/me') return json(me)
    if (url.endsWith('/signups')) return json(signups)
    if (url.endsWith('/draw') && init?.method === 'POST') return json({ panel: 8, waitlist: 0, shortfalls: [{ category: 'client_or_expert', reserved: 4, available: 2 }] })
    if (url === `/api/official/items/${item.id}`) return json(item)
    return json({ error: { code: 'not_found', message: 'no' } }, 404)
  })
  vi.stubGlobal('fetch', fetch)
  return fetch
}

describe('TablePage', () => {
  beforeEach(resetLocale)
  afterEach(() => {
    vi.unstubAllGlobals()
    document.body.innerHTML = ''
  })

  it('lists the sign-ups with counts per category, and keeps the draw button disabled while sign-up is open', async () => {
    const item = aTable('2099-08-01T08:00:00.000Z')
    stubServer(item)
    const { wrapper } = await mountPage(TablePage, `/beheer/items/${item.id}/tafel`, { id: item.id })
    await settle()
    expect(wrapper.find('[data-testid="signup-table"] caption').text()).toBe('Aanmeldingen (2)')
    expect(wrapper.find('[data-testid="signup-table"] tbody').text()).toContain('sanne@example.nl')
    expect(wrapper.find('[data-testid="signup-counts"]').text()).toContain('2 aangemeld, 4 plekken gegarandeerd')
    const button = wrapper.find('[data-action="draw"]')
    expect(button.text()).toBe('Loting uitvoeren')
    expect(button.attributes('disabled')).toBeDefined()
    expect(wrapper.find('[data-testid="draw-wait"]').text()).toContain('De aanmelding is nog open tot')
  })

  it('runs the draw after confirming and says in words which guaranteed seats stayed empty', async () => {
    const item = aTable('2026-03-01T08:00:00.000Z')
    const fetch = stubServer(item)
    const { wrapper } = await mountPage(TablePage, `/beheer/items/${item.id}/tafel`, { id: item.id })
    await settle()
    const button = wrapper.find('[data-action="draw"]')
    expect(button.attributes('disabled')).toBeUndefined()
    await button.trigger('click')
    expect(fetch.mock.calls.some(([url]) => String(url).endsWith('/draw'))).toBe(false)
    await wrapper.find('[data-action="draw-confirm"]').trigger('click')
    await settle()
    const draw = fetch.mock.calls.find(([url, init]) => String(url).endsWith('/draw') && init?.method === 'POST')
    expect(draw?.[1]?.headers).toMatchObject({ 'x-csrf-token': 'tok' })
    const outcome = wrapper.find('[data-testid="draw-outcome"]')
    expect(outcome.text()).toContain('8 mensen zijn gekozen voor de tafel.')
    expect(outcome.find('[data-testid="draw-shortfalls"]').text()).toBe('Er waren te weinig aanmeldingen van cliënten: 2 van de 4 gegarandeerde plekken zijn gevuld.')
    expect(outcome.find('[data-testid="draw-record"]').attributes('href')).toBe(`/api/items/${item.id}/draw`)
    expect(outcome.find('[data-testid="draw-verify"]').text()).toContain('npm run verify-draw -- bestand.json')
  })
})
