import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { axeViolations, describeViolations } from '../support/axe'
import { DESKTOP, launchBrowser, newContext, PHONE, UI_WAIT } from '../support/browser'
import { createOfficialViaCli, startE2eServer, type E2eServer } from '../support/e2e-server'
import { startTestProvider, type TestProvider } from '../support/oidc-provider'

const ADMIN = 'els@beverwijk.nl'
const PASSWORD = 'zonnige-dag-aan-zee'
let server: E2eServer
let provider: TestProvider
let browser: Browser

beforeAll(async () => {
  // A fixed server secret: the sealed client secret must survive the restart the CLI needs.
  server = await startE2eServer({ SESSION_SECRET: 'e2e-session-secret-of-at-least-32-characters' })
  await createOfficialViaCli(server, { email: ADMIN, password: PASSWORD, municipality: 'beverwijk', role: 'admin' })
  provider = await startTestProvider([`${server.url}/beheer/inloggen/terug`])
  provider.users.set('anne', { email: 'anne@beverwijk.nl', email_verified: true, groups: ['meepraat-medewerkers'] })
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  await provider?.close()
  await server?.stop()
})

async function expectNoViolations(page: Page, where: string): Promise<void> {
  const violations = await axeViolations(page)
  expect(violations, `${where}\n${describeViolations(violations)}`).toEqual([])
}

async function expectNoSidewaysScroll(page: Page, where: string): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), where).toBe(true)
}

describe('single sign-on through the back-office login (Chromium, oidc-provider)', () => {
  it('an admin connects the provider on the "Inloggen" page, and an official signs in through it', async () => {
    const adminContext = await newContext(browser, DESKTOP)
    const admin = await adminContext.newPage()
    await admin.goto(`${server.url}/beheer`)
    await admin.waitForURL('**/beheer/inloggen**', UI_WAIT)
    await admin.locator('#login-email').fill(ADMIN)
    await admin.locator('#login-password').fill(PASSWORD)
    await admin.getByRole('button', { name: 'Inloggen', exact: true }).click()
    await admin.getByRole('link', { name: 'Inloggen', exact: true }).click()
    await expect.poll(() => admin.getByRole('heading', { level: 1, name: 'Inloggen' }).count(), UI_WAIT).toBe(1)
    await expect.poll(() => admin.locator('[data-testid="sso-redirect-uri"]').textContent(), UI_WAIT).toBe(`${server.url}/beheer/inloggen/terug`)
    await expectNoViolations(admin, 'sign-in settings page')

    // Saving without the details shows what is missing, in a summary that takes focus.
    await admin.getByRole('checkbox', { name: 'Inloggen via het inlogsysteem staat aan' }).check()
    await admin.getByRole('button', { name: 'Opslaan' }).click()
    await expect.poll(() => admin.getByText('Vul in: Naam op de knop.').count(), UI_WAIT).toBeGreaterThan(0)
    await expectNoViolations(admin, 'sign-in settings with problems')

    await admin.locator('#sso-display-name').fill('Werkaccount Beverwijk')
    await admin.locator('#sso-issuer').fill(provider.issuer)
    await admin.locator('#sso-client-id').fill(provider.client.id)
    await admin.locator('#sso-client-secret').fill(provider.client.secret)
    await admin.locator('#sso-scopes').fill('openid email groups')
    await admin.locator('#sso-official-values').fill('meepraat-medewerkers')
    await admin.getByRole('button', { name: 'Opslaan' }).click()
    await expect.poll(() => admin.getByText('De instellingen voor inloggen zijn opgeslagen.').count(), UI_WAIT).toBe(1)
    // The secret is not shown again; the page says one is stored.
    expect(await admin.locator('#sso-client-secret').inputValue()).toBe('')
    await expect.poll(() => admin.getByText('Er is een client secret bewaard.', { exact: false }).count(), UI_WAIT).toBe(1)
    await adminContext.close()

    const context = await newContext(browser, PHONE)
    const page = await context.newPage()
    await page.goto(`${server.url}/beheer/inloggen`)
    const button = page.getByRole('button', { name: 'Inloggen met Werkaccount Beverwijk (Beverwijk)' })
    await expect.poll(() => button.count(), UI_WAIT).toBe(1)
    await expectNoViolations(page, 'login page with single sign-on')
    await expectNoSidewaysScroll(page, 'login page at 360 px')
    // Keyboard: the button is reached with Tab and pressed with Enter.
    await button.focus()
    await page.keyboard.press('Enter')

    // The provider's own (development) login page.
    await page.waitForURL(`${provider.issuer}/**`, UI_WAIT)
    await page.locator('input[name="login"]').fill('anne')
    await page.locator('input[name="password"]').fill('not-checked')
    await page.locator('button[type="submit"]').click()

    await page.waitForURL((url) => url.href.startsWith(server.url) && /^\/beheer\/?$/.test(url.pathname), UI_WAIT)
    await expect.poll(() => page.getByText('anne@beverwijk.nl', { exact: false }).count(), UI_WAIT).toBeGreaterThan(0)
    await expectNoViolations(page, 'start page after single sign-on')
    // The code does not stay in the history.
    expect(await page.evaluate(() => window.location.search)).toBe('')
    await context.close()
  })

  it('the return page explains a sign-in that cannot be finished, and links back to the login', async () => {
    const context = await newContext(browser, PHONE)
    const page = await context.newPage()
    await page.goto(`${server.url}/beheer/inloggen/terug?state=made-up&code=made-up`)
    await expect.poll(() => page.locator('[data-testid="sso-error"]').textContent(), UI_WAIT).toContain('Dit inloggen is verlopen')
    await expectNoViolations(page, 'return page with an error')
    await page.getByRole('link', { name: 'Terug naar inloggen' }).click()
    await page.waitForURL('**/beheer/inloggen', UI_WAIT)
    await context.close()
  })
})
