import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Frame, Page } from 'playwright-core'
import { axeViolations, describeViolations } from '../support/axe'
import { DESKTOP, launchBrowser, newContext, PHONE, UI_WAIT } from '../support/browser'
import { createOfficialViaCli, startE2eServer, type E2eServer } from '../support/e2e-server'
import { givenOtherResidentsAnswered, itemIdByTitle, respondents } from '../support/resident'

const EMAIL = 'beheer@velsen.nl'
const PASSWORD = 'zonnige-dag-aan-zee'
const POLL = 'Mogen jongeren meepraten?'
let server: E2eServer
let browser: Browser
/** A municipality's website, on another origin (another port), that the admin allows. */
let allowedSite: { server: Server; origin: string }
/** Another website that nobody allowed. */
let otherSite: { server: Server; origin: string }

/** A tiny website on 127.0.0.1 that frames the widget, and notes when the frame has loaded. */
async function startSite(widgetUrl: string): Promise<{ server: Server; origin: string }> {
  const page = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Gemeente Velsen</title></head><body>
<h1>Welkom bij de gemeente</h1>
<iframe id="widget" src="${widgetUrl}" title="Praat mee met Velsen" width="100%" height="640" style="border: 0" onload="window.widgetLoaded = true"></iframe>
</body></html>`
  const site = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    res.end(page)
  })
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve))
  return { server: site, origin: `http://127.0.0.1:${(site.address() as AddressInfo).port}` }
}

