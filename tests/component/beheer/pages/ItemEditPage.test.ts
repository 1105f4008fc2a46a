import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import ItemEditPage from '../../../../src/client/beheer/pages/ItemEditPage.vue'
import type { ContentLanguage, ItemTranslations } from '../../../../src/shared/schemas/content-language'
import type { ManagedItem } from '../../../../src/shared/schemas/item-draft'
import type { MunicipalityProfile } from '../../../../src/shared/schemas/municipality-settings'
import type { TableAssignment } from '../../../../src/shared/schemas/table'
import { anItem, resetLocale, scaleQuestion, singleQuestion } from '../../fixtures'
import { mountPage, settle } from '../../page-harness'

const me = { id: crypto.randomUUID(), email: 'e@beverwijk.nl', municipality: 'beverwijk', municipalityName: 'Beverwijk', role: 'official', csrfToken: 'tok' }

const assignment: TableAssignment = {
  question: 'Wat maakt het moeilijk om hulp te vinden?',
  meetings: [],
  startsAt: '2099-09-01T08:00:00.000Z',
  endsAt: '2099-10-01T08:00:00.000Z',
  adviceDueAt: '2099-10-15T08:00:00.000Z',
  allowance: { kind: 'none' },
  hoursExpected: 10,
  seats: 8,
  reserved: { clientOrExpert: 2, youth: 2 },
  signupOpensAt: '2099-01-01T08:00:00.000Z',
  signupClosesAt: '2099-08-01T08:00:00.000Z',
  selectionMethod: 'lot',
}

function aTable(): ManagedItem {
  return { ...anItem({ kind: 'table', questions: [], table: { assignment, signupOpen: false } }), state: 'draft', publishedAt: null, respondents: 0 }
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
}

interface Call {
  method: string
  url: string
  body: unknown
}

/** The municipality's public profile, which tells the page which languages it translates into. */
function profileWith(contentLanguages: ContentLanguage[]): MunicipalityProfile {
  return {
    slug: 'beverwijk', name: 'Beverwijk', areas: [], themes: ['opgroeien'], themeCssUrl: '/api/municipalities/beverwijk/theme.css?v=abc', themeClass: 'mp-theme-beverwijk',
    contact: {}, accessibilityStatement: {}, retention: { nonSelectedDays: 30, memberDays: 90, answersMonths: 12, interestConfirmMonths: 12 }, resultsMinDevices: 5, contentLanguages,
  }
}

/**
 * A stand-in server that stores what it is sent; `refuseAssignment` makes PUT /table answer 409;
 * `contentLanguages` gives the municipality's profile (without it, it does not load).
 */
function stubServer(start: ManagedItem, options: { refuseAssignment?: boolean; refuseItem?: { code: string; message: string }; contentLanguages?: ContentLanguage[] } = {}) {
  let item = start
  const calls: Call[] = []
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      const method = init?.method ?? 'GET'
      const body: unknown = init?.body ? JSON.parse(String(init.body)) : undefined
      calls.push({ method, url, body })
      if (url === '/api/auth/me') return json(me)
      if (options.contentLanguages && url.split('?')[0] === '/api/municipalities/beverwijk') return json(profileWith(options.contentLanguages))
      if (url === '/api/official/vocabulary') return json({ areas: ['Centrum'], themes: ['opgroeien', 'meedoen', 'rondkomen', 'wonen en vervoer'] })
      if (url === `/api/official/items/${item.id}` && method === 'GET') return json(item)
      if (url === `/api/official/items/${item.id}` && method === 'PUT') {
        if (options.refuseItem) return json({ error: options.refuseItem }, 409)
        item = { ...item, ...(body as object) }
        return json(item)
      }
      if (url === `/api/official/items/${item.id}/table` && method === 'PUT') {
        if (options.refuseAssignment) return json({ error: { code: 'assignment_frozen', message: 'The selection has been made; the assignment can no longer change' } }, 409)
        item = { ...item, table: { ...item.table!, assignment: (body as { assignment: TableAssignment }).assignment } }
        return json(item)
      }
      return json({ error: { code: 'not_found', message: 'no' } }, 404)
    }),
  )
  return { calls, current: () => item }
}

