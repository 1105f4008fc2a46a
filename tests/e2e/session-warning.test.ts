import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { axeViolations, describeViolations } from '../support/axe'
import { launchBrowser, newContext, PHONE, UI_WAIT } from '../support/browser'
import { createOfficialViaCli, startE2eServer, type E2eServer } from '../support/e2e-server'

const EMAIL = 'tijd@beverwijk.nl'
const PASSWORD = 'zonnige-dag-aan-zee'
/** The shortest idle time-out the server accepts: the warning then comes after 30 s of rest. */
const IDLE_SECONDS = 150
/** Waits for the warning and the time-out: past their moment, with room for a slow machine. */
const WARNING_WAIT = { timeout: (IDLE_SECONDS - 120 + 30) * 1000 }
const EXPIRY_WAIT = { timeout: (IDLE_SECONDS + 30) * 1000 }
let server: E2eServer
let browser: Browser

beforeAll(async () => {
  server = await startE2eServer({ SESSION_IDLE_SECONDS: String(IDLE_SECONDS) })
  await createOfficialViaCli(server, { email: EMAIL, password: PASSWORD, municipality: 'beverwijk', role: 'official' })
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

async function signIn(page: Page): Promise<void> {
  await page.locator('#login-email').fill(EMAIL)
  await page.locator('#login-password').fill(PASSWORD)
  await page.getByRole('button', { name: 'Inloggen' }).click()
}

describe('a session that warns (Chromium, short idle time-out)', () => {
  it('warns two minutes before the time-out, stays signed in on request, and offers an unsaved draft back after the time-out', { timeout: 480_000 }, async () => {
    const context = await newContext(browser, PHONE)
    const page = await context.newPage()
    await page.goto(`${server.url}/beheer/items/nieuw`)
    await page.waitForURL('**/beheer/inloggen**', UI_WAIT)
    await signIn(page)
    await page.waitForURL('**/beheer/items/nieuw', UI_WAIT)
    await page.locator('#item-title').fill('Nieuwe bankjes in het park')

    const warning = page.getByRole('alertdialog', { name: 'Blijf je ingelogd?' })
    await expect.poll(() => warning.count(), WARNING_WAIT).toBe(1)
    // The button to stay gets the focus, so a keyboard or screen-reader user is at it at once.
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Ingelogd blijven')
    const violations = await axeViolations(page)
    expect(violations, describeViolations(violations)).toEqual([])

    const renewed = page.waitForResponse((r) => r.url().endsWith('/api/auth/me') && r.status() === 200, UI_WAIT)
    await page.keyboard.press('Enter')
    await renewed
    await expect.poll(() => warning.count(), UI_WAIT).toBe(0)
    expect(page.url()).toMatch(/\/beheer\/items\/nieuw$/)

    // Now nothing more is done: the warning comes again, and then the time-out.
    await expect.poll(() => warning.count(), WARNING_WAIT).toBe(1)
    await page.waitForURL('**/beheer/inloggen**', EXPIRY_WAIT)
    await signIn(page)
    await page.waitForURL('**/beheer/items/nieuw', UI_WAIT)
    const offer = page.getByTestId('kept-draft')
    await expect.poll(() => offer.count(), UI_WAIT).toBe(1)
    const offered = await axeViolations(page)
    expect(offered, describeViolations(offered)).toEqual([])
    await page.getByRole('button', { name: 'Verder met mijn tekst' }).click()
    expect(await page.locator('#item-title').inputValue()).toBe('Nieuwe bankjes in het park')
    await context.close()
  })
})
