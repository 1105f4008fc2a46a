import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { axeViolations, describeViolations } from '../support/axe'
import { DESKTOP, launchBrowser, newContext, PHONE, UI_WAIT, waitForServiceWorker } from '../support/browser'
import { startE2eServer, type E2eServer } from '../support/e2e-server'
import { chooseMunicipality } from '../support/resident'

const HOME_NL = 'Praat mee over je gemeente'
const HOME_EN = 'Have your say in your municipality'
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

describe('resident app (Chromium)', () => {
  it('shows the demo items of the chosen municipality on the home page, grouped by kind', async () => {
    const context = await newContext(browser)
    const page = await context.newPage()
    await chooseMunicipality(page, server.url)
    await expect.poll(() => page.getByRole('link', { name: 'Mogen jongeren meepraten?' }).count(), UI_WAIT).toBe(1)
    await expect.poll(() => page.getByRole('link', { name: 'Wat maakt het moeilijk om hulp te vinden?' }).count(), UI_WAIT).toBe(1)
    await expect.poll(() => page.getByRole('heading', { name: 'Flitspeilingen' }).count(), UI_WAIT).toBe(1)
    await context.close()
  })

  it('switches to English and back, loading English only when asked', async () => {
    const context = await newContext(browser)
    const page = await context.newPage()
    const englishLoaded: string[] = []
    page.on('request', (r) => {
      if (/\/assets\/en-[^/]*\.js$/.test(r.url())) englishLoaded.push(r.url())
    })
    await chooseMunicipality(page, server.url)
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), UI_WAIT).toBe(HOME_NL)
    expect(englishLoaded).toEqual([])
    await page.getByRole('button', { name: 'English' }).click()
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), UI_WAIT).toBe(HOME_EN)
    await expect.poll(() => page.evaluate(() => document.documentElement.lang), UI_WAIT).toBe('en')
    // One file; the service worker, taking over a first visit, may fetch it once more to keep it.
    expect(new Set(englishLoaded).size).toBe(1)
    await page.reload()
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), UI_WAIT).toBe(HOME_EN)
    await page.getByRole('button', { name: 'Nederlands' }).click()
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), UI_WAIT).toBe(HOME_NL)
    await context.close()
  })

  it('opens in English offline after one English visit, though English is not precached', async () => {
    const context = await newContext(browser)
    const page = await context.newPage()
    await chooseMunicipality(page, server.url)
    await page.getByRole('button', { name: 'English' }).click()
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), UI_WAIT).toBe(HOME_EN)
    await waitForServiceWorker(page)
    // The service worker's run-time cache holds the English texts (however they first arrived).
    const cachedEnglish = () =>
      page.evaluate(async () => {
        const cache = await caches.open('meepraat-english')
        return (await cache.keys()).filter((request) => /\/assets\/en-[^/]*\.js$/.test(request.url)).length
      })
    await expect.poll(cachedEnglish, { timeout: 15_000 }).toBe(1)

    await context.setOffline(true)
    await page.reload()
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), UI_WAIT).toBe(HOME_EN)
    await expect.poll(() => page.evaluate(() => document.documentElement.lang), UI_WAIT).toBe('en')
    await context.close()
  })

  it('opens with the last-seen items and an offline banner when the network is cut and the page reloaded', async () => {
    const context = await newContext(browser)
    const page = await context.newPage()
    await chooseMunicipality(page, server.url)
    await expect.poll(() => page.getByRole('link', { name: 'Mogen jongeren meepraten?' }).count(), UI_WAIT).toBe(1)
    await waitForServiceWorker(page)

    await context.setOffline(true)
    await page.reload()
    await expect.poll(() => page.getByRole('link', { name: 'Mogen jongeren meepraten?' }).count(), UI_WAIT).toBe(1)
    await expect.poll(() => page.getByText('Je bent offline.').count(), UI_WAIT).toBeGreaterThan(0)
    await page.getByRole('link', { name: 'Mogen jongeren meepraten?' }).click()
    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Mogen jongeren meepraten?' }).count(), UI_WAIT).toBe(1)
    await context.close()
  })

  for (const [label, viewport] of [['360 px', PHONE], ['1280 px', DESKTOP]] as const) {
    it(`has no WCAG 2.1 A/AA violations on home and an item page at ${label}`, async () => {
      const context = await newContext(browser, viewport)
      const page = await context.newPage()
      await chooseMunicipality(page, server.url)
      await expect.poll(() => page.getByRole('link', { name: 'Mogen jongeren meepraten?' }).count(), UI_WAIT).toBe(1)
      const home = await axeViolations(page)
      expect(home, describeViolations(home)).toEqual([])

      await page.getByRole('link', { name: 'Wat maakt het moeilijk om hulp te vinden?' }).click()
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), UI_WAIT).toBe('Wat maakt het moeilijk om hulp te vinden?')
      await expect.poll(() => page.getByText('Wat gebeurt er met je antwoord').count(), UI_WAIT).toBeGreaterThan(0)
      const item = await axeViolations(page)
      expect(item, describeViolations(item)).toEqual([])
      await context.close()
    })
  }

  it('serves hashed assets as immutable and index.html and sw.js as no-cache, with a strict CSP', async () => {
    const index = await fetch(`${server.url}/`)
    expect(index.headers.get('cache-control')).toBe('no-cache')
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'")
    const html = await index.text()
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1]
    expect(asset).toBeTruthy()
    expect((await fetch(`${server.url}${asset}`)).headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect((await fetch(`${server.url}/sw.js`)).headers.get('cache-control')).toBe('no-cache')
    const manifest = (await (await fetch(`${server.url}/manifest.webmanifest`)).json()) as { display: string; icons: { purpose?: string }[] }
    expect(manifest.display).toBe('standalone')
    expect(manifest.icons.some((i) => i.purpose === 'maskable')).toBe(true)
    const deepLink = await fetch(`${server.url}/items/00000000-0000-4000-8000-000000000000`)
    expect(deepLink.status).toBe(200)
    expect(await deepLink.text()).toContain('<div id="app"')
    const api404 = await fetch(`${server.url}/api/nope`)
    expect(api404.status).toBe(404)
    expect(((await api404.json()) as { error: { code: string } }).error.code).toBe('not_found')
  })
})
