import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import AuditPage from '../../../../src/client/beheer/pages/AuditPage.vue'
import type { AuditLogEntry } from '../../../../src/shared/schemas/audit-log'
import { resetLocale } from '../../fixtures'
import { mountPage, settle } from '../../page-harness'

const me = { id: crypto.randomUUID(), email: 'admin@beverwijk.nl', municipality: 'beverwijk', municipalityName: 'Beverwijk', role: 'admin', csrfToken: 'tok' }
const colleague = { id: crypto.randomUUID(), email: 'els@beverwijk.nl', role: 'official', createdAt: '2026-01-01T00:00:00.000Z', disabled: false }
const itemId = crypto.randomUUID()

const entry = (n: number, overrides: Partial<AuditLogEntry> = {}): AuditLogEntry => ({
  id: crypto.randomUUID(),
  at: new Date(Date.UTC(2026, 5, 1, 12, 0, 0) - n * 60_000).toISOString(),
  officialId: colleague.id,
  officialEmail: colleague.email,
  action: 'item.update',
  itemId: null,
  itemTitle: null,
  details: {},
  ...overrides,
})

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
}

/** A stand-in server with two pages of log; it records the queries it was asked. */
function stubServer() {
  const asked: URLSearchParams[] = []
  const first = [entry(0, { action: 'item.publish', itemId, itemTitle: 'Speeltuin aan de Zeestraat' }), entry(1, { action: 'table.draw' })]
  const second = [entry(2, { action: 'official.disable', officialEmail: me.email })]
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      const parsed = new URL(url, 'http://x')
      if (parsed.pathname === '/api/auth/me') return json(me)
      if (parsed.pathname === '/api/official/officials') return json([colleague])
      if (parsed.pathname === '/api/official/items') return json({ items: [] })
      if (parsed.pathname === '/api/official/audit/entries') {
        asked.push(parsed.searchParams)
        if (parsed.searchParams.get('cursor') === 'page-2') return json({ entries: second, nextCursor: null })
        return json({ entries: first, nextCursor: 'page-2' })
      }
      return json({ error: { code: 'not_found', message: 'no' } }, 404)
    }),
  )
  return { asked }
}

describe('AuditPage', () => {
  beforeEach(resetLocale)
  afterEach(() => {
    vi.unstubAllGlobals()
    document.body.innerHTML = ''
  })

  it('shows actions in Dutch and names the item in its link', async () => {
    stubServer()
    const { wrapper } = await mountPage(AuditPage, '/beheer/logboek')
    await settle()
    const text = wrapper.text()
    expect(text).toContain('Item gepubliceerd')
    expect(text).toContain('Loting of selectie gedaan')
    expect(text).not.toContain('item.publish')
    const link = wrapper.findAll('a').find((a) => a.text() === 'Speeltuin aan de Zeestraat')
    expect(link?.attributes('href')).toContain(itemId)
  })

  it('shows more with the cursor of the page before, until all entries are shown', async () => {
    const server = stubServer()
    const { wrapper } = await mountPage(AuditPage, '/beheer/logboek')
    await settle()
    const more = wrapper.findAll('button').find((b) => b.text() === 'Meer tonen')
    await more!.trigger('click')
    await settle()
    expect(server.asked.at(-1)?.get('cursor')).toBe('page-2')
    expect(wrapper.text()).toContain('Medewerker uitgezet')
    expect(wrapper.text()).toMatch(/3 regels getoond\s*Dit zijn alle regels\./)
    expect(wrapper.findAll('button').some((b) => b.text() === 'Meer tonen')).toBe(false)
  })

  it('sends who, what and the dates as filters, and the export link carries the same filters', async () => {
    const server = stubServer()
    const { wrapper } = await mountPage(AuditPage, '/beheer/logboek')
    await settle()
    await wrapper.find('#audit-who').setValue(colleague.id)
    await wrapper.find('#audit-what').setValue('item.publish')
    await wrapper.find('#audit-from').setValue('2026-06-01')
    await wrapper.find('#audit-to').setValue('2026-06-03')
    await wrapper.find('form').trigger('submit')
    await settle()
    const query = server.asked.at(-1)!
    expect(query.get('officialId')).toBe(colleague.id)
    expect(query.get('action')).toBe('item.publish')
    expect(query.get('from')).toBe(new Date(2026, 5, 1).toISOString())
    expect(query.get('to')).toBe(new Date(2026, 5, 4).toISOString())
    const href = wrapper.find('[data-testid="audit-export"]').attributes('href')!
    expect(href).toMatch(/^\/api\/official\/audit\/export\?/)
    expect(new URL(href, 'http://x').searchParams.get('action')).toBe('item.publish')
  })
})
