import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import nl from '../../src/client/locales/nl.json'
import { launchBrowser, newContext, UI_WAIT } from '../support/browser'
import { startE2eServer, type E2eServer } from '../support/e2e-server'

/**
 * The Dutch texts are split at build time (scripts/vite/first-route-texts.ts): the first screens
 * (choosing a municipality, home, an item) must be complete without the lazy rest, which a visit
 * to a poll never downloads. Here the rest never arrives, and no screen may show a raw key instead
 * of its text; a lazy part of a first route (a table's sections) brings the rest with it.
 */
const KEYS = new Set(Object.keys(nl))
const TABLE = 'Tijdelijke tafel: hulp vinden als u het nodig heeft'
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

/** Words on the page that are text keys, such as `home.title`. */
async function rawKeys(page: Page): Promise<string[]> {
  const text = await page.locator('body').innerText()
  const labels = await page.locator('[aria-label]').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''))
  return [...`${text} ${labels.join(' ')}`.matchAll(/[A-Za-z][\w-]*(?:\.[\w-]+)+/g)].map((m) => m[0]).filter((word) => KEYS.has(word))
}

describe('the first screens without the rest of the texts', () => {
  it('choose, home and a poll show every text, with the lazy texts chunk blocked', async () => {
    const context = await newContext(browser)
    try {
      const page = await context.newPage()
      let blocked = 0
      await page.route(/\/assets\/rest-[\w-]+\.js$/, (route) => {
        blocked++
        return route.abort()
      })
      await page.goto(server.url)
      await page.waitForURL('**/kies-gemeente', UI_WAIT)
      await page.getByRole('radio', { name: /^Beverwijk/ }).waitFor(UI_WAIT)
      expect(await rawKeys(page)).toEqual([])

      await page.getByRole('radio', { name: /^Beverwijk/ }).check()
      await page.getByRole('button', { name: 'Kiezen' }).click()
      await page.waitForURL(`${server.url}/`, UI_WAIT)
      const poll = page.getByRole('link', { name: /Mogen jongeren meepraten/ }).first()
      await poll.waitFor(UI_WAIT)
      expect(await rawKeys(page)).toEqual([])

      await poll.click()
      await page.getByRole('button', { name: 'Versturen' }).waitFor(UI_WAIT)
      expect(await rawKeys(page)).toEqual([])
      await page.getByRole('radio').first().check()
      await page.getByRole('button', { name: 'Versturen' }).click()
      await page.getByText('Verstuurd', { exact: true }).first().waitFor(UI_WAIT)
      expect(await rawKeys(page)).toEqual([])
      // A visit that only answers a poll never asks for the rest: not even once the page has
      // settled and the service worker is in place (it precaches the file on its own).
      await page.waitForFunction(() => navigator.serviceWorker.ready.then(() => true), undefined, UI_WAIT)
      expect(blocked).toBe(0)
      // The check sees a raw key when there is one.
      await page.evaluate(() => document.querySelector('main')?.append(' table.formTitle '))
      expect(await rawKeys(page)).toEqual(['table.formTitle'])
    } finally {
      await context.close()
    }
  })

  it('a table opened first shows its sign-up texts, which its lazy parts bring with them', async () => {
    const context = await newContext(browser)
    try {
      const page = await context.newPage()
      await page.goto(server.url)
      await page.waitForURL('**/kies-gemeente', UI_WAIT)
      await page.getByRole('radio', { name: /^Beverwijk/ }).check()
      await page.getByRole('button', { name: 'Kiezen' }).click()
      await page.waitForURL(`${server.url}/`, UI_WAIT)
      await page.getByRole('link', { name: TABLE }).click()
      await page.getByRole('button', { name: 'Aanmelden', exact: true }).waitFor(UI_WAIT)
      expect(await rawKeys(page)).toEqual([])
    } finally {
      await context.close()
    }
  })
})
