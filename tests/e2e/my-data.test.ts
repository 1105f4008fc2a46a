import { readFile } from 'node:fs/promises'
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
  // Residents see counts only from 5 devices: others answer first, so the counts can be compared.
  await givenOtherResidentsAnswered(server.url, await itemIdByTitle(server.url, 'beverwijk', POLL))
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

/** Answers the demo poll and waits until the server has it. */
async function answerPoll(page: Page): Promise<void> {
  await page.getByRole('link', { name: POLL }).click()
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), UI_WAIT).toBe(POLL)
  await page.getByRole('radio', { name: 'Ja', exact: true }).check()
  await page.getByRole('button', { name: 'Versturen' }).click()
  await expect.poll(() => page.getByText('Verstuurd', { exact: true }).count(), { timeout: 20_000 }).toBeGreaterThan(0)
}

/** Opens "Mijn gegevens" the way a resident does: from the profile page. */
async function openMyData(page: Page): Promise<void> {
  await page.goto(`${server.url}/profiel`)
  await page.getByRole('link', { name: /^Mijn gegevens/ }).click()
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), UI_WAIT).toBe('Mijn gegevens')
}

/** The device ids the page sent in `Authorization: Device`, in order. */
function deviceIdsSent(page: Page): string[] {
  const ids: string[] = []
  page.on('request', (request) => {
    const id = /^Device (\S+)$/.exec(request.headers().authorization ?? '')?.[1]
    if (id && !ids.includes(id)) ids.push(id)
  })
  return ids
}

const heldFor = async (deviceId: string) => (await (await fetch(`${server.url}/api/me/data`, { headers: { authorization: `Device ${deviceId}` } })).json()) as { answers: unknown[] }

describe('Mijn gegevens (Chromium, 360 px)', () => {
  it('shows what the server holds, downloads it as JSON and erases it all after a confirmation about final results', async () => {
    const itemId = await itemIdByTitle(server.url, 'beverwijk', POLL)
    const before = await respondents(server.url, itemId)
    const context = await newContext(browser)
    const page = await context.newPage()
    const ids = deviceIdsSent(page)
    await chooseMunicipality(page, server.url)
    await answerPoll(page)
    expect(await respondents(server.url, itemId)).toBe(before + 1)

    await openMyData(page)
    await expect.poll(() => page.getByTestId('my-data-answers').textContent(), UI_WAIT).toContain(POLL)
    const violations = await axeViolations(page)
    expect(violations, describeViolations(violations)).toEqual([])
    const sideways = () => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth)
    expect(await sideways()).toBe(false)
    // 200% zoom on a 360 px phone is a 180 px wide layout.
    await page.setViewportSize({ width: 180, height: 740 })
    expect(await sideways()).toBe(false)
    await page.setViewportSize({ width: 360, height: 740 })

    const [download] = await Promise.all([page.waitForEvent('download', UI_WAIT), page.getByTestId('my-data-download').click()])
    const file = JSON.parse(await readFile((await download.path())!, 'utf8')) as { answers: { itemTitle: string; answers: Record<string, unknown> }[] }
    expect(file.answers).toEqual([expect.objectContaining({ itemTitle: POLL, answers: expect.objectContaining({}) })])

    await page.getByRole('button', { name: 'Wis alles' }).click()
    await expect.poll(() => page.getByTestId('erase-confirm-text').textContent(), UI_WAIT).toMatch(/definitief.*anoniem aantal/)
    const confirmViolations = await axeViolations(page)
    expect(confirmViolations, describeViolations(confirmViolations)).toEqual([])
    await page.getByRole('button', { name: 'Ja, wis alles' }).click()
    await expect.poll(() => page.getByText('Alles is gewist, op de server en op deze telefoon.').count(), UI_WAIT).toBe(1)

    // The poll is open: the erased answer no longer counts, and the server holds nothing for the old id.
    expect(await respondents(server.url, itemId)).toBe(before)
    const [oldId] = ids
    expect((await heldFor(oldId!)).answers).toEqual([])
    // The phone starts afresh: "Mijn inbreng" is empty and a new device id is used from now on.
    await page.goto(`${server.url}/mijn-inbreng`)
    await expect.poll(() => page.getByText('Verstuurd', { exact: true }).count(), UI_WAIT).toBe(0)
    await openMyData(page)
    await expect.poll(() => page.getByTestId('my-data-empty').count(), UI_WAIT).toBe(1)
    expect(ids.length).toBe(2)
    await context.close()
  })

  it('offline, keeps the erasure waiting in the outbox and says so, then erases exactly once when back online', async () => {
    const itemId = await itemIdByTitle(server.url, 'beverwijk', POLL)
    const before = await respondents(server.url, itemId)
    const context = await newContext(browser)
    const page = await context.newPage()
    const erasures: string[] = []
    page.on('request', (request) => {
      if (request.method() === 'DELETE' && new URL(request.url()).pathname === '/api/me') erasures.push(request.headers().authorization ?? '')
    })
    await chooseMunicipality(page, server.url)
    await waitForServiceWorker(page)
    await answerPoll(page)
    await openMyData(page)
    await expect.poll(() => page.getByTestId('my-data-answers').count(), UI_WAIT).toBe(1)

    await context.setOffline(true)
    await page.getByRole('button', { name: 'Wis alles' }).click()
    await page.getByRole('button', { name: 'Ja, wis alles' }).click()
    await expect.poll(() => page.getByTestId('erase-waiting').textContent(), UI_WAIT).toContain('wacht tot je weer internet hebt')
    const violations = await axeViolations(page)
    expect(violations, describeViolations(violations)).toEqual([])
    expect(erasures).toEqual([])
    expect(await respondents(server.url, itemId)).toBe(before + 1)

    await context.setOffline(false)
    await expect.poll(() => respondents(server.url, itemId), { timeout: 20_000 }).toBe(before)
    await expect.poll(() => page.getByTestId('erase-waiting').count(), UI_WAIT).toBe(0)
    // Later syncs and a reload send nothing more: the erasure ran once.
    await page.reload()
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), UI_WAIT).toBe('Mijn gegevens')
    await expect.poll(() => page.getByTestId('my-data-empty').count(), UI_WAIT).toBe(1)
    expect(erasures).toHaveLength(1)
    await context.close()
  })
})
