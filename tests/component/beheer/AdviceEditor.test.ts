import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import AdviceEditor from '../../../src/client/beheer/components/AdviceEditor.vue'
import { resetLocale } from '../fixtures'
import { mountPage, settle } from '../page-harness'

const council = { id: crypto.randomUUID(), email: 'raad@beverwijk.nl', municipality: 'beverwijk', municipalityName: 'Beverwijk', role: 'council', csrfToken: 'tok' }
const reply = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
const pathOf = (url: unknown) => new URL(String(url), 'http://x').pathname
const posts = () => vi.mocked(fetch).mock.calls.filter(([url, init]) => pathOf(url) === '/api/official/advice' && init?.method === 'POST')

describe('AdviceEditor (a checked back-office form)', () => {
  beforeEach(() => {
    resetLocale()
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: unknown, init?: RequestInit) => {
        if (pathOf(url) === '/api/auth/me') return reply(council)
        if (pathOf(url) === '/api/official/advice' && init?.method === 'POST') {
          return reply({ error: { code: 'forbidden', message: 'no' } }, 403)
        }
        return reply({})
      }),
    )
  })
  afterEach(() => {
    vi.unstubAllGlobals()
    document.body.innerHTML = ''
  })

  it('sends nothing while the form does not pass the shared schema: the error summary lists each field and takes the focus', async () => {
    const { wrapper } = await mountPage(AdviceEditor, '/beheer/advies', { items: [] })
    await wrapper.find('form').trigger('submit')
    await settle()
    expect(posts()).toHaveLength(0)
    const summary = wrapper.find('.mp-summary')
    expect(summary.exists()).toBe(true)
    expect(document.activeElement).toBe(summary.element)
    expect(wrapper.findAll('a[href^="#advice-"]').map((a) => a.attributes('href'))).toEqual(expect.arrayContaining(['#advice-title', '#advice-body']))
  })

  it('sends a valid draft once and shows the server\'s refusal in words', async () => {
    const { wrapper } = await mountPage(AdviceEditor, '/beheer/advies', { items: [] })
    await wrapper.find('#advice-title').setValue('Meer bankjes in het centrum')
    await wrapper.find('#advice-body').setValue('Ouderen kunnen niet lang staan. Wij adviseren meer bankjes.')
    const recommendation = wrapper.find('textarea[id^="advice-rec-"], input[id^="advice-rec-"]')
    await recommendation.setValue('Zet een bankje bij elke bushalte.')
    await wrapper.find('form').trigger('submit')
    await wrapper.find('form').trigger('submit')
    await settle()
    expect(posts()).toHaveLength(1)
    expect(wrapper.find('[role="alert"].mp-live').text()).not.toBe('')
    // The refusal's code in the official's words, not the server's English message.
    expect(wrapper.find('[role="alert"].mp-live .utrecht-alert__message').text()).toBe('Je hebt hier geen toegang toe.')
    expect(wrapper.emitted('saved')).toBeUndefined()
  })
})
