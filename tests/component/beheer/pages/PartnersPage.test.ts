import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import PartnersPage from '../../../../src/client/beheer/pages/PartnersPage.vue'
import { resetLocale } from '../../fixtures'
import { mountPage, settle } from '../../page-harness'

const me = { id: crypto.randomUUID(), email: 'els@beverwijk.nl', municipality: 'beverwijk', municipalityName: 'Beverwijk', role: 'official', csrfToken: 'tok' }

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
}

/** A stand-in server that keeps partner organisations in memory and refuses removing one in use. */
function stubServer() {
  const partners = [{ id: crypto.randomUUID(), name: 'Cliëntenraad Beverwijk', kind: 'client_council' }]
  const inUse = new Set<string>([partners[0]!.id])
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      const parsed = new URL(url, 'http://x')
      if (parsed.pathname === '/api/auth/me') return json(me)
      if (parsed.pathname === '/api/official/partners' && init?.method === 'POST') {
        const draft = JSON.parse(String(init.body)) as { name: string; kind: string }
        const partner = { id: crypto.randomUUID(), ...draft }
        partners.push(partner)
        return json(partner, 201)
      }
      if (parsed.pathname === '/api/official/partners') return json({ partners })
      const id = parsed.pathname.split('/').pop()!
      if (init?.method === 'DELETE' && inUse.has(id)) return json({ error: { code: 'partner_in_use', message: 'in use' } }, 409)
      return json({ error: { code: 'not_found', message: 'no' } }, 404)
    }),
  )
  return { partners }
}

describe('PartnersPage', () => {
  beforeEach(resetLocale)
  afterEach(() => {
    vi.unstubAllGlobals()
    document.body.innerHTML = ''
  })

  it('lists the organisations with their kind, adds one, asks for a name first, and says why one with answers stays', async () => {
    const server = stubServer()
    const { wrapper } = await mountPage(PartnersPage, '/beheer/partners')
    await settle()
    expect(wrapper.find('[data-testid="partner-list"]').text()).toContain('Cliëntenraad Beverwijk')
    // The kind in words on its own line (the name alone already holds 'Cliëntenraad').
    expect(wrapper.findAll('[data-testid="partner-list"] .mp-meta').map((p) => p.text())).toEqual(['Cliëntenraad'])

    await wrapper.find('form').trigger('submit')
    await settle()
    expect(wrapper.text()).toContain('Vul de naam van de organisatie in.')

    await wrapper.find('#partner-name').setValue('Jongerenwerk De Buurt')
    await wrapper.find('#partner-kind').setValue('youth_work')
    await wrapper.find('form').trigger('submit')
    await settle()
    expect(server.partners.map((p) => [p.name, p.kind])).toContainEqual(['Jongerenwerk De Buurt', 'youth_work'])
    expect(wrapper.text()).toContain('Jongerenwerk De Buurt is toegevoegd.')
    expect(wrapper.findAll('[data-testid="partner-list"] .mp-meta').map((p) => p.text())).toEqual(['Cliëntenraad', 'Jongerenwerk'])

    await wrapper.findAll('button').find((b) => b.text().includes('Cliëntenraad Beverwijk'))!.trigger('click')
    await settle()
    expect(wrapper.find('[role="alert"]').text()).toBe('Voor deze organisatie zijn antwoorden ingevoerd. Je kunt haar niet verwijderen, wel hernoemen.')
    expect(server.partners).toHaveLength(2)
  })
})
