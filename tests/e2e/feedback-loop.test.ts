import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { axeViolations, describeViolations } from '../support/axe'
import { launchBrowser, newContext, UI_WAIT } from '../support/browser'
import { createOfficialViaCli, startE2eServer, type E2eServer } from '../support/e2e-server'
import { officialHttpSession } from '../support/official-http'
import { chooseMunicipality, itemIdByTitle } from '../support/resident'

const POLL = 'Welke plekken in je buurt zijn belangrijk?'
const FEEDBACK = 'Jullie kozen vooral veilige fietspaden. Die leggen we in 2027 aan.'
let server: E2eServer
let browser: Browser

beforeAll(async () => {
  server = await startE2eServer()
  await createOfficialViaCli(server, { email: 'ambtenaar@heemskerk.nl', password: 'groene-fiets-op-dijk', municipality: 'heemskerk', role: 'official' })
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

describe('feedback reaches residents (Chromium)', () => {
  it('shows feedback published while the phone was offline as a badge and text on Mijn inbreng and the item page', async () => {
    const context = await newContext(browser)
    const page = await context.newPage()
    await chooseMunicipality(page, server.url, 'Heemskerk')
    await page.getByRole('link', { name: POLL }).click()
    await page.getByRole('checkbox', { name: 'Veilige fietspaden' }).check()
    await page.getByRole('button', { name: 'Versturen' }).click()
    await expect.poll(() => page.getByText('Verstuurd', { exact: true }).count(), { timeout: 20_000 }).toBeGreaterThan(0)

    await page.getByRole('button', { name: 'Menu' }).click()
    await page.getByRole('link', { name: 'Mijn inbreng' }).first().click()
    await page.waitForURL('**/mijn-inbreng', UI_WAIT)
    await context.setOffline(true)
    const itemId = await itemIdByTitle(server.url, 'heemskerk', POLL)
    const official = await officialHttpSession(server.url, 'ambtenaar@heemskerk.nl', 'groene-fiets-op-dijk')
    const published = await official.post(`/api/items/${itemId}/feedback`, { outcome: 'adopted', summary: FEEDBACK })
    expect(published.status).toBe(201)

    await context.setOffline(false)
    const badge = page.locator('[data-testid="inbox-badge"]')
    await expect.poll(async () => ((await badge.count()) > 0 ? badge.first().textContent() : ''), { timeout: 30_000 }).toContain('1 nieuw bericht over je inbreng')
    await expect.poll(() => page.locator('[data-testid="my-input-feedback"]').first().textContent(), { timeout: 15_000 }).toContain(FEEDBACK)
    const mine = await axeViolations(page)
    expect(mine, describeViolations(mine)).toEqual([])

    await page.goto(`${server.url}/items/${itemId}`)
    await expect.poll(() => page.locator('section#terugkoppeling').textContent(), { timeout: 15_000 }).toContain(FEEDBACK)
    await expect.poll(() => page.locator('section#terugkoppeling').textContent(), UI_WAIT).toContain('Overgenomen')
    const item = await axeViolations(page)
    expect(item, describeViolations(item)).toEqual([])
    await expect.poll(() => page.locator('[data-testid="inbox-badge"]').count(), { timeout: 15_000 }).toBe(0)
    await context.close()
  })

  it('has no WCAG 2.1 A/AA violations on "Jij zei, wij deden"', async () => {
    const context = await newContext(browser)
    const page = await context.newPage()
    await chooseMunicipality(page, server.url, 'Heemskerk')
    await page.goto(`${server.url}/jij-zei-wij-deden`)
    await expect.poll(() => page.getByText('Jongerenavond in het centrum').count(), { timeout: 15_000 }).toBeGreaterThan(0)
    const violations = await axeViolations(page)
    expect(violations, describeViolations(violations)).toEqual([])
    await context.close()
  })
})
