import { existsSync } from 'node:fs'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** Debian's Chromium, headless; never a downloaded browser. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}. Install it with: apt-get install -y chromium (or set CHROMIUM_PATH).`)
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

/**
 * How long an e2e test waits for what it expects to appear (expect.poll, waitForURL, events).
 * Explicit, because Vitest's own expect.poll default is 1 s: too short for a loaded machine.
 */
export const UI_WAIT_MS = 15_000
/** Options for a wait: `expect.poll(fn, UI_WAIT)`, `page.waitForURL(url, UI_WAIT)`. */
export const UI_WAIT = { timeout: UI_WAIT_MS } as const
/** Playwright's limit for one action (click, fill, goto) in these tests; its own default, spelled out. */
export const ACTION_TIMEOUT_MS = 30_000

export const PHONE = { width: 360, height: 740 }
export const DESKTOP = { width: 1280, height: 900 }

export async function newContext(browser: Browser, viewport = PHONE): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, locale: 'nl-NL', serviceWorkers: 'allow' })
  context.setDefaultTimeout(ACTION_TIMEOUT_MS)
  context.setDefaultNavigationTimeout(ACTION_TIMEOUT_MS)
  return context
}

/**
 * Waits until the service worker has installed (the app shell is precached) and controls the
 * page. The app asks before taking over (no skipWaiting/clientsClaim), so a first visit is
 * controlled only after one reload.
 */
export async function waitForServiceWorker(page: Page): Promise<void> {
  // `ready` resolves once a worker is active, i.e. the precache is complete.
  await page.waitForFunction(() => navigator.serviceWorker.ready.then(() => true), undefined, { timeout: 30_000 })
  if (!(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)))) await page.reload()
  await page.waitForFunction(() => Boolean(navigator.serviceWorker.controller), undefined, { timeout: 30_000, polling: 250 })
}
