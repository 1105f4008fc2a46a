import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { axeViolations, describeViolations } from '../support/axe'
import { launchBrowser, newContext, UI_WAIT, waitForServiceWorker } from '../support/browser'
import { startE2eServer, type E2eServer } from '../support/e2e-server'
import { chooseMunicipality, givenOtherResidentsAnswered, itemIdByTitle, respondents } from '../support/resident'

const POLL = 'Mogen jongeren meepraten?'
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

async function openPoll(page: Page): Promise<void> {
  await page.getByRole('link', { name: POLL }).click()
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), UI_WAIT).toBe(POLL)
}

async function answerPoll(page: Page, choice: 'Ja' | 'Nee'): Promise<void> {
  await page.getByRole('radio', { name: choice, exact: true }).check()
  await page.getByRole('button', { name: 'Versturen' }).click()
}

describe('answering (Chromium)', () => {
  it('keeps an answer given offline through a reload and sends it exactly once when back online', async () => {
    const itemId = await itemIdByTitle(server.url, 'beverwijk', POLL)
    await givenOtherResidentsAnswered(server.url, itemId)
    const before = await respondents(server.url, itemId)
    const context = await newContext(browser)
    const page = await context.newPage()
    await chooseMunicipality(page, server.url)
    await expect.poll(() => page.getByRole('link', { name: POLL }).count(), UI_WAIT).toBe(1)
    await waitForServiceWorker(page)

    await context.setOffline(true)
    await openPoll(page)
    await answerPoll(page, 'Ja')
    await expect.poll(() => page.getByText('Opgeslagen op je telefoon', { exact: true }).count(), UI_WAIT).toBeGreaterThan(0)

    await page.reload()
    await page.goto(`${server.url}/mijn-inbreng`)
    await expect.poll(() => page.getByText('Opgeslagen op je telefoon', { exact: true }).count(), UI_WAIT).toBeGreaterThan(0)
    await expect.poll(() => page.getByText(/1 antwoord wacht/).count(), UI_WAIT).toBeGreaterThan(0)
    expect(await respondents(server.url, itemId)).toBe(before)

    await context.setOffline(false)
    await expect.poll(() => page.getByText('Verstuurd', { exact: true }).count(), { timeout: 20_000 }).toBeGreaterThan(0)
    expect(await respondents(server.url, itemId)).toBe(before + 1)
    // Nothing is sent twice, however often the app syncs afterwards.
    await page.reload()
    await expect.poll(() => page.getByText('Verstuurd', { exact: true }).count(), UI_WAIT).toBeGreaterThan(0)
    expect(await respondents(server.url, itemId)).toBe(before + 1)
    await context.close()
  })

  it('stores exactly one copy when the server is killed while a batch is in flight', async () => {
    const itemId = await itemIdByTitle(server.url, 'beverwijk', POLL)
    await givenOtherResidentsAnswered(server.url, itemId)
    const before = await respondents(server.url, itemId)
    const context = await newContext(browser)
    const page = await context.newPage()
    await chooseMunicipality(page, server.url)
    await expect.poll(() => page.getByRole('link', { name: POLL }).count(), UI_WAIT).toBe(1)

    // The first upload reaches the server, which stores it; then the server process is killed
    // before the phone hears back, so the phone must retry against the restarted server.
    let intercepted = false
    await page.route('**/api/submissions', async (route) => {
      if (intercepted) return route.continue()
      intercepted = true
      await route.fetch()
      await server.restart('SIGKILL')
      await route.abort('connectionreset')
    })
    await openPoll(page)
    await answerPoll(page, 'Nee')
    await expect.poll(() => intercepted, { timeout: 20_000 }).toBe(true)
    await expect.poll(() => page.getByText('Verstuurd', { exact: true }).count(), { timeout: 60_000 }).toBeGreaterThan(0)
    expect(await respondents(server.url, itemId)).toBe(before + 1)
    await context.close()
  })

  it('has no WCAG 2.1 A/AA violations on the answering, results and Mijn inbreng pages', async () => {
    const context = await newContext(browser)
    const page = await context.newPage()
    // Results show from 5 devices on: others answered before this resident.
    await givenOtherResidentsAnswered(server.url, await itemIdByTitle(server.url, 'velsen', POLL))
    await chooseMunicipality(page, server.url, 'Velsen')
    await expect.poll(() => page.getByRole('link', { name: POLL }).count(), UI_WAIT).toBe(1)
    await openPoll(page)
    const form = await axeViolations(page)
    expect(form, describeViolations(form)).toEqual([])
    await page.getByRole('button', { name: 'Versturen' }).click()
    await expect.poll(() => page.getByText('Nog niet alles is goed ingevuld').count(), UI_WAIT).toBeGreaterThan(0)
    const errors = await axeViolations(page)
    expect(errors, describeViolations(errors)).toEqual([])
    await answerPoll(page, 'Ja')
    await expect.poll(() => page.getByText('Verstuurd', { exact: true }).count(), { timeout: 20_000 }).toBeGreaterThan(0)
    await expect.poll(() => page.locator('table').count(), { timeout: 20_000 }).toBeGreaterThan(0)
    const results = await axeViolations(page)
    expect(results, describeViolations(results)).toEqual([])
    await page.goto(`${server.url}/mijn-inbreng`)
    await expect.poll(() => page.getByText('Verstuurd', { exact: true }).count(), UI_WAIT).toBeGreaterThan(0)
    const mine = await axeViolations(page)
    expect(mine, describeViolations(mine)).toEqual([])
    await context.close()
  })
})
