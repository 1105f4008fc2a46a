import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { axeViolations, describeViolations } from '../support/axe'
import { DESKTOP, launchBrowser, newContext, PHONE, UI_WAIT } from '../support/browser'
import { createOfficialViaCli, startE2eServer, type E2eServer } from '../support/e2e-server'
import { itemIdByTitle } from '../support/resident'

const EMAIL = 'beheer@velsen.nl'
const PASSWORD = 'zonnige-dag-aan-zee'
const POLL = 'Mogen jongeren meepraten?'
let server: E2eServer
let browser: Browser
let pollId: string

beforeAll(async () => {
  server = await startE2eServer()
  await createOfficialViaCli(server, { email: EMAIL, password: PASSWORD, municipality: 'velsen', role: 'admin' })
  browser = await launchBrowser()
  pollId = await itemIdByTitle(server.url, 'velsen', POLL)
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

async function expectNoViolations(page: Page, where: string): Promise<void> {
  const violations = await axeViolations(page)
  expect(violations, `${where}\n${describeViolations(violations)}`).toEqual([])
}

/** The outermost elements that stick out to the right, when the page scrolls sideways at all. */
const sticksOut = (page: Page) =>
  page.evaluate(() => {
    if (document.documentElement.scrollWidth <= document.documentElement.clientWidth) return []
    const width = document.documentElement.clientWidth
    const out = [...document.querySelectorAll<HTMLElement>('body *')].filter((el) => el.getBoundingClientRect().right > width + 0.5)
    return out.filter((el) => !out.includes(el.parentElement as HTMLElement)).map((el) => `${el.tagName.toLowerCase()}#${el.id}.${[...el.classList].join('.')}`)
  })

/** A browser as it is on many desktops: which of the Web Share API and the clipboard it has. */
async function browserWith(parts: { share: boolean; clipboard: boolean }): Promise<BrowserContext> {
  const context = await newContext(browser)
  if (parts.clipboard) await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url })
  await context.addInitScript(({ share, clipboard }) => {
    const record = (data: ShareData) => {
      ;(window as unknown as { shared?: ShareData }).shared = data
      return Promise.resolve()
    }
    Object.defineProperty(Navigator.prototype, 'share', { configurable: true, value: share ? record : undefined })
    if (!clipboard) Object.defineProperty(Navigator.prototype, 'clipboard', { configurable: true, get: () => undefined })
  }, parts)
  return context
}

async function signIn(page: Page): Promise<void> {
  await page.goto(`${server.url}/beheer`)
  await page.waitForURL('**/beheer/inloggen**', UI_WAIT)
  await page.locator('#login-email').fill(EMAIL)
  await page.locator('#login-password').fill(PASSWORD)
  await page.getByRole('button', { name: 'Inloggen' }).click()
  await expect.poll(() => page.getByRole('link', { name: 'Gemeente', exact: true }).count(), UI_WAIT).toBe(1)
}

describe('short links (Chromium)', () => {
  it('/g/SLUG chooses the municipality and opens its home, /i/ID opens the item, unknown ones are not found', async () => {
    const context = await newContext(browser)
    const page = await context.newPage()
    await page.goto(`${server.url}/g/velsen`)
    await page.waitForURL(`${server.url}/`, UI_WAIT)
    await expect.poll(() => page.getByRole('link', { name: POLL }).count(), UI_WAIT).toBe(1)
    await expect.poll(() => page.locator('header').textContent(), UI_WAIT).toContain('Velsen')

    await page.goto(`${server.url}/i/${pollId}`)
    await page.waitForURL(`${server.url}/items/${pollId}`, UI_WAIT)
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), UI_WAIT).toBe(POLL)

    for (const unknown of ['/g/atlantis', '/i/niet-een-id', `/i/${crypto.randomUUID()}`]) {
      await page.goto(`${server.url}${unknown}`)
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), UI_WAIT).toBe('Deze pagina bestaat niet')
      expect(new URL(page.url()).pathname).toBe(unknown)
    }
    // A mistyped link does not change the municipality chosen before.
    await page.goto(server.url)
    await expect.poll(() => page.getByRole('link', { name: POLL }).count(), UI_WAIT).toBe(1)
    await expect.poll(() => page.locator('header').textContent(), UI_WAIT).toContain('Velsen')
    await context.close()
  })
})

