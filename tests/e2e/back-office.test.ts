import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { axeViolations, describeViolations } from '../support/axe'
import { DESKTOP, launchBrowser, newContext, PHONE, UI_WAIT } from '../support/browser'
import { createOfficialViaCli, startE2eServer, type E2eServer } from '../support/e2e-server'
import { chooseMunicipality } from '../support/resident'

const EMAIL = 'els@beverwijk.nl'
const PASSWORD = 'zonnige-dag-aan-zee'
const TITLE = 'Wil je een skatebaan?'
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

async function signIn(page: Page): Promise<void> {
  await page.goto(`${server.url}/beheer`)
  await page.waitForURL('**/beheer/inloggen**', UI_WAIT)
  await page.locator('#login-email').fill(EMAIL)
  await page.locator('#login-password').fill(PASSWORD)
  await page.getByRole('button', { name: 'Inloggen' }).click()
  await expect.poll(() => page.getByRole('link', { name: 'Nieuw item', exact: true }).count(), UI_WAIT).toBe(1)
}

async function expectNoViolations(page: Page, where: string): Promise<void> {
  const violations = await axeViolations(page)
  expect(violations, `${where}\n${describeViolations(violations)}`).toEqual([])
}

describe('back office (Chromium)', () => {
  it('lets an official create, preview and publish a flash poll that a resident answers, then see the count and export it as CSV', async () => {
    const officialContext = await newContext(browser, DESKTOP)
    const official = await officialContext.newPage()
    await signIn(official)
    await expectNoViolations(official, 'start page')

    await official.getByRole('link', { name: 'Nieuw item', exact: true }).click()
    await official.locator('#item-title').fill(TITLE)
    await official.locator('#item-summary').fill('We willen weten of jongeren een skatebaan willen.')
    await official.locator('#item-theme').selectOption('opgroeien')
    await official.locator('button[data-add-question="single"]').click()
    await official.locator('#qb-q1-label').fill('Wil je een skatebaan in het park?')
    await official.locator('#qb-q1-o1-label').fill('Ja, graag')
    await official.locator('#qb-q1-o2-label').fill('Nee, liever niet')
    await expectNoViolations(official, 'item editor')
    await official.locator('button[data-action="preview"]').click()
    await expect.poll(() => official.getByText('Voorbeeld: zo zien inwoners het.').count(), UI_WAIT).toBeGreaterThan(0)
    await expect.poll(() => official.getByRole('radio', { name: 'Ja, graag' }).count(), UI_WAIT).toBeGreaterThan(0)
    await expectNoViolations(official, 'preview')
    await official.locator('button[data-action="publish"]').click()
    await expect.poll(() => official.getByText('Gepubliceerd.').count(), { timeout: 15_000 }).toBeGreaterThan(0)
    const itemId = /\/beheer\/items\/([0-9a-f-]{36})/.exec(official.url())?.[1]
    expect(itemId).toBeTruthy()

    // A resident on a phone, in a separate browser context, answers the new poll.
    const residentContext = await newContext(browser, PHONE)
    const resident = await residentContext.newPage()
    await chooseMunicipality(resident, server.url)
    await resident.getByRole('link', { name: TITLE }).click()
    await resident.getByRole('radio', { name: 'Ja, graag' }).check()
    await resident.getByRole('button', { name: 'Versturen' }).click()
    await expect.poll(() => resident.getByText('Verstuurd', { exact: true }).count(), { timeout: 20_000 }).toBeGreaterThan(0)

    await official.goto(`${server.url}/beheer/items/${itemId}/inbreng`)
    await expect.poll(() => official.locator('[data-testid="respondent-count"]').textContent(), { timeout: 15_000 }).toContain('1 deelnemer')
    await expectNoViolations(official, 'input page')
    const download = official.waitForEvent('download', UI_WAIT)
    await official.locator('a[data-testid="export-csv"]').click()
    const file = await download
    const stream = await file.createReadStream()
    const chunks: Buffer[] = []
    for await (const chunk of stream) chunks.push(chunk as Buffer)
    const csv = Buffer.concat(chunks).toString('utf8')
    expect(csv.charCodeAt(0)).toBe(0xfeff)
    expect(csv).toContain('Wil je een skatebaan in het park?')
    expect(csv).toContain('Ja, graag')

    await officialContext.close()
    await residentContext.close()
  })

  it('has no WCAG 2.1 A/AA violations on the login page and the start page at 360 px, and signs out', async () => {
    const context = await newContext(browser, PHONE)
    const page = await context.newPage()
    await page.goto(`${server.url}/beheer/inloggen`)
    await expect.poll(() => page.locator('#login-email').count(), UI_WAIT).toBe(1)
    await expectNoViolations(page, 'login page')
    await signIn(page)
    await expectNoViolations(page, 'start page (phone)')
    await page.locator('button[data-action="sign-out"]').click()
    await page.waitForURL('**/beheer/inloggen**', UI_WAIT)
    const me = await page.evaluate(async () => (await fetch('/api/auth/me')).status)
    expect(me).toBe(401)
    await context.close()
  })
})