beforeAll(async () => {
  server = await startE2eServer()
  await createOfficialViaCli(server, { email: EMAIL, password: PASSWORD, municipality: 'velsen', role: 'admin' })
  browser = await launchBrowser()
  allowedSite = await startSite(`${server.url}/embed/velsen`)
  otherSite = await startSite(`${server.url}/embed/velsen`)
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
  for (const site of [allowedSite, otherSite]) if (site) await new Promise((resolve) => site.server.close(resolve))
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

/** The outermost elements that stick out to the right, when the page scrolls sideways at all. */
const sticksOut = (page: Page) =>
  page.evaluate(() => {
    if (document.documentElement.scrollWidth <= document.documentElement.clientWidth) return []
    const width = document.documentElement.clientWidth
    const out = [...document.querySelectorAll<HTMLElement>('body *')].filter((el) => el.getBoundingClientRect().right > width + 0.5)
    return out.filter((el) => !out.includes(el.parentElement as HTMLElement)).map((el) => `${el.tagName.toLowerCase()}#${el.id}.${[...el.classList].join('.')}`)
  })

/** The widget's frame in a website's page, once the page says the frame has loaded. */
async function widgetFrame(page: Page): Promise<Frame> {
  await page.waitForFunction(() => (window as unknown as { widgetLoaded?: boolean }).widgetLoaded === true, undefined, UI_WAIT)
  const frame = await (await page.locator('#widget').elementHandle())?.contentFrame()
  if (!frame) throw new Error('the widget has no frame')
  return frame
}

async function answerInWidget(frame: Frame, choice: 'Ja' | 'Nee'): Promise<void> {
  const card = frame.locator('[data-testid="embed-item"]', { hasText: POLL })
  await card.getByRole('button', { name: /^Beantwoorden/ }).click()
  await card.getByRole('radio', { name: choice, exact: true }).check()
  await card.getByRole('button', { name: 'Versturen' }).click()
}

describe('the embeddable widget (Chromium)', () => {
  it('lets an admin allow a website on the Gemeente page and copy the iframe code', async () => {
    const context = await newContext(browser, DESKTOP)
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url })
    const page = await context.newPage()
    await signIn(page)
    await page.goto(`${server.url}/beheer/gemeente`)
    await expect.poll(() => page.locator('[data-testid="embed-fields"]').count(), UI_WAIT).toBe(1)

    await page.getByRole('button', { name: 'Website toevoegen' }).click()
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), UI_WAIT).toBe('muni-embedOrigins-0')
    await page.keyboard.type(`${allowedSite.origin}/widget`)
    await page.locator('button[data-action="save-municipality"]').click()
    await expect.poll(() => page.locator('#muni-embedOrigins-0-error').textContent(), UI_WAIT).toContain('Schrijf het adres zo: https://www.gemeente.nl')
    await expectNoViolations(page, 'Gemeente page with a wrong website')

    await page.locator('#muni-embedOrigins-0').fill(allowedSite.origin)
    await page.locator('button[data-action="save-municipality"]').click()
    await expect.poll(() => page.getByText('De gegevens van de gemeente zijn opgeslagen.').count(), UI_WAIT).toBe(1)
    const snippet = await page.locator('[data-testid="embed-snippet"]').inputValue()
    expect(snippet).toBe(`<iframe src="${server.url}/embed/velsen" title="Praat mee met Velsen" width="100%" height="640" style="border: 0;" loading="lazy"></iframe>`)
    await page.locator('button[data-action="copy-embed-snippet"]').click()
    await expect.poll(() => page.locator('[data-testid="embed-copied"]').textContent(), UI_WAIT).toBe('Code gekopieerd')
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(snippet)
    await expectNoViolations(page, 'Gemeente page with the embed section')
    await context.close()

    const res = await fetch(`${server.url}/embed/velsen`)
    // The page now names exactly that website as the one that may frame it.
    expect(/frame-ancestors ([^;]+)/.exec(res.headers.get('content-security-policy') ?? '')?.[1]).toBe(allowedSite.origin)
  })

  it('takes an answer on the allowed website, online and offline, and each arrives exactly once', async () => {
    const itemId = await itemIdByTitle(server.url, 'velsen', POLL)
    await givenOtherResidentsAnswered(server.url, itemId)
    const before = await respondents(server.url, itemId)

    // Online: answered in the frame, sent at once.
    const online = await newContext(browser)
    const page = await online.newPage()
    await page.goto(allowedSite.origin)
    const frame = await widgetFrame(page)
    await expect.poll(() => frame.getByRole('heading', { level: 1 }).textContent(), UI_WAIT).toBe('Praat mee met Velsen')
    await answerInWidget(frame, 'Ja')
    await expect.poll(() => frame.getByText('Verstuurd', { exact: true }).count(), { timeout: 20_000 }).toBe(1)
    expect(await respondents(server.url, itemId)).toBe(before + 1)
    await online.close()

    // Another phone goes offline after the widget loaded: the answer waits, then arrives once.
    const offline = await newContext(browser)
    const second = await offline.newPage()
    await second.goto(allowedSite.origin)
    const secondFrame = await widgetFrame(second)
    await expect.poll(() => secondFrame.locator('[data-testid="embed-item"]', { hasText: POLL }).count(), UI_WAIT).toBe(1)
    await offline.setOffline(true)
    await answerInWidget(secondFrame, 'Nee')
    await expect.poll(() => secondFrame.getByText('Opgeslagen op je telefoon', { exact: true }).count(), UI_WAIT).toBe(1)
    expect(await respondents(server.url, itemId)).toBe(before + 1)
    await offline.setOffline(false)
    await expect.poll(() => secondFrame.getByText('Verstuurd', { exact: true }).count(), { timeout: 20_000 }).toBe(1)
    expect(await respondents(server.url, itemId)).toBe(before + 2)
    // The same answer, after a reload of the website, is still the one sent: nothing twice.
    await second.reload()
    const reloaded = await widgetFrame(second)
    await expect.poll(() => reloaded.getByText('Verstuurd', { exact: true }).count(), UI_WAIT).toBe(1)
    expect(await respondents(server.url, itemId)).toBe(before + 2)
    // And the app on the same phone knows it: one outbox, one database.
    await second.goto(`${server.url}/items/${itemId}`)
    await expect.poll(() => second.getByText('Verstuurd', { exact: true }).count(), UI_WAIT).toBe(1)
    await offline.close()
  })

  it('is refused by a website that was not allowed', async () => {
    const context = await newContext(browser)
    const page = await context.newPage()
    const blocked: string[] = []
    page.on('console', (message) => {
      if (/frame-ancestors/.test(message.text())) blocked.push(message.text())
    })
    await page.goto(otherSite.origin)
    const frame = await widgetFrame(page)
    await expect.poll(() => blocked.length, UI_WAIT).toBeGreaterThan(0)
    // The frame holds the browser's error page, not the widget.
    expect(await frame.locator('[data-testid="embed-item"]').count()).toBe(0)
    expect(await frame.evaluate(() => document.querySelector('main.mp-embed') === null)).toBe(true)
    await context.close()
  })

  it('has no WCAG 2.1 A/AA violations and fits 360 px and 200% zoom without sideways scrolling', async () => {
    for (const viewport of [PHONE, { width: 180, height: 740 }]) {
      const context = await newContext(browser, viewport)
      const page = await context.newPage()
      await page.goto(`${server.url}/embed/velsen`)
      await expect.poll(() => page.locator('[data-testid="embed-item"]').count(), UI_WAIT).toBeGreaterThan(0)
      expect(await sticksOut(page), `${viewport.width}px`).toEqual([])
      if (viewport === PHONE) await expectNoViolations(page, 'widget')
      await page.locator('[data-testid="embed-item"]', { hasText: POLL }).getByRole('button', { name: /^Beantwoorden/ }).click()
      await expect.poll(() => page.getByRole('button', { name: 'Versturen' }).count(), UI_WAIT).toBe(1)
      expect(await sticksOut(page), `${viewport.width}px, form open`).toEqual([])
      if (viewport === PHONE) await expectNoViolations(page, 'widget with a form open')
      await context.close()
    }
  })

  it('answers an unknown municipality with a 404 page that says so', async () => {
    const context = await newContext(browser)
    const page = await context.newPage()
    const response = await page.goto(`${server.url}/embed/atlantis`)
    expect(response?.status()).toBe(404)
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), UI_WAIT).toBe('Deze gemeente kennen we niet')
    await expectNoViolations(page, 'widget for an unknown municipality')
    await context.close()
  })
})
