import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { axeViolations, describeViolations } from '../support/axe'
import { launchBrowser, newContext, PHONE, UI_WAIT } from '../support/browser'
import { startE2eServer, type E2eServer } from '../support/e2e-server'
import { chooseMunicipality } from '../support/resident'

/**
 * Issue 15 item 5, in Chromium at 360x740: content in the resident's language. The demo's youth
 * poll is translated into Arabic and English (Beverwijk offers en, ar, tr, pl, uk); the poll about
 * places in the neighbourhood is Dutch only.
 */
let server: E2eServer
let browser: Browser

beforeAll(async () => {
  server = await startE2eServer()
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

/** `lang` and `dir` of the elements matching `selector`, with their text. */
function langOf(page: Page, selector: string) {
  return page.locator(selector).evaluateAll((elements) => elements.map((e) => ({ text: e.textContent?.trim(), lang: e.getAttribute('lang'), dir: e.getAttribute('dir') })))
}

async function sideways(page: Page) {
  return page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth }
  })
}

describe('content in the resident\'s language (Chromium)', () => {
  it('an Arabic item renders right-to-left with dir="rtl" and passes axe', async () => {
    const context = await newContext(browser, PHONE)
    const page = await context.newPage()
    await chooseMunicipality(page, server.url)
    await page.getByRole('link', { name: 'Mogen jongeren meepraten?' }).click()
    await expect.poll(() => page.getByRole('button', { name: 'Versturen' }).count(), UI_WAIT).toBe(1)

    // The language of the questions, from the item page itself.
    await page.getByText('Taal van de vragen: Nederlands').click()
    await page.getByRole('radio', { name: 'العربية' }).check()
    await expect.poll(() => page.locator('h1').textContent(), UI_WAIT).toBe('هل يشارك الشباب برأيهم؟')

    const [title] = await langOf(page, 'h1')
    expect(title).toMatchObject({ lang: 'ar', dir: 'rtl' })
    const question = page.locator('form fieldset').first()
    expect(await question.getAttribute('dir')).toBe('rtl')
    expect(await langOf(page, 'form legend > span[lang]')).toEqual([{ text: 'هل ترى أنه من المهم أن يشارك الشباب برأيهم في ما تفعله البلدية؟', lang: 'ar', dir: 'rtl' }])
    expect(await langOf(page, 'form .mp-choice__text > span')).toEqual([
      { text: 'نعم', lang: 'ar', dir: 'rtl' },
      { text: 'لا', lang: 'ar', dir: 'rtl' },
      { text: 'لا أعرف', lang: 'ar', dir: 'rtl' },
    ])
    // Laid out right to left: each option's radio sits at its right, the send button at the right of its row.
    const layout = await page.evaluate(() => {
      const label = document.querySelector('form .mp-choice')!
      const radio = label.querySelector('input')!.getBoundingClientRect()
      const text = label.querySelector('.mp-choice__text')!.getBoundingClientRect()
      const row = document.querySelector('form .mp-actions')!.getBoundingClientRect()
      const button = document.querySelector('form .mp-actions button')!.getBoundingClientRect()
      return { radioRightOfText: radio.left > text.left, buttonAtRight: row.right - button.right < button.left - row.left, htmlDir: document.documentElement.dir || 'ltr' }
    })
    expect(layout).toEqual({ radioRightOfText: true, buttonAtRight: true, htmlDir: 'ltr' })
    // The page's own frame stays left to right and Dutch.
    expect(await page.locator('.mp-header').getAttribute('dir')).toBeNull()
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('nl')

    const violations = await axeViolations(page)
    expect(violations, describeViolations(violations)).toEqual([])
    for (const width of [360, 320, 180]) {
      await page.setViewportSize({ width, height: PHONE.height })
      const { scrollWidth, clientWidth } = await sideways(page)
      expect(scrollWidth, `at ${width} px`).toBeLessThanOrEqual(clientWidth)
    }
    await page.setViewportSize(PHONE)

    await page.getByRole('radio', { name: 'نعم' }).check()
    await page.getByRole('button', { name: 'Versturen' }).click()
    await expect.poll(() => page.locator('#answer-title + [role="status"]').textContent(), UI_WAIT).toContain('Verstuurd')
    await context.close()
  })

  it('in the English UI a Dutch-only item carries lang="nl"', async () => {
    const context = await newContext(browser, PHONE)
    const page = await context.newPage()
    await chooseMunicipality(page, server.url)
    await page.getByRole('button', { name: 'English' }).click()
    await expect.poll(() => page.evaluate(() => document.documentElement.lang), UI_WAIT).toBe('en')

    // A translated item follows the English interface...
    await expect.poll(() => page.getByRole('link', { name: 'Should young people have a say?' }).count(), UI_WAIT).toBe(1)
    // ...a Dutch-only one stays Dutch, and says so.
    await page.getByRole('link', { name: 'Welke plekken in je buurt zijn belangrijk?' }).click()
    await expect.poll(() => page.getByRole('button', { name: 'Send' }).count(), UI_WAIT).toBe(1)
    const [title] = await langOf(page, 'h1')
    expect(title).toEqual({ text: 'Welke plekken in je buurt zijn belangrijk?', lang: 'nl', dir: 'ltr' })
    expect(await langOf(page, '.utrecht-paragraph--lead')).toEqual([expect.objectContaining({ lang: 'nl' })])
    const legends = await langOf(page, 'form legend > span[lang]')
    expect(legends.length).toBe(2)
    expect(legends.every((l) => l.lang === 'nl')).toBe(true)
    const options = await langOf(page, 'form .mp-choice__text > span')
    expect(options.map((o) => o.text)).toContain('Veilige fietspaden')
    expect(options.every((o) => o.lang === 'nl' && o.dir === 'ltr')).toBe(true)
    const violations = await axeViolations(page)
    expect(violations, describeViolations(violations)).toEqual([])
    await context.close()
  })
})
