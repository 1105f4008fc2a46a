import { Secret, TOTP } from 'otpauth'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { axeViolations, describeViolations } from '../support/axe'
import { launchBrowser, newContext, PHONE, UI_WAIT } from '../support/browser'
import { createOfficialViaCli, startE2eServer, type E2eServer } from '../support/e2e-server'

const ADMIN = 'els@beverwijk.nl'
const PASSWORD = 'zonnige-dag-aan-zee'
let server: E2eServer
let browser: Browser

beforeAll(async () => {
  // The production rule: admins need a second factor.
  server = await startE2eServer({ ADMIN_SECOND_FACTOR: 'required', SESSION_SECRET: 'e2e-session-secret-of-at-least-32-characters' })
  await createOfficialViaCli(server, { email: ADMIN, password: PASSWORD, municipality: 'beverwijk', role: 'admin' })
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

/** The code an authenticator app shows for this secret, `offsetSteps` 30-second steps from now. */
const appCode = (secret: string, offsetSteps = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: Date.now() + offsetSteps * 30_000 })

async function expectNoViolations(page: Page, where: string): Promise<void> {
  const violations = await axeViolations(page)
  expect(violations, `${where}\n${describeViolations(violations)}`).toEqual([])
}

async function passwordSignIn(page: Page): Promise<void> {
  await page.goto(`${server.url}/beheer/inloggen`)
  await page.locator('#login-email').fill(ADMIN)
  await page.locator('#login-password').fill(PASSWORD)
  await page.getByRole('button', { name: 'Inloggen', exact: true }).click()
  await page.waitForURL('**/beheer/inloggen/tweede-stap**', UI_WAIT)
}

describe('second factor in the back office (Chromium)', () => {
  it('an admin is led through enrolment at the first sign-in, and the next sign-in asks for the code', async () => {
    const context = await newContext(browser, PHONE)
    const page = await context.newPage()
    await passwordSignIn(page)
    const secretBox = page.locator('[data-testid="totp-secret"]')
    await expect.poll(() => secretBox.count(), UI_WAIT).toBe(1)
    await expect.poll(() => page.getByRole('img', { name: 'QR-code om Meepraat toe te voegen aan je app voor inlogcodes' }).count(), UI_WAIT).toBe(1)
    await expectNoViolations(page, 'enrolment page')
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'enrolment page at 360 px').toBe(true)
    // Other back-office pages wait until the second factor is set up.
    await page.goto(`${server.url}/beheer/medewerkers`)
    await page.waitForURL('**/beheer/inloggen/tweede-stap**', UI_WAIT)
    await expect.poll(() => secretBox.count(), UI_WAIT).toBe(1)
    const secret = (await secretBox.textContent())?.trim() as string
    expect(secret).toMatch(/^[A-Z2-7]{32}$/)

    await page.locator('#totp-code').fill('000000' === appCode(secret) ? '111111' : '000000')
    await page.getByRole('button', { name: 'Tweede stap instellen' }).click()
    await expect.poll(() => page.locator('[data-testid="totp-error"]').textContent(), UI_WAIT).toContain('Deze code klopt niet')
    await page.locator('#totp-code').fill(appCode(secret))
    await page.getByRole('button', { name: 'Tweede stap instellen' }).click()
    await expect.poll(() => page.locator('[data-testid="recovery-codes"] li').count(), UI_WAIT).toBe(10)
    await expectNoViolations(page, 'recovery codes')
    await page.getByRole('button', { name: 'Verder naar Meepraat' }).click()
    await page.waitForURL('**/beheer/medewerkers', UI_WAIT)
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), UI_WAIT).not.toContain('Tweede stap')
    await page.locator('[data-action="sign-out"]').click()
    await page.waitForURL('**/beheer/inloggen**', UI_WAIT)

    // Next sign-in: the code step, with the app's next code (the one used for enrolment counts as used).
    await passwordSignIn(page)
    await expect.poll(() => page.getByLabel('Code uit de app').count(), UI_WAIT).toBe(1)
    await expectNoViolations(page, 'code page')
    await page.locator('#totp-code').fill(appCode(secret, 1))
    await page.keyboard.press('Enter')
    await page.waitForURL((url) => /^\/beheer\/?$/.test(url.pathname), UI_WAIT)
    await expect.poll(() => page.getByText(ADMIN, { exact: false }).count(), UI_WAIT).toBeGreaterThan(0)
    await context.close()
  })
})
