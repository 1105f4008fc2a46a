import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { ItemList } from '../../src/shared/schemas/item'
import { axeViolations, describeViolations } from '../support/axe'
import { DESKTOP, launchBrowser, newContext, PHONE, UI_WAIT } from '../support/browser'
import { createOfficialViaCli, startE2eServer, type E2eServer } from '../support/e2e-server'
import { chooseMunicipality } from '../support/resident'

/**
 * The demo's item for the whole IJmond region ("Rondkomen met uw geld", written in Beverwijk):
 * a resident of Heemskerk sees and answers it with the region named, a region official gets the
 * region choice on a new item, and a plain Beverwijk official reads it, and its input per
 * municipality, without any way to change it.
 */
const PASSWORD = 'zonnige-dag-aan-zee'
const REGIONAL_TITLE = 'Rondkomen met uw geld'
let server: E2eServer
let browser: Browser

beforeAll(async () => {
  server = await startE2eServer()
  await createOfficialViaCli(server, { email: 'regio@velsen.nl', password: PASSWORD, municipality: 'velsen', role: 'official', region: 'ijmond' })
  await createOfficialViaCli(server, { email: 'els@beverwijk.nl', password: PASSWORD, municipality: 'beverwijk', role: 'official' })
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto(`${server.url}/beheer`)
  await page.waitForURL('**/beheer/inloggen**', UI_WAIT)
  await page.locator('#login-email').fill(email)
  await page.locator('#login-password').fill(PASSWORD)
  await page.getByRole('button', { name: 'Inloggen' }).click()
  await expect.poll(() => page.getByRole('link', { name: 'Nieuw item', exact: true }).count(), UI_WAIT).toBe(1)
}

async function expectNoViolations(page: Page, where: string): Promise<void> {
  const violations = await axeViolations(page)
  expect(violations, `${where}\n${describeViolations(violations)}`).toEqual([])
}

async function regionalItemId(): Promise<string> {
  const list = (await (await fetch(`${server.url}/api/items?municipality=heemskerk`)).json()) as ItemList
  const item = list.items.find((i) => i.title === REGIONAL_TITLE && i.regionSlug === 'ijmond')
  expect(item).toBeTruthy()
  return item!.id
}

describe('regional items (Chromium)', () => {
  it('a Heemskerk resident sees the IJmond item named as such, answers it, and it counts under Heemskerk', async () => {
    const context = await newContext(browser, PHONE)
    const resident = await context.newPage()
    await chooseMunicipality(resident, server.url, 'Heemskerk')
    const card = resident.locator('li.mp-card', { hasText: REGIONAL_TITLE })
    await expect.poll(() => card.textContent(), UI_WAIT).toContain('Voor de hele regio IJmond')
    await expectNoViolations(resident, 'home with a regional item')
    await card.getByRole('link', { name: REGIONAL_TITLE }).click()
    await expect.poll(() => resident.locator('.mp-kind').textContent(), UI_WAIT).toContain('Voor de hele regio IJmond')
    await resident.getByRole('checkbox', { name: 'Hulp bij formulieren' }).check()
    await resident.getByRole('button', { name: 'Versturen' }).click()
    await expect.poll(() => resident.getByText('Verstuurd', { exact: true }).count(), { timeout: 20_000 }).toBeGreaterThan(0)
    await context.close()

    // The region official's export has the answer under Heemskerk.
    const official = await (await newContext(browser, DESKTOP)).newPage()
    await signIn(official, 'regio@velsen.nl')
    const csv = await official.evaluate(async (url) => (await fetch(url)).text(), `${server.url}/api/official/items/${await regionalItemId()}/export?format=csv`)
    const [header, ...rows] = csv.replace(/^\uFEFF/, '').trim().split('\r\n')
    expect(header!.split(',')[4]).toBe('municipality')
    expect(rows.map((r) => r.split(',')[4])).toEqual(['heemskerk'])
  })

  it('a region official can make a new item for the whole region; the editor has no accessibility violations', async () => {
    const page = await (await newContext(browser, DESKTOP)).newPage()
    await signIn(page, 'regio@velsen.nl')
    await page.getByRole('link', { name: 'Nieuw item', exact: true }).click()
    const choice = page.getByRole('checkbox', { name: 'Voor de hele regio IJmond' })
    await expect.poll(() => choice.count(), UI_WAIT).toBe(1)
    await choice.check()
    await expectNoViolations(page, 'item editor of a region official')
  })

  it('a Beverwijk official reads the IJmond item and its input per municipality, without edit, publish, close or feedback (at 360 px)', async () => {
    const page = await (await newContext(browser, PHONE)).newPage()
    const scrollsSideways = () => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth)
    await signIn(page, 'els@beverwijk.nl')
    const row = page.locator('tr', { hasText: REGIONAL_TITLE })
    await expect.poll(() => row.textContent(), UI_WAIT).toContain('Alleen lezen')
    expect(await scrollsSideways(), 'start page').toBe(false)
    const id = await regionalItemId()
    await page.goto(`${server.url}/beheer/items/${id}`)
    await expect.poll(() => page.locator('[data-testid="read-only"]').count(), UI_WAIT).toBe(1)
    for (const action of ['save', 'publish', 'close']) expect(await page.locator(`[data-action="${action}"]`).count(), action).toBe(0)
    await expectNoViolations(page, 'read-only regional item')
    expect(await scrollsSideways(), 'read-only item').toBe(false)
    await page.goto(`${server.url}/beheer/items/${id}/inbreng`)
    await expect.poll(() => page.getByRole('heading', { name: 'Per gemeente' }).count(), UI_WAIT).toBe(1)
    await expect.poll(() => page.locator('section[aria-labelledby="by-municipality"] tbody th').allTextContents(), UI_WAIT).toContain('Heemskerk')
    await expectNoViolations(page, 'input of a regional item')
    expect(await scrollsSideways(), 'input page').toBe(false)
  })
})