const liveText = (wrapper: Awaited<ReturnType<typeof mountPage>>['wrapper']) => wrapper.findAll('[role="status"], [role="alert"]').map((w) => w.text()).join(' ')

describe('ItemEditPage for a table', () => {
  beforeEach(resetLocale)
  afterEach(() => {
    vi.unstubAllGlobals()
    document.body.innerHTML = ''
  })

  it('saves a changed sign-up end date with the one save button, and says saved only after it was stored', async () => {
    const server = stubServer(aTable())
    const { wrapper } = await mountPage(ItemEditPage, `/beheer/items/${server.current().id}`, { id: server.current().id })
    await settle()
    await wrapper.find('#table-signup-closes').setValue('2099-08-15T10:00')
    await wrapper.find('[data-action="save"]').trigger('click')
    await settle()
    const put = server.calls.find((c) => c.method === 'PUT' && c.url.endsWith('/table'))
    expect(put, 'the assignment was sent').toBeDefined()
    expect(server.current().table?.assignment.signupClosesAt).toBe(new Date('2099-08-15T10:00').toISOString())
    expect(liveText(wrapper)).toContain('Opgeslagen.')
  })

  it('does not send the assignment when it did not change', async () => {
    const server = stubServer(aTable())
    const { wrapper } = await mountPage(ItemEditPage, `/beheer/items/${server.current().id}`, { id: server.current().id })
    await settle()
    await wrapper.find('#item-title').setValue('Tafel over hulp vinden')
    await wrapper.find('[data-action="save"]').trigger('click')
    await settle()
    expect(server.calls.filter((c) => c.method === 'PUT').map((c) => c.url)).toEqual([`/api/official/items/${server.current().id}`])
    expect(liveText(wrapper)).toContain('Opgeslagen.')
  })

  it('never says saved when the assignment was refused: it says the item was saved and the assignment not', async () => {
    const server = stubServer(aTable(), { refuseAssignment: true })
    const { wrapper } = await mountPage(ItemEditPage, `/beheer/items/${server.current().id}`, { id: server.current().id })
    await settle()
    await wrapper.find('#table-signup-closes').setValue('2099-08-15T10:00')
    await wrapper.find('[data-action="save"]').trigger('click')
    await settle()
    const text = liveText(wrapper)
    expect(text).not.toContain('Opgeslagen.')
    expect(text).toContain('De opdracht is niet opgeslagen')
    expect(text).toContain('De loting is al gedaan. Daarom kan de opdracht niet meer veranderen.')
    expect(text).not.toContain('The selection has been made')
  })

  it('stores nothing and shows what to fix when the changed assignment is not complete', async () => {
    const server = stubServer(aTable())
    const { wrapper } = await mountPage(ItemEditPage, `/beheer/items/${server.current().id}`, { id: server.current().id })
    await settle()
    await wrapper.find('#table-question').setValue('')
    await wrapper.find('[data-action="save"]').trigger('click')
    await settle()
    expect(server.calls.filter((c) => c.method === 'PUT')).toEqual([])
    expect(liveText(wrapper)).not.toContain('Opgeslagen.')
    expect(wrapper.find('#table-question').attributes('aria-invalid')).toBe('true')
  })

  it('keeps assignment changes while the official looks at the preview', async () => {
    const server = stubServer(aTable())
    const { wrapper } = await mountPage(ItemEditPage, `/beheer/items/${server.current().id}`, { id: server.current().id })
    await settle()
    await wrapper.find('#table-signup-closes').setValue('2099-08-15T10:00')
    await wrapper.find('[data-action="preview"]').trigger('click')
    await settle()
    await wrapper.find('[data-action="preview"]').trigger('click')
    await settle()
    expect((wrapper.find('#table-signup-closes').element as HTMLInputElement).value).toBe('2099-08-15T10:00')
  })
})

