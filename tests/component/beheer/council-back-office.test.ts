import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory } from 'vue-router'
import { createBeheerRouter } from '../../../src/client/beheer/beheer-router'
import RecommendationsEditor from '../../../src/client/beheer/components/RecommendationsEditor.vue'
import type { RecommendationRow } from '../../../src/client/beheer/recommendation-rows'
import { resetLocale } from '../fixtures'

const council = { id: crypto.randomUUID(), email: 'raad@beverwijk.nl', municipality: 'beverwijk', municipalityName: 'Beverwijk', role: 'council', csrfToken: 'tok' }
const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } })
const rows: RecommendationRow[] = [
  { key: crypto.randomUUID(), recommendation: 'Zet een bankje bij de bushalte.', outcome: 'adopted', reason: '' },
  { key: crypto.randomUUID(), recommendation: 'Vraag ouderen waar.', outcome: 'not_adopted', reason: '' },
]

describe('the back office for members of the participation council', () => {
  beforeEach(() => {
    resetLocale()
    setActivePinia(createPinia())
    vi.stubGlobal('fetch', vi.fn(async (url: string) => (new URL(url, 'http://x').pathname === '/api/auth/me' ? json(council) : json({}))))
  })
  afterEach(() => {
    vi.unstubAllGlobals()
    document.body.innerHTML = ''
  })

  it('opens the pages the council may use and sends it from officials\' pages to the start page', async () => {
    for (const [path, expected] of [
      ['/advies', 'beheer-advice'],
      ['/overleg', 'beheer-meetings'],
      ['/items/abc/inbreng', 'beheer-item-input'],
      // Council members read and comment on signals, draft the yearly agenda and read the report.
      ['/signalen', 'beheer-signals'],
      ['/signalen/abc', 'beheer-signal'],
      ['/participatieagenda', 'beheer-agenda'],
      ['/jaarverslag', 'beheer-report'],
      ['/delen', 'beheer-start'],
      ['/partners', 'beheer-start'],
      ['/netwerk', 'beheer-start'],
      ['/items/nieuw', 'beheer-start'],
      ['/items/abc/tafel', 'beheer-start'],
      ['/items/abc/terugkoppeling', 'beheer-start'],
    ] as const) {
      const router = createBeheerRouter(createMemoryHistory('/beheer'))
      await router.push(path)
      expect(router.currentRoute.value.name, path).toBe(expected)
    }
    // Each first visit loads its page's code.
  }, 60_000)
})

describe('RecommendationsEditor modes', () => {
  beforeEach(() => resetLocale())

  it('answering someone else\'s advice (decisions): the text is fixed, a decision and a why per row, no rows added or removed', () => {
    const editor = mount(RecommendationsEditor, { props: { idBase: 'r', modelValue: rows, errors: {}, mode: 'decisions' } })
    expect(editor.findAll('textarea').length).toBe(1) // only the why of the not-adopted row
    expect(editor.text()).toContain('Zet een bankje bij de bushalte.')
    expect(editor.findAll('input[type="radio"]').length).toBe(6)
    expect(editor.find('[data-action="add-recommendation"]').exists()).toBe(false)
    expect(editor.text()).not.toContain('Verwijderen')
  })

  it('writing advice (texts): a text per recommendation and no decision asked', () => {
    const editor = mount(RecommendationsEditor, { props: { idBase: 'r', modelValue: rows, errors: {}, mode: 'texts', hint: 'Schrijf elk advies apart op.' } })
    expect(editor.findAll('textarea').length).toBe(2)
    expect(editor.findAll('input[type="radio"]').length).toBe(0)
    expect(editor.find('[data-action="add-recommendation"]').exists()).toBe(true)
    expect(editor.text()).toContain('Schrijf elk advies apart op.')
  })
})
