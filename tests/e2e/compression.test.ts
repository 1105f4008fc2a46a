import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Response } from 'playwright-core'
import { launchBrowser, newContext, UI_WAIT } from '../support/browser'
import { startE2eServer, type E2eServer } from '../support/e2e-server'

/**
 * Issue 15 item 1, seen from the browser: Chromium asks for brotli, and the built assets it loads
 * (page, scripts, styles) come as the precompressed brotli copies, with `Vary: Accept-Encoding`.
 * Files under 1 KiB have no copy (scripts/precompress.ts: too small to gain) and come as they are.
 */
const dist = fileURLToPath(new URL('../../dist/client', import.meta.url))
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

describe('compressed assets in Chromium', () => {
  it('loads the residents\' page, its scripts and its styles as brotli', async () => {
    const context = await newContext(browser)
    try {
      const page = await context.newPage()
      const responses: Response[] = []
      page.on('response', (response) => {
        if (new URL(response.url()).pathname.startsWith('/assets/')) responses.push(response)
      })
      const document = await page.goto(`${server.url}/kies-gemeente`)
      await expect.poll(() => page.locator('h1').count(), UI_WAIT).toBeGreaterThan(0)
      expect(await document!.request().headerValue('accept-encoding')).toMatch(/\bbr\b/)
      expect(await document!.headerValue('content-encoding')).toBe('br')

      const assets = responses.filter((r) => /\.(js|css)$/.test(new URL(r.url()).pathname) && existsSync(`${dist}${new URL(r.url()).pathname}.br`))
      // The residents' start-up file and the route's own (the page needs few files: vite.config.ts).
      expect(assets.filter((r) => /\/assets\/(resident|route-choose)-[\w-]+\.js$/.test(new URL(r.url()).pathname)).length).toBe(2)
      expect(assets.some((r) => r.url().endsWith('.css'))).toBe(true)
      const encodings = await Promise.all(assets.map(async (r) => [new URL(r.url()).pathname, await r.headerValue('content-encoding'), await r.headerValue('vary')] as const))
      for (const [path, encoding, vary] of encodings) {
        expect(encoding, path).toBe('br')
        expect(vary, path).toMatch(/accept-encoding/i)
      }
    } finally {
      await context.close()
    }
  })
})
