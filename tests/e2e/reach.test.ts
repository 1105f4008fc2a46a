import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { axeViolations, describeViolations } from '../support/axe'
import { DESKTOP, launchBrowser, newContext, UI_WAIT } from '../support/browser'
import { createOfficialViaCli, startE2eServer, type E2eServer } from '../support/e2e-server'
import { chooseMunicipality } from '../support/resident'

const POLL = 'Welke plekken in je buurt zijn belangrijk?'
const ADMIN = { email: 'beheer@heemskerk.nl', password: 'groene-fiets-op-dijk-bij-zee' }
let server: E2eServer
let browser: Browser

beforeAll(async () => {
  server = await startE2eServer()
  await createOfficialViaCli(server, { ...ADMIN, municipality: 'heemskerk', role: 'admin' })
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

async function expectNoViolations(page: Page, where: string): Promise<void> {
  const violations = await axeViolations(page)
  expect(violations, `${where}\n${describeViolations(violations)}`).toEqual([])
}

/** Nothing on the page is wider than the screen (360 px phone): no sideways scrolling. */
const fitsTheScreen = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)

describe('reach: e-mail alerts and Benader mij (Chromium)', () => {
  it('offers "Mail mij als de gemeente reageert" and Benader mij only after the answer is saved, both without WCAG violations', async () => {
    const context = await newContext(browser)
    const page = await context.newPage()
    await chooseMunicipality(page, server.url, 'Heemskerk')
    await page.getByRole('link', { name: POLL }).click()
    // Before the answer nothing stands between the resident and sending.
    await expect.poll(() => page.getByRole('button', { name: 'Versturen' }).count(), UI_WAIT).toBe(1)
    expect(await page.getByRole('heading', { name: 'Mail mij als de gemeente reageert' }).count()).toBe(0)
    await page.getByRole('checkbox', { name: 'Veilige fietspaden' }).check()
    await page.getByRole('button', { name: 'Versturen' }).click()
    await expect.poll(() => page.getByRole('heading', { name: 'Mail mij als de gemeente reageert' }).count(), UI_WAIT).toBe(1)
    expect(await page.getByRole('link', { name: 'Meld je aan voor Benader mij' }).count()).toBe(1)
    await expectNoViolations(page, 'item page with the alert form')
    expect(await fitsTheScreen(page)).toBe(true)

    // A wrong address is named at the field; a right one gets the promise of a confirmation mail.
    await page.getByRole('button', { name: 'Mail mij' }).click()
    await expect.poll(() => page.getByText('Vul een e-mailadres in').count(), UI_WAIT).toBeGreaterThan(0)
    await page.getByLabel('Je e-mailadres').fill('sam@example.nl')
    await page.getByRole('button', { name: 'Mail mij' }).click()
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'We hebben een e-mail gestuurd naar sam@example.nl' }).count(), UI_WAIT).toBe(1)
    await expectNoViolations(page, 'item page after asking for an alert')

    // Benader mij in one tap, with the poll's theme ticked.
    await page.getByRole('link', { name: 'Meld je aan voor Benader mij' }).click()
    await page.waitForURL('**/benader-mij?thema=*', UI_WAIT)
    const theme = new URL(page.url()).searchParams.get('thema')!
    await expect.poll(() => page.locator(`input[name="reg-themes"][value="${theme}"]`).isChecked(), UI_WAIT).toBe(true)
    await context.close()
  })

  it('lets an admin see the Benader mij contact list, without WCAG violations', async () => {
    const member = {
      id: crypto.randomUUID(),
      municipality: 'heemskerk',
      deviceId: `e2e-device-${crypto.randomUUID().replace(/-/g, '')}`,
      revision: 1,
      themes: ['opgroeien'],
      name: 'Noor de Vries',
      contact: { channel: 'phone', value: '06 1234 5678' },
      ageBand: '24-64',
      consentVersion: (await import('../../src/shared/schemas/table')).CONSENT_VERSION,
    }
    const posted = await fetch(`${server.url}/api/interests`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ interests: [member] }) })
    expect((await posted.json()).results[0].status).toBe('accepted')

    const context = await newContext(browser, DESKTOP)
    const page = await context.newPage()
    await page.goto(`${server.url}/beheer/netwerk/contacten`)
    await page.waitForURL('**/beheer/inloggen**', UI_WAIT)
    await page.locator('#login-email').fill(ADMIN.email)
    await page.locator('#login-password').fill(ADMIN.password)
    await page.getByRole('button', { name: 'Inloggen' }).click()
    await expect.poll(() => page.getByRole('heading', { name: 'Contactlijst Benader mij' }).count(), UI_WAIT).toBe(1)
    await expectNoViolations(page, 'network page before showing the list')
    await page.getByRole('button', { name: 'Toon de contactlijst' }).click()
    await expect.poll(() => page.locator('[data-testid="network-table"]').textContent(), UI_WAIT).toContain('Noor de Vries')
    await expectNoViolations(page, 'network page with the list')
    await context.close()
  })
})
