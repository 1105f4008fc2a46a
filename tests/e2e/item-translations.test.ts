import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { axeViolations, describeViolations } from '../support/axe'
import { DESKTOP, launchBrowser, newContext, UI_WAIT } from '../support/browser'
import { createOfficialViaCli, startE2eServer, type E2eServer } from '../support/e2e-server'

const EMAIL = 'vertaler@beverwijk.nl'
const PASSWORD = 'zonnige-dag-aan-zee'
let server: E2eServer
let browser: Browser
/** A published poll of the demo content, with its first question. */
let poll: { id: string; title: string; questionId: string }

beforeAll(async () => {
  server = await startE2eServer()
  await createOfficialViaCli(server, { email: EMAIL, password: PASSWORD, municipality: 'beverwijk', role: 'admin' })
  browser = await launchBrowser()
  const list = (await (await fetch(`${server.url}/api/items?municipality=beverwijk`)).json()) as { items: { id: string; kind: string; title: string; questions: { id: string }[]; closesAt: string }[] }
  const found = list.items.find((i) => i.kind === 'poll' && i.questions.length > 0 && Date.parse(i.closesAt) > Date.now())
  if (!found) throw new Error('the demo content has no open poll in Beverwijk')
  poll = { id: found.id, title: found.title, questionId: found.questions[0]!.id }
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

async function signIn(page: Page): Promise<void> {
  await page.goto(`${server.url}/beheer`)
  await page.waitForURL('**/beheer/inloggen**', UI_WAIT)
  await page.locator('#login-email').fill(EMAIL)
  await page.locator('#login-password').fill(PASSWORD)
  await page.getByRole('button', { name: 'Inloggen' }).click()
  await expect.poll(() => page.getByRole('link', { name: 'Gemeente', exact: true }).count(), UI_WAIT).toBe(1)
}

async function expectNoViolations(page: Page, where: string): Promise<void> {
  const violations = await axeViolations(page)
  expect(violations, `${where}\n${describeViolations(violations)}`).toEqual([])
}

/** How many texts of the poll the list says are missing in Arabic. */
async function arabicMissingOnList(page: Page): Promise<number> {
  await page.goto(`${server.url}/beheer`)
  const line = page.locator(`tr[data-item-id="${poll.id}"] [data-testid="item-translations"] li[data-lang="ar"]`)
  await expect.poll(() => line.count(), UI_WAIT).toBe(1)
  return Number(await line.getAttribute('data-missing'))
}

/** Elements past the right edge, for the failure message; empty when nothing scrolls sideways. */
const sideways = (page: Page) =>
  page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement
    if (root.scrollWidth <= root.clientWidth) return []
    const edge = root.clientWidth + 1
    return [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > edge && ![...e.children].some((c) => c.getBoundingClientRect().right > edge))
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}.${(e as HTMLElement).className || ''}`)
  })

describe('writing translations in the back office (Chromium)', () => {
  it('an admin offers Arabic, writes the title and first question of a poll in Arabic, and the list counts two texts fewer missing', async () => {
    const context = await newContext(browser, DESKTOP)
    const page = await context.newPage()
    await signIn(page)

    await page.goto(`${server.url}/beheer/gemeente`)
    const arabicBox = page.locator('input[name="muni-contentLanguages"][value="ar"]')
    await expect.poll(() => arabicBox.count(), UI_WAIT).toBe(1)
    expect(await page.locator('input[name="muni-contentLanguages"][value="ar"] + .mp-choice__text [lang="ar"]').getAttribute('dir')).toBe('rtl')
    await page.getByRole('checkbox', { name: 'العربية (Arabisch)' }).check()
    await page.locator('button[data-action="save-municipality"]').click()
    await expect.poll(() => page.getByText('De gegevens van de gemeente zijn opgeslagen.').count(), UI_WAIT).toBe(1)

    const before = await arabicMissingOnList(page)
    expect(before).toBeGreaterThan(2)
    expect(await page.locator(`tr[data-item-id="${poll.id}"] li[data-lang="ar"]`).textContent()).toBe(`Arabisch: ${before} teksten ontbreken`)
    await expectNoViolations(page, 'items list with translation counts')

    await page.goto(`${server.url}/beheer/items/${poll.id}`)
    const section = page.locator('section[data-lang="ar"]')
    await expect.poll(() => section.count(), UI_WAIT).toBe(1)
    await section.locator('summary').click()
    const title = section.getByRole('textbox', { name: 'Titel in het Arabisch', exact: true })
    const question = section.getByRole('textbox', { name: 'Vraag 1 in het Arabisch', exact: true })
    expect([await title.getAttribute('lang'), await title.getAttribute('dir')]).toEqual(['ar', 'rtl'])
    expect(await section.locator('[data-path="title"]').getAttribute('data-missing')).toBe('true')
    await expectNoViolations(page, 'item editor with the Arabic translation open')

    await title.fill('هل تريد المشاركة؟')
    await question.fill('ما رأيك؟')
    expect(await section.locator('[data-path="title"]').getAttribute('data-missing')).toBeNull()
    expect(await section.locator(`[data-path="questions.${poll.questionId}.label"]`).getAttribute('data-missing')).toBeNull()
    await expect.poll(() => section.locator('[data-testid="translation-status-ar"]').textContent(), UI_WAIT).toBe(`Arabisch: ${before - 2} teksten ontbreken`)
    await page.locator('button[data-action="save"]').click()
    await expect.poll(() => page.getByText('Opgeslagen.', { exact: true }).count(), UI_WAIT).toBe(1)

    // Residents get it: the public item carries the Arabic title and question.
    const published = (await (await fetch(`${server.url}/api/items/${poll.id}`)).json()) as { translations?: { ar?: { title?: string; questions?: Record<string, { label?: string }> } } }
    expect(published.translations?.ar?.title).toBe('هل تريد المشاركة؟')
    expect(published.translations?.ar?.questions?.[poll.questionId]?.label).toBe('ما رأيك؟')

    expect(await arabicMissingOnList(page)).toBe(before - 2)
    await expectNoViolations(page, 'items list after translating')

    // 200% zoom on a 360 px phone: a viewport of 180 CSS px; nothing scrolls sideways.
    await page.setViewportSize({ width: 180, height: 720 })
    await page.goto(`${server.url}/beheer`)
    await expect.poll(() => page.locator(`tr[data-item-id="${poll.id}"] li[data-lang="ar"]`).count(), UI_WAIT).toBe(1)
    expect(await sideways(page), 'items list at 180 px').toEqual([])
    await page.goto(`${server.url}/beheer/items/${poll.id}`)
    await expect.poll(() => page.locator('section[data-lang="ar"]').count(), UI_WAIT).toBe(1)
    await page.locator('section[data-lang="ar"] summary').click()
    await expect.poll(() => page.locator('section[data-lang="ar"] details[open]').count(), UI_WAIT).toBe(1)
    expect(await sideways(page), 'item editor with the translation open at 180 px').toEqual([])
    await page.goto(`${server.url}/beheer/gemeente`)
    await expect.poll(() => page.locator('input[name="muni-contentLanguages"]').count(), UI_WAIT).toBeGreaterThan(0)
    expect(await sideways(page), 'Gemeente page at 180 px').toEqual([])

    // The feedback editor has the same translation fields for its summary.
    await page.goto(`${server.url}/beheer/items/${poll.id}/terugkoppeling`)
    const feedbackArabic = page.locator('form.mp-feedback-form details[data-lang="ar"]').first()
    await expect.poll(() => feedbackArabic.count(), UI_WAIT).toBe(1)
    await feedbackArabic.locator('summary').click()
    const summary = feedbackArabic.getByRole('textbox', { name: 'Samenvatting in het Arabisch', exact: true })
    expect(await summary.getAttribute('dir')).toBe('rtl')
    expect(await sideways(page), 'feedback page with the translation open at 180 px').toEqual([])
    await page.setViewportSize(DESKTOP)
    await expectNoViolations(page, 'feedback page with the Arabic translation open')
    await context.close()
  })
})
