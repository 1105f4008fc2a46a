import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import SignalStatusForm from '../../../../src/client/beheer/components/signals/SignalStatusForm.vue'
import type { OfficialSignal } from '../../../../src/shared/schemas/signal-triage'
import { resetLocale } from '../../fixtures'
import { mountPage, settle } from '../../page-harness'

const me = { id: crypto.randomUUID(), email: 'els@beverwijk.nl', municipality: 'beverwijk', municipalityName: 'Beverwijk', role: 'official', csrfToken: 'tok' }
const meetingId = crypto.randomUUID()
const signal: OfficialSignal = {
  id: crypto.randomUUID(), municipality: 'beverwijk', kind: 'signal', title: 'Losse tegels bij de school', body: 'Kinderen struikelen.', theme: null, area: null,
  createdAt: '2026-11-01T10:00:00.000Z', receivedAt: '2026-11-01T10:00:00.000Z', moderation: 'published', hiddenReason: null, moderatedAt: null, redactedAt: null,
  status: 'considering', statusReason: null, response: null, respondedAt: null, responseDueAt: '2026-12-13T10:00:00.000Z', overdue: false,
  agendaId: null, agendaEntryId: null, itemId: null, meetingId: null, meetingStartsAt: null, supportCount: 3, commentCount: 0,
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
}

describe('SignalStatusForm', () => {
  beforeEach(resetLocale)
  afterEach(() => {
    vi.unstubAllGlobals()
    document.body.innerHTML = ''
  })

  it('offers the municipality\'s coming meetings by date to put a signal on, and sends the chosen one as the link', async () => {
    const sent: unknown[] = []
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init?: RequestInit) => {
        const path = new URL(url, 'http://x').pathname
        if (path === '/api/auth/me') return json(me)
        if (path === '/api/official/items') return json({ items: [] })
        if (path === '/api/official/agenda-entries') return json({ entries: [] })
        if (path === '/api/official/meetings') return json({
            meetings: [
              { id: meetingId, municipality: 'beverwijk', startsAt: '2027-01-12T18:30:00.000Z', place: 'Raadhuis', topics: [], upcoming: true },
              { id: crypto.randomUUID(), municipality: 'beverwijk', startsAt: '2026-10-06T18:30:00.000Z', place: 'Bibliotheek', topics: [], upcoming: false },
            ],
          })
        if (path === `/api/official/signals/${signal.id}/status`) {
          sent.push(JSON.parse(String(init?.body)))
          return json({ signal: { ...signal, status: 'on_agenda', meetingId }, comments: [] })
        }
        return json({ error: { code: 'not_found', message: 'no' } }, 404)
      }),
    )
    const { wrapper } = await mountPage(SignalStatusForm, '/beheer/signalen', { signal })
    await settle()
    await wrapper.find('input[value="on_agenda"]').setValue(true)
    await wrapper.find('#signal-link-kind').setValue('meeting')
    await settle()
    const options = wrapper.findAll('#signal-link-id option').map((o) => o.text())
    expect(options.some((o) => o.includes('2027') && o.includes('Raadhuis'))).toBe(true)
    expect(options.some((o) => o.includes('Bibliotheek'))).toBe(false) // a past meeting cannot take it any more
    expect(options, 'none, and the one coming meeting').toHaveLength(2)
    await wrapper.find('#signal-link-id').setValue(meetingId)
    await wrapper.find('form').trigger('submit')
    await settle()
    expect(sent).toEqual([{ status: 'on_agenda', link: { kind: 'meeting', id: meetingId } }])
  })

  it('asks for the lists to link to only once "on the agenda" is chosen, and then once', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        const path = new URL(url, 'http://x').pathname
        if (path === '/api/auth/me') return json(me)
        if (path === '/api/official/items') return json({ items: [] })
        if (path === '/api/official/agenda-entries') return json({ entries: [] })
        if (path === '/api/official/meetings') return json({ meetings: [] })
        return json({ error: { code: 'not_found', message: 'no' } }, 404)
      }),
    )
    const lists = () => vi.mocked(fetch).mock.calls.filter(([url]) => ['/api/official/items', '/api/official/agenda-entries', '/api/official/meetings'].includes(new URL(String(url), 'http://x').pathname)).length
    const { wrapper } = await mountPage(SignalStatusForm, '/beheer/signalen', { signal: { ...signal, status: 'received' } })
    await settle()
    expect(wrapper.find('input[value="considering"]').element).toHaveProperty('checked', true)
    expect(lists()).toBe(0)
    await wrapper.find('input[value="on_agenda"]').setValue(true)
    await settle()
    expect(lists()).toBe(3)
    await wrapper.find('input[value="answered"]').setValue(true)
    await wrapper.find('input[value="on_agenda"]').setValue(true)
    await settle()
    expect(lists()).toBe(3)
  })
})