describe('ItemEditPage for a published item', () => {
  beforeEach(resetLocale)
  afterEach(() => {
    vi.unstubAllGlobals()
    document.body.innerHTML = ''
  })

  const aPublishedPoll = (): ManagedItem => ({ ...anItem({ feedbackDueAt: '2099-07-01T10:00:00.000Z' }), state: 'open', publishedAt: '2026-01-01T08:00:00.000Z', respondents: 3 })

  it('asks why when the feedback date moves later, refuses to save without a reason, and sends the reason', async () => {
    const server = stubServer(aPublishedPoll())
    const { wrapper } = await mountPage(ItemEditPage, `/beheer/items/${server.current().id}`, { id: server.current().id })
    await settle()
    expect(wrapper.find('#item-feedback-delay-reason').exists()).toBe(false)
    await wrapper.find('#item-feedback-due').setValue('2099-07-15T10:00')
    expect(wrapper.find('#item-feedback-delay-reason').exists()).toBe(true)
    await wrapper.find('[data-action="save"]').trigger('click')
    await settle()
    expect(server.calls.filter((c) => c.method === 'PUT')).toEqual([])
    expect(wrapper.find('.mp-summary').text()).toContain('Schrijf waarom de terugkoppeling later komt')
    await wrapper.find('#item-feedback-delay-reason').setValue('De gemeenteraad besluit twee weken later.')
    await wrapper.find('[data-action="save"]').trigger('click')
    await settle()
    const put = server.calls.find((c) => c.method === 'PUT')
    expect(put?.body).toMatchObject({ feedbackDueAt: new Date('2099-07-15T10:00').toISOString(), feedbackDelayReason: 'De gemeenteraad besluit twee weken later.' })
    expect(liveText(wrapper)).toContain('Opgeslagen.')
  })

  it('says in words why a closing date in the past was refused, and points to closing now', async () => {
    const server = stubServer(aPublishedPoll(), { refuseItem: { code: 'closes_at_in_past', message: 'use close' } })
    const { wrapper } = await mountPage(ItemEditPage, `/beheer/items/${server.current().id}`, { id: server.current().id })
    await settle()
    await wrapper.find('#item-title').setValue('Nieuwe titel')
    await wrapper.find('[data-action="save"]').trigger('click')
    await settle()
    expect(wrapper.find('[data-testid="edit-error"]').text()).toContain('Gebruik dan de knop ‘Nu sluiten’.')
    expect(liveText(wrapper)).not.toContain('Opgeslagen.')
  })
})

describe('ItemEditPage with translations', () => {
  beforeEach(resetLocale)
  afterEach(() => {
    vi.unstubAllGlobals()
    document.body.innerHTML = ''
  })

  const english: ItemTranslations = { en: { title: 'Join in?', questions: { q3: { label: 'How satisfied are you?', minLabel: 'Not at all', maxLabel: 'Very' } } } }
  const aTranslatedDraft = (): ManagedItem => ({ ...anItem({ questions: [singleQuestion, scaleQuestion], translations: english }), state: 'draft', publishedAt: null, respondents: 0 })

  it('no longer offers nor sends the translation of an end label whose Dutch the official removed, so the save goes through', async () => {
    const server = stubServer(aTranslatedDraft(), { contentLanguages: ['en'] })
    const { wrapper } = await mountPage(ItemEditPage, `/beheer/items/${server.current().id}`, { id: server.current().id })
    await settle()
    expect((wrapper.find('#tr-en-questions-q3-minLabel').element as HTMLInputElement).value).toBe('Not at all')
    await wrapper.find('#qb-q3-min-label').setValue('')
    expect(wrapper.find('#tr-en-questions-q3-minLabel').exists()).toBe(false)
    expect(wrapper.find('#tr-en-questions-q3-maxLabel').exists()).toBe(true)
    await wrapper.find('[data-action="save"]').trigger('click')
    await settle()
    const put = server.calls.find((c) => c.method === 'PUT')
    expect(put, 'the item was sent').toBeDefined()
    expect((put!.body as { translations: ItemTranslations }).translations).toEqual({ en: { title: 'Join in?', questions: { q3: { label: 'How satisfied are you?', maxLabel: 'Very' } } } })
    expect(liveText(wrapper)).toContain('Opgeslagen.')
  })
})