describe('the share button (Chromium)', () => {
  it('hands the absolute short link to the Web Share API where there is one', async () => {
    const context = await browserWith({ share: true, clipboard: true })
    const page = await context.newPage()
    await page.goto(`${server.url}/i/${pollId}`)
    await page.getByRole('button', { name: 'Deel dit met anderen' }).click()
    await expect.poll(() => page.evaluate(() => (window as unknown as { shared?: ShareData }).shared?.url), UI_WAIT).toBe(`${server.url}/i/${pollId}`)
    expect(await page.evaluate(() => (window as unknown as { shared?: ShareData }).shared?.title)).toBe(POLL)
    expect(await page.locator('[data-testid="share-dialog"]').isVisible()).toBe(false)
    await context.close()
  })

  it('copies the link elsewhere and says so in a live region', async () => {
    const context = await browserWith({ share: false, clipboard: true })
    const page = await context.newPage()
    await page.goto(`${server.url}/i/${pollId}`)
    await page.getByRole('button', { name: 'Deel dit met anderen' }).click()
    await expect.poll(() => page.locator('[data-testid="share-status"]').textContent(), UI_WAIT).toBe('Link gekopieerd')
    expect(await page.locator('[data-testid="share-status"]').getAttribute('aria-live')).toBe('polite')
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${server.url}/i/${pollId}`)

    await page.goto(`${server.url}/g/velsen`)
    await page.waitForURL(`${server.url}/`, UI_WAIT)
    await page.getByRole('button', { name: 'Vertel anderen over Meepraat' }).click()
    await expect.poll(() => page.locator('[data-testid="share-status"]').textContent(), UI_WAIT).toBe('Link gekopieerd')
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${server.url}/g/velsen`)
    await context.close()
  })

  it('shows the link to copy in an accessible dialog when neither works', async () => {
    const context = await browserWith({ share: false, clipboard: false })
    const page = await context.newPage()
    await page.goto(`${server.url}/i/${pollId}`)
    await page.getByRole('button', { name: 'Deel dit met anderen' }).click()
    const dialog = page.getByRole('dialog', { name: 'Deel deze link' })
    await expect.poll(() => dialog.isVisible(), UI_WAIT).toBe(true)
    expect(await dialog.getByRole('textbox', { name: 'Link' }).inputValue()).toBe(`${server.url}/i/${pollId}`)
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('share-dialog-link')
    await expectNoViolations(page, 'share dialog')
    expect(await sticksOut(page)).toEqual([])
    await page.keyboard.press('Escape')
    await expect.poll(() => dialog.isVisible(), UI_WAIT).toBe(false)
    await context.close()
  })
})

describe('QR codes and posters in the back office (Chromium)', () => {
  it("shows an item's QR code and prints its A4 poster with title, summary, QR, closing date and municipality", async () => {
    const context = await newContext(browser, DESKTOP)
    const page = await context.newPage()
    await signIn(page)
    await page.goto(`${server.url}/beheer/items/${pollId}`)
    const panel = page.locator('[data-testid="share-panel"]')
    await expect.poll(() => panel.locator('[data-testid="share-link"]').textContent(), UI_WAIT).toBe(`${server.url}/i/${pollId}`)
    await expect.poll(() => panel.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), UI_WAIT).toBe(true)

    await panel.getByRole('link', { name: 'Poster maken (A4)' }).click()
    await page.waitForURL(`**/beheer/items/${pollId}/poster`, UI_WAIT)
    const poster = page.locator('[data-testid="poster"]')
    await expect.poll(() => poster.locator('h2').textContent(), UI_WAIT).toBe(POLL)
    await expect.poll(() => poster.locator('img.mp-poster__qr').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), UI_WAIT).toBe(true)
    expect(await poster.textContent()).toContain('Velsen')
    expect(await poster.textContent()).toMatch(/Doe mee tot \d+ \w+ 20\d\d/)
    expect(await poster.textContent()).toContain(`${server.url}/i/${pollId}`)
    await expectNoViolations(page, 'poster page')

    // "Afdrukken" calls window.print(); on paper only the poster remains.
    await page.evaluate(() => {
      ;(window as unknown as { printed: number }).printed = 0
      window.print = () => void ((window as unknown as { printed: number }).printed += 1)
    })
    await page.getByRole('button', { name: 'Afdrukken' }).click()
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1)
    await page.emulateMedia({ media: 'print' })
    expect(await page.getByRole('button', { name: 'Afdrukken' }).isVisible()).toBe(false)
    expect(await page.locator('header.mp-header').isVisible()).toBe(false)
    expect(await poster.isVisible()).toBe(true)
    await context.close()
  })

  it("has the municipality's own QR code and poster on the Delen page", async () => {
    const context = await newContext(browser, DESKTOP)
    const page = await context.newPage()
    await signIn(page)
    await page.getByRole('link', { name: 'Delen', exact: true }).click()
    await expect.poll(() => page.locator('[data-testid="share-link"]').textContent(), UI_WAIT).toBe(`${server.url}/g/velsen`)
    await expectNoViolations(page, 'Delen page')
    await page.getByRole('link', { name: 'Poster maken (A4)' }).click()
    await expect.poll(() => page.locator('[data-testid="poster"] h2').textContent(), UI_WAIT).toBe('Praat mee met Velsen')
    await expect.poll(() => page.locator('img.mp-poster__qr').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), UI_WAIT).toBe(true)
    await expectNoViolations(page, 'municipality poster page')
    await context.close()
  })

  it('fits the poster page on 360 px and at 200% zoom without sideways scrolling', async () => {
    for (const viewport of [PHONE, { width: 180, height: 740 }]) {
      const context = await newContext(browser, viewport)
      const page = await context.newPage()
      await signIn(page)
      await page.goto(`${server.url}/beheer/items/${pollId}/poster`)
      await expect.poll(() => page.locator('[data-testid="poster"] img.mp-poster__qr').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), UI_WAIT).toBe(true)
      expect(await sticksOut(page), `${viewport.width}px`).toEqual([])
      await context.close()
    }
  })
})
