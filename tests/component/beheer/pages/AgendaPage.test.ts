import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import AgendaPage from '../../../../src/client/beheer/pages/AgendaPage.vue'
import { resetLocale } from '../../fixtures'
import { mountPage, settle } from '../../page-harness'

const me = { id: crypto.randomUUID(), email: 'els@beverwijk.nl', municipality: 'beverwijk', municipalityName: 'Beverwijk', role: 'official', csrfToken: 'tok' }
const entry = (title: string) => ({ id: crypto.randomUUID(), title, summary: 'Waar en voor wie?', theme: 'sport', phase: 'beleidsvorming', ladder: 'raadplegen', forms: ['poll'], plannedQuarter: 2, status: 'planned', outcome: null, position: 0 })

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
}

/** A stand-in server with one year's agenda in memory; removing is slow, publishing is refused. */
function stubServer() {
  const year = new Date().getFullYear() + 1
  const entries = [entry('Sportvelden in de wijk'), entry('Een nieuw buurthuis')]
  const deletes: string[] = []
  let release = () => {}
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      const path = new URL(url, 'http://x').pathname
      if (path === '/api/auth/me') return json(me)
      if (path === `/api/official/agendas/${year}` && (init?.method ?? 'GET') === 'GET') return json({ year, id: crypto.randomUUID(), intro: null, publishedAt: null, entries, themes: ['sport'] })
      if (path === `/api/official/agendas/${year}/publish`) return json({ error: { code: 'forbidden', message: 'no' } }, 403)
      if (path.startsWith('/api/official/agenda-entries/') && init?.method === 'DELETE') {
        const id = path.split('/').pop()!
        deletes.push(id)
        await new Promise<void>((resolve) => (release = resolve))
        entries.splice(entries.findIndex((e) => e.id === id), 1)
        return json({ ok: true })
      }
      return json({ error: { code: 'not_found', message: 'no' } }, 404)
    }),
  )
  return { entries, deletes, release: () => release() }
}

describe('AgendaPage', () => {
  beforeEach(resetLocale)
  afterEach(() => {
    vi.unstubAllGlobals()
    document.body.innerHTML = ''
  })

  it('removes a topic once however often it is clicked, reloads the list and says so; a refused publish is shown as an alert', async () => {
    const server = stubServer()
    const { wrapper } = await mountPage(AgendaPage, '/beheer/participatieagenda')
    await settle()
    expect(wrapper.findAll('[data-testid="agenda-entries"] h3').map((h) => h.text())).toEqual(['Sportvelden in de wijk', 'Een nieuw buurthuis'])

    const removeButton = wrapper.find('button[aria-label="Sportvelden in de wijk verwijderen"]')
    await removeButton.trigger('click')
    await removeButton.trigger('click')
    await settle()
    server.release()
    await settle()
    expect(server.deletes).toHaveLength(1)
    expect(wrapper.findAll('[data-testid="agenda-entries"] h3').map((h) => h.text())).toEqual(['Een nieuw buurthuis'])
    expect(wrapper.text()).toContain('Sportvelden in de wijk is van de agenda gehaald.')

    await wrapper.find('button[data-action="publish-agenda"]').trigger('click')
    await settle()
    expect(wrapper.find('[role="alert"]').text()).toBe('Je hebt hier geen toegang toe.')
    expect(wrapper.text()).not.toContain('is van de agenda gehaald.')
  })
})
