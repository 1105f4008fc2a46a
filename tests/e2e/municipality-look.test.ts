import { createRequire } from 'node:module'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { axeViolations, describeViolations } from '../support/axe'
import { launchBrowser, newContext, UI_WAIT, waitForServiceWorker } from '../support/browser'
import { startE2eServer, type E2eServer } from '../support/e2e-server'
import { chooseMunicipality } from '../support/resident'

/** The open example theme of NL Design System, which the demo's Beverwijk wears. */
const voorbeeld = createRequire(import.meta.url)('@nl-design-system-unstable/voorbeeld-design-tokens/dist/variables.json') as Record<string, string>

/** `#5115ef` as the browser reports a computed colour. */
function rgb(hex: string): string {
  const n = parseInt(hex.slice(1), 16)
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`
}

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

const style = (page: Page, selector: string, property: string) =>
  page.evaluate(([s, p]) => {
    const element = document.querySelector(s!)
    return element ? getComputedStyle(element).getPropertyValue(p!) : null
  }, [selector, property] as const)

/** Waits until the municipality's profile reached the phone: the header names it. */
async function waitForProfile(page: Page, name: string): Promise<void> {
  await expect.poll(() => page.locator('.mp-header__municipality').textContent().catch(() => null), UI_WAIT).toBe(name)
}

describe('municipality look (Chromium)', () => {
  it('puts header, primary button, links and focus in the chosen municipality\'s tokens (the voorbeeld theme)', async () => {
    const context = await newContext(browser)
    const page = await context.newPage()
    await chooseMunicipality(page, server.url, 'Beverwijk')
    await waitForProfile(page, 'Beverwijk')
    await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains('mp-theme-beverwijk')), UI_WAIT).toBe(true)
    await expect.poll(() => style(page, '.mp-header', 'background-color'), UI_WAIT).toBe(rgb(voorbeeld.utrechtButtonPrimaryActionBackgroundColor!))
    await expect.poll(() => style(page, 'main .utrecht-link', 'color'), UI_WAIT).toBe(rgb(voorbeeld.utrechtLinkColor!))

    await page.goto(`${server.url}/kies-gemeente`)
    await expect.poll(() => style(page, '.utrecht-button--primary-action', 'background-color'), UI_WAIT).toBe(rgb(voorbeeld.utrechtButtonPrimaryActionBackgroundColor!))
    await page.locator('.mp-footer__link').first().focus()
    expect(await style(page, '.mp-footer__link:focus-visible, .mp-footer__link:focus', 'outline-color')).toBe(rgb(voorbeeld.basisFocusOutlineColor!))
    await context.close()
  })

  it('shows another demo municipality in clearly other colours, and one in the default Meepraat theme', async () => {
    const headerOf = async (name: string) => {
      const context = await newContext(browser)
      const page = await context.newPage()
      await chooseMunicipality(page, server.url, name)
      await waitForProfile(page, name)
      // The default theme has no tokens to wait for: wait for the class the profile names.
      await expect.poll(() => page.evaluate((n) => document.documentElement.classList.contains(`mp-theme-${n.toLowerCase()}`), name), UI_WAIT).toBe(true)
      const colour = await style(page, '.mp-header', 'background-color')
      await context.close()
      return colour
    }
    const [velsen, westervoort] = [await headerOf('Velsen'), await headerOf('Westervoort')]
    expect(velsen).toBe(rgb(voorbeeld.voorbeeldKleurenBlauw500!))
    expect(westervoort).toBe(rgb('#14532d'))
    expect(new Set([velsen, westervoort, rgb(voorbeeld.utrechtButtonPrimaryActionBackgroundColor!)]).size).toBe(3)
  })

  it('has the theme class and stylesheet on <html> before the app renders on a later visit (no flash)', async () => {
    const context = await newContext(browser)
    const page = await context.newPage()
    await chooseMunicipality(page, server.url, 'Beverwijk')
    await waitForProfile(page, 'Beverwijk')
    await page.addInitScript(() => {
      document.addEventListener('DOMContentLoaded', () => {
        const w = window as unknown as { atDomContentLoaded: unknown }
        w.atDomContentLoaded = {
          classes: [...document.documentElement.classList],
          stylesheet: document.getElementById('mp-theme-css')?.getAttribute('href') ?? null,
          appRendered: (document.getElementById('app')?.childElementCount ?? 0) > 0,
        }
      })
    })
    await page.reload()
    await page.waitForFunction(() => 'atDomContentLoaded' in window, undefined, UI_WAIT)
    const seen = (await page.evaluate(() => (window as unknown as { atDomContentLoaded: unknown }).atDomContentLoaded)) as { classes: string[]; stylesheet: string | null; appRendered: boolean }
    expect(seen.classes).toContain('mp-theme-beverwijk')
    expect(seen.stylesheet).toMatch(/^\/api\/municipalities\/beverwijk\/theme\.css\?v=/)
    expect(seen.appRendered).toBe(false)
    await context.close()
  })

  it('opens the footer\'s pages offline after one visit, in the municipality\'s look', async () => {
    const context = await newContext(browser)
    const page = await context.newPage()
    await chooseMunicipality(page, server.url, 'Beverwijk')
    await waitForServiceWorker(page)
    await waitForProfile(page, 'Beverwijk')
    // The stylesheet is in the service worker's cache once the page used it.
    await expect.poll(() => page.evaluate(async () => (await (await caches.open('meepraat-municipality-look')).keys()).length), UI_WAIT).toBeGreaterThan(0)

    await context.setOffline(true)
    await page.reload()
    await waitForProfile(page, 'Beverwijk')
    await expect.poll(() => style(page, '.mp-header', 'background-color'), UI_WAIT).toBe(rgb(voorbeeld.utrechtButtonPrimaryActionBackgroundColor!))
    const footer = page.getByRole('contentinfo')
    for (const [link, heading, text] of [
      ['Privacy', 'Privacy', 'Autoriteit Persoonsgegevens'],
      ['Toegankelijkheid', 'Toegankelijkheid', 'toegankelijkheidsverklaring'],
      ['Contact', 'Contact', 'Beverwijk'],
      ['Hoe werkt meedoen', 'Hoe werkt meedoen', 'Meebeslissen'],
    ] as const) {
      await footer.getByRole('link', { name: link, exact: true }).click()
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), UI_WAIT).toBe(heading)
      await expect.poll(() => page.locator('main').textContent(), UI_WAIT).toContain(text)
    }
    await context.close()
  })

  it('privacy and accessibility pages pass axe with zero violations and fit 360 px without sideways scrolling', async () => {
    const context = await newContext(browser)
    const page = await context.newPage()
    await chooseMunicipality(page, server.url, 'Beverwijk')
    await waitForProfile(page, 'Beverwijk')
    for (const [path, title, text] of [['/privacy', 'Privacy', 'Beverwijk'], ['/toegankelijkheid', 'Toegankelijkheid', 'Beverwijk'], ['/contact', 'Contact', 'Beverwijk'], ['/hoe-werkt-meedoen', 'Hoe werkt meedoen', 'Meebeslissen']] as const) {
      await page.goto(`${server.url}${path}`)
      await waitForProfile(page, 'Beverwijk')
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), UI_WAIT).toBe(title)
      // The page's own text, not the "loading" sentence: the profile was read from the phone.
      await expect.poll(() => page.locator('main').textContent(), UI_WAIT).toContain(text)
      const violations = await axeViolations(page)
      expect(violations, `${path}: ${describeViolations(violations)}`).toEqual([])
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), path).toBe(true)
    }
    await context.close()
  })

  // Issue 15 item 5 changed this on purpose: a text the municipality translated into English now shows in English
  // (lang="en"); every Dutch text still carries lang="nl".
  it('marks the municipality\'s Dutch texts with lang="nl" in the English interface, and its English translations with lang="en"', async () => {
    const context = await newContext(browser)
    const page = await context.newPage()
    await chooseMunicipality(page, server.url, 'Beverwijk')
    await waitForProfile(page, 'Beverwijk')
    await page.getByRole('button', { name: 'English' }).click()
    await expect.poll(() => page.evaluate(() => document.documentElement.lang), UI_WAIT).toBe('en')
    const langOf = (selector: string) =>
      page.evaluate((s) => [...document.querySelectorAll(s)].map((e) => e.closest('[lang]')?.getAttribute('lang') ?? null), selector)
    // Item titles and summaries on the home page, the municipality's name in the header.
    type PublicItem = { title: string; summary: string; translations?: { en?: { title?: string; summary?: string } } }
    const items = ((await (await fetch(`${server.url}/api/items?municipality=beverwijk`)).json()) as { items: PublicItem[] }).items
    expect(items.length).toBeGreaterThan(0)
    // What the English interface shows of each item, and in which language.
    const shownAs = (i: PublicItem) => ({
      title: i.translations?.en?.title ?? i.title,
      titleLang: i.translations?.en?.title ? 'en' : 'nl',
      summary: i.translations?.en?.summary ?? i.summary,
      summaryLang: i.translations?.en?.summary ? 'en' : 'nl',
    })
    const langOfText = (text: string) =>
      page.evaluate((t) => [...document.querySelectorAll('main *')].filter((e) => e.textContent?.trim() === t).map((e) => e.closest('[lang]')?.getAttribute('lang') ?? null), text)
    await expect.poll(() => langOf('.mp-card__link'), UI_WAIT).not.toEqual([])
    expect(new Set(await langOf('.mp-card__link'))).toEqual(new Set(['nl', 'en']))
    const shown = await page.locator('.mp-card__link').allTextContents()
    const checked = items.map(shownAs).filter((i) => shown.includes(i.title))
    expect(checked.map((i) => i.titleLang)).toEqual(expect.arrayContaining(['nl', 'en']))
    for (const item of checked) {
      expect(await langOfText(item.title), item.title).toContain(item.titleLang)
      expect(new Set(await langOfText(item.summary)), item.summary).toEqual(new Set([item.summaryLang]))
    }
    expect(await langOf('.mp-header__municipality')).toEqual(['nl'])
    // The interface itself stays English.
    expect(new Set(await langOf('.mp-card .mp-meta'))).toEqual(new Set(['en']))
    expect(await langOf('.mp-nav__link')).toContain('en')

    // An item without translations: its title, summary, and the question's words and options.
    await page.getByRole('link', { name: 'Welke plekken in je buurt zijn belangrijk?' }).click()
    await expect.poll(() => langOf('main h1'), UI_WAIT).toEqual(['nl'])
    expect(new Set(await langOf('.utrecht-paragraph--lead'))).toEqual(new Set(['nl']))
    const legends = await page.evaluate(() => [...document.querySelectorAll('main fieldset > legend > span:first-child')].map((e) => e.closest('[lang]')?.getAttribute('lang')))
    expect(legends.length).toBeGreaterThan(0)
    expect(new Set(legends)).toEqual(new Set(['nl']))
    const options = await page.evaluate(() => [...document.querySelectorAll('main fieldset label span[lang]')].map((e) => e.getAttribute('lang')))
    expect(options.length).toBeGreaterThan(0)
    await context.close()
  })
})
