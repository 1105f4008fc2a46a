import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { launchBrowser, newContext, UI_WAIT } from '../support/browser'
import { startE2eServer, type E2eServer } from '../support/e2e-server'

/**
 * What no one needs for the first look must not be asked for before it is painted: each such
 * request adds a step to the chain a slow phone waits through before the item shows (Lighthouse's
 * LCP on the poll fell from 2.2 s to 2.0 s when Voorlezen moved after the paint).
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

describe('the poll page paints before its extras load', () => {
  it('asks for the Voorlezen code only after the item has painted', async () => {
    const context = await newContext(browser)
    try {
      const page = await context.newPage()
      await page.goto(server.url)
      await page.getByRole('radio', { name: /^Beverwijk/ }).check(UI_WAIT)
      await page.getByRole('button', { name: 'Kiezen' }).click()
      const poll = page.getByRole('link', { name: /Mogen jongeren meepraten/ }).first()
      await poll.waitFor(UI_WAIT)
      const href = (await poll.getAttribute('href')) ?? ''
      expect(href).toMatch(/^\/items\//)

      // The frame that paints the item: the first animation frame after its title is in the page.
      await page.addInitScript(() => {
        const seen = { title: false }
        new MutationObserver(() => {
          if (seen.title || ![...document.querySelectorAll('main h1')].some((h) => h.textContent?.includes('Mogen jongeren meepraten'))) return
          seen.title = true
          requestAnimationFrame(() => {
            Reflect.set(window, 'itemFrameAt', performance.now())
          })
        }).observe(document, { childList: true, subtree: true })
      })
      // A fresh document opening the poll link, as from a poster or a shared message.
      await page.goto(`${server.url}${href}`)
      await page.getByRole('button', { name: 'Versturen' }).waitFor(UI_WAIT)
      await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => /\/ReadAloudButton-[\w-]+\.js$/.test(e.name)), undefined, UI_WAIT)
      const order = await page.evaluate(() => ({
        itemFrameAt: (Reflect.get(window, 'itemFrameAt') as number | undefined) ?? null,
        requestedAt: (performance.getEntriesByType('resource').find((e) => /\/ReadAloudButton-[\w-]+\.js$/.test(e.name)) as PerformanceEntry).startTime,
      }))
      expect(order.itemFrameAt).not.toBeNull()
      // Order on the page's own main thread, not a duration: before, the code was asked for in the render that put the item in the page.
      expect(order.requestedAt).toBeGreaterThan(order.itemFrameAt as number)
    } finally {
      await context.close()
    }
  })
})
