import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { Item } from '../../src/shared/schemas/item'
import { axeViolations, describeViolations } from '../support/axe'
import { DESKTOP, launchBrowser, newContext, PHONE, UI_WAIT } from '../support/browser'
import { createOfficialViaCli, startE2eServer, type E2eServer } from '../support/e2e-server'
import { officialHttpSession } from '../support/official-http'
import { chooseMunicipality, itemIdByTitle } from '../support/resident'

const TABLE = 'Tijdelijke tafel: hulp vinden als u het nodig heeft'
const EMAIL = 'tafels@beverwijk.nl'
const PASSWORD = 'lange-tafel-in-het-dorpshuis'
let server: E2eServer
let browser: Browser

beforeAll(async () => {
  server = await startE2eServer()
  await createOfficialViaCli(server, { email: EMAIL, password: PASSWORD, municipality: 'beverwijk', role: 'admin' })
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

/** The path and query of the latest e-mail confirmation link to `to` in the server's development mail file. */
function confirmationLinkTo(to: string): string | undefined {
  const file = path.join(server.dataDir, 'mail', 'outbox.jsonl')
  if (!existsSync(file)) return undefined
  const messages = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { to: string; text: string })
  const text = messages.filter((m) => m.to === to && m.text.includes('/contact-bevestigen#t=')).at(-1)?.text
  return /(\/contact-bevestigen#t=[A-Za-z0-9_-]+)/.exec(text ?? '')?.[1]
}

async function expectNoViolations(page: Page, where: string): Promise<void> {
  const violations = await axeViolations(page)
  expect(violations, `${where}\n${describeViolations(violations)}`).toEqual([])
}

describe('tijdelijke tafels (Chromium)', () => {
  it('lets a resident sign up on a phone, an official run the draw, and the resident see the outcome', async () => {
    const tableId = await itemIdByTitle(server.url, 'beverwijk', TABLE)
    const residentContext = await newContext(browser, PHONE)
    const resident = await residentContext.newPage()
    await chooseMunicipality(resident, server.url)
    await resident.getByRole('link', { name: TABLE }).click()
    await expect.poll(() => resident.locator('#q-reg-name-input').count(), { timeout: 15_000 }).toBe(1)
    await expectNoViolations(resident, 'table item page with sign-up form')

    await resident.locator('#q-reg-name-input').fill('Fatima')
    await resident.locator('#q-reg-contact-value-input').fill('fatima@example.nl')
    await resident.getByRole('radio', { name: '24 tot en met 64 jaar' }).check()
    await resident.getByRole('checkbox', { name: /^Cliënt/ }).check()
    await resident.getByRole('checkbox', { name: 'Ik geef toestemming om mijn gegevens hiervoor te gebruiken.' }).check()
    await resident.getByRole('button', { name: 'Aanmelden', exact: true }).click()
    await expect.poll(() => resident.locator('[data-testid="registration-state"]').textContent(), { timeout: 20_000 }).toContain('Verstuurd')
    await expectNoViolations(resident, 'table item page after sign-up')

    // The e-mail address counts only after its owner opens the link (issue 13): until then the app says so.
    await resident.goto(`${server.url}/mijn-inbreng`)
    await expect.poll(() => resident.locator('[data-testid="signup-status"]').first().textContent(), { timeout: 30_000 }).toContain('Kijk in je e-mail.')
    await expect.poll(() => confirmationLinkTo('fatima@example.nl'), { timeout: 15_000 }).toBeTruthy()
    await resident.goto(`${server.url}${confirmationLinkTo('fatima@example.nl')}`)
    await expect.poll(() => resident.getByRole('button', { name: 'Bevestigen' }).count(), { timeout: 15_000 }).toBe(1)
    await expectNoViolations(resident, 'contact confirmation page')
    await resident.getByRole('button', { name: 'Bevestigen' }).click()
    await expect.poll(() => resident.getByText('Je e-mailadres is bevestigd.').count(), { timeout: 15_000 }).toBeGreaterThan(0)
    await expectNoViolations(resident, 'contact confirmation page, confirmed')

    // Sign-up closes (the official moves the window into the past), then the official draws.
    const api = await officialHttpSession(server.url, EMAIL, PASSWORD)
    const item = (await (await fetch(`${server.url}/api/items/${tableId}`)).json()) as Item
    const now = Date.now()
    const closed = await api.put(`/api/official/items/${tableId}/table`, {
      assignment: { ...item.table!.assignment, signupOpensAt: new Date(now - 86_400_000).toISOString(), signupClosesAt: new Date(now - 1000).toISOString() },
    })
    expect(closed.status).toBe(200)

    const officialContext = await newContext(browser, DESKTOP)
    const official = await officialContext.newPage()
    await official.goto(`${server.url}/beheer/inloggen`)
    await official.locator('#login-email').fill(EMAIL)
    await official.locator('#login-password').fill(PASSWORD)
    await official.getByRole('button', { name: 'Inloggen' }).click()
    await expect.poll(() => official.getByRole('link', { name: 'Nieuw item', exact: true }).count(), UI_WAIT).toBe(1)
    await official.goto(`${server.url}/beheer/items/${tableId}/tafel`)
    await expect.poll(() => official.locator('[data-testid="signup-counts"]').count(), { timeout: 15_000 }).toBe(1)
    await expectNoViolations(official, 'table page before the draw')
    await official.locator('[data-action="draw"]').click()
    await official.locator('[data-action="draw-confirm"]').click()
    await expect.poll(() => official.locator('[data-testid="draw-outcome"]').count(), { timeout: 15_000 }).toBe(1)
    await expectNoViolations(official, 'table page after the draw')
    const record = await fetch(`${server.url}/api/items/${tableId}/draw`)
    expect(record.status).toBe(200)

    await official.goto(`${server.url}/beheer/items/${tableId}`)
    await expect.poll(() => official.locator('[data-testid="table-assignment-form"]').count(), { timeout: 15_000 }).toBe(1)
    await expectNoViolations(official, 'table assignment form')
    await official.goto(`${server.url}/beheer/netwerk`)
    await expect.poll(() => official.getByRole('heading', { level: 1 }).count(), { timeout: 15_000 }).toBe(1)
    await expectNoViolations(official, 'interest network page')

    // The resident's app picks the outcome up on its next sync.
    await resident.goto(`${server.url}/mijn-inbreng`)
    await expect.poll(() => resident.locator('[data-testid="signup-status"]').first().textContent(), { timeout: 30_000 }).toContain('Je hebt een plek aan tafel!')
    await expectNoViolations(resident, 'Mijn inbreng with the outcome')
    await officialContext.close()
    await residentContext.close()
  })

  it('has no WCAG 2.1 A/AA violations on Benader mij and the guardian and contact confirmation pages', async () => {
    const context = await newContext(browser, PHONE)
    const page = await context.newPage()
    await chooseMunicipality(page, server.url)
    await page.goto(`${server.url}/benader-mij`)
    await expect.poll(() => page.getByRole('heading', { level: 1 }).count(), { timeout: 15_000 }).toBe(1)
    await expectNoViolations(page, 'Benader mij')
    await page.goto(`${server.url}/ouder-bevestigen?token=${'x'.repeat(43)}`)
    await expect.poll(() => page.getByRole('button', { name: 'Ik geef toestemming' }).count(), { timeout: 15_000 }).toBe(1)
    await expectNoViolations(page, 'guardian confirmation')
    await page.getByRole('button', { name: 'Ik geef toestemming' }).click()
    await expect.poll(() => page.getByText('Deze link werkt niet (meer).').count(), { timeout: 15_000 }).toBeGreaterThan(0)
    await page.goto(`${server.url}/contact-bevestigen?token=${'x'.repeat(43)}`)
    await expect.poll(() => page.getByRole('button', { name: 'Bevestigen' }).count(), { timeout: 15_000 }).toBe(1)
    await page.getByRole('button', { name: 'Bevestigen' }).click()
    await expect.poll(() => page.getByText('Deze link werkt niet (meer).').count(), { timeout: 15_000 }).toBeGreaterThan(0)
    await expectNoViolations(page, 'contact confirmation with a dead link')
    // 360 px at 200% zoom is a 180 px wide viewport: the page must not scroll sideways.
    await page.setViewportSize({ width: 180, height: 370 })
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), { timeout: 5_000 }).toBe(true)
    await context.close()
  })
})
