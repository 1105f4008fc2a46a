import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { axeViolations, describeViolations } from '../support/axe'
import { launchBrowser, newContext, PHONE, UI_WAIT } from '../support/browser'
import { createOfficialViaCli, startE2eServer, type E2eServer } from '../support/e2e-server'

const ADMIN = 'beheer@beverwijk.nl'
const ADMIN_PASSWORD = 'zonnige-dag-aan-zee'
const COLLEAGUE = 'collega@beverwijk.nl'
let server: E2eServer
let browser: Browser

beforeAll(async () => {
  server = await startE2eServer()
  await createOfficialViaCli(server, { email: ADMIN, password: ADMIN_PASSWORD, municipality: 'beverwijk', role: 'admin' })
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

/** The development mailer writes each message as a JSON line; waits (by condition) for one to `to`. */
async function linkMailedTo(to: string, page: 'uitnodiging' | 'nieuw-wachtwoord', count = 1): Promise<string> {
  const file = path.join(server.dataDir, 'mail', 'outbox.jsonl')
  const links = (): string[] => {
    let text = ''
    try {
      text = readFileSync(file, 'utf8')
    } catch {
      return []
    }
    return text
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as { to: string; text: string })
      .filter((m) => m.to === to)
      .map((m) => new RegExp(`https?://[^\\s]+/beheer/${page}#[A-Za-z0-9_-]+`).exec(m.text)?.[0] ?? '')
      .filter((link) => link !== '')
  }
  await expect.poll(() => links().length, UI_WAIT).toBeGreaterThanOrEqual(count)
  return links()[count - 1]!
}

async function expectAccessible(page: Page, where: string): Promise<void> {
  const violations = await axeViolations(page)
  expect(violations, `${where}\n${describeViolations(violations)}`).toEqual([])
  // 360 px wide: no sideways scrolling.
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), `${where}: sideways scrolling`).toBe(true)
}

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto(`${server.url}/beheer/inloggen`)
  await page.locator('#login-email').fill(email)
  await page.locator('#login-password').fill(password)
  await page.getByRole('button', { name: 'Inloggen' }).click()
  await expect.poll(() => page.getByRole('link', { name: 'Wachtwoord wijzigen' }).count(), UI_WAIT).toBe(1)
}

/** The emailed link points at PUBLIC_URL; the test server listens elsewhere, so keep path and fragment. */
const onServer = (link: string) => {
  const url = new URL(link)
  return `${server.url}${url.pathname}${url.hash}`
}

describe('accounts in the back office (Chromium, 360 px)', () => {
  it('an admin invites a colleague, who chooses a strong password, signs in and changes it', async () => {
    const adminContext = await newContext(browser, PHONE)
    const admin = await adminContext.newPage()
    await signIn(admin, ADMIN, ADMIN_PASSWORD)
    await admin.getByRole('link', { name: 'Medewerkers' }).click()
    await admin.locator('#invite-email').fill(COLLEAGUE)
    await admin.getByRole('button', { name: 'Uitnodiging sturen' }).click()
    await expect.poll(() => admin.getByText(`Uitnodiging gestuurd naar ${COLLEAGUE}.`).count(), UI_WAIT).toBe(1)
    await expectAccessible(admin, 'officials page with the invitation form')

    const link = onServer(await linkMailedTo(COLLEAGUE, 'uitnodiging'))
    const colleagueContext = await newContext(browser, PHONE)
    const colleague = await colleagueContext.newPage()
    await colleague.goto(link)
    await expect.poll(() => colleague.getByText('gemeente Beverwijk').count(), UI_WAIT).toBeGreaterThan(0)
    // The token leaves the address bar once read.
    await expect.poll(() => new URL(colleague.url()).hash, UI_WAIT).toBe('')
    await expectAccessible(colleague, 'invitation page')
    await colleague.locator('#invitation-password').fill('Beverwijk2026')
    await colleague.getByRole('button', { name: 'Account maken' }).click()
    await expect.poll(() => colleague.getByText('Dit wachtwoord is te makkelijk te raden.').count(), UI_WAIT).toBe(1)
    await expectAccessible(colleague, 'invitation page with a refused password')
    await colleague.locator('#invitation-password').fill('blauwe giraf eet warme soep')
    await colleague.getByRole('button', { name: 'Account maken' }).click()
    await expect.poll(() => colleague.getByText('Je account is klaar.', { exact: false }).count(), UI_WAIT).toBe(1)

    // The same link a second time: a clear page, not a form.
    const again = await colleagueContext.newPage()
    await again.goto(link)
    await expect.poll(() => again.getByText('Deze link werkt niet meer.', { exact: false }).count(), UI_WAIT).toBe(1)
    await expectAccessible(again, 'used invitation link')

    await signIn(colleague, COLLEAGUE, 'blauwe giraf eet warme soep')
    await colleague.getByRole('link', { name: 'Wachtwoord wijzigen' }).click()
    await colleague.locator('#change-current').fill('blauwe giraf eet warme soep')
    await colleague.locator('#change-new').fill('groene kikker zingt hard lied')
    await expectAccessible(colleague, 'change password page')
    await colleague.getByRole('button', { name: 'Wachtwoord wijzigen' }).click()
    await expect.poll(() => colleague.getByText('Je wachtwoord is gewijzigd.', { exact: false }).count(), UI_WAIT).toBe(1)
    // This browser stays signed in with its fresh session.
    await colleague.getByRole('link', { name: 'Overzicht' }).click()
    await expect.poll(() => colleague.getByRole('link', { name: 'Wachtwoord wijzigen' }).count(), UI_WAIT).toBe(1)
    await adminContext.close()
    await colleagueContext.close()
  })

  it('anyone asks for a reset link from the login page and sets a new password with it', async () => {
    const context = await newContext(browser, PHONE)
    const page = await context.newPage()
    await page.goto(`${server.url}/beheer/inloggen`)
    await page.getByRole('link', { name: 'Wachtwoord vergeten?' }).click()
    await page.locator('#reset-email').fill(ADMIN)
    await expectAccessible(page, 'reset request page')
    await page.getByRole('button', { name: 'Link aanvragen' }).click()
    await expect.poll(() => page.getByText('Als dit e-mailadres een account heeft', { exact: false }).count(), UI_WAIT).toBe(1)
    await expectAccessible(page, 'reset request sent')

    await page.goto(onServer(await linkMailedTo(ADMIN, 'nieuw-wachtwoord')))
    await page.locator('#reset-password').fill('paarse fiets op het dak')
    await expectAccessible(page, 'reset page')
    await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click()
    await expect.poll(() => page.getByText('Je nieuwe wachtwoord is opgeslagen.', { exact: false }).count(), UI_WAIT).toBe(1)
    await signIn(page, ADMIN, 'paarse fiets op het dak')
    await context.close()
  })
})
