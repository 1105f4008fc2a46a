import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { launchBrowser, newContext, UI_WAIT } from '../support/browser'
import { startE2eServer, type E2eServer } from '../support/e2e-server'
import { chooseMunicipality, itemIdByTitle } from '../support/resident'

/**
 * What no one needs for the first look must not be asked for before it is painted: each such
 * request adds a step to the chain a slow phone waits through before the item shows (Lighthouse's
 * LCP on the poll fell from 2.2 s to 2.0 s when Voorlezen moved after the paint).
 */
const POLL = 'Mogen jongeren meepraten?'
/** The built Voorlezen chunk, by its name before the content hash. */
const READ_ALOUD_CHUNK = /\/ReadAloudButton-[\w-]+\.js$/
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
      await chooseMunicipality(page, server.url)
      const pollId = await itemIdByTitle(server.url, 'beverwijk', POLL)

      // The frame that paints the item: the first animation frame after its title is in the page.
      await page.addInitScript((title) => {
        const seen = { title: false }
        new MutationObserver(() => {
          if (seen.title || ![...document.querySelectorAll('main h1')].some((h) => h.textContent?.includes(title))) return
          seen.title = true
          requestAnimationFrame(() => {
            Reflect.set(window, 'itemFrameAt', performance.now())
          })
        }).observe(document, { childList: true, subtree: true })
      }, POLL)
      // A fresh document opening the poll link, as from a poster or a shared message.
      await page.goto(`${server.url}/items/${pollId}`)
      await page.getByRole('button', { name: 'Versturen' }).waitFor(UI_WAIT)
      // Once the chunk has been asked for: when, beside when the item's frame ran.
      const found = await page.waitForFunction(
        (source) => {
          const chunk = performance.getEntriesByType('resource').find((e) => new RegExp(source).test(e.name))
          return chunk && { itemFrameAt: (Reflect.get(window, 'itemFrameAt') as number | undefined) ?? null, requestedAt: chunk.startTime }
        },
        READ_ALOUD_CHUNK.source,
        UI_WAIT,
      )
      const order = (await found.jsonValue()) as { itemFrameAt: number | null; requestedAt: number }
      expect(order.itemFrameAt).not.toBeNull()
      // Order on the page's own main thread, not a duration: before, the code was asked for in the render that put the item in the page.
      expect(order.requestedAt).toBeGreaterThan(order.itemFrameAt as number)
    } finally {
      await context.close()
    }
  })
})
