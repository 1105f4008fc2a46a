import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { axeViolations, describeViolations } from '../support/axe'
import { DESKTOP, launchBrowser, newContext, PHONE, UI_WAIT } from '../support/browser'
import { createOfficialViaCli, startE2eServer, type E2eServer } from '../support/e2e-server'
import { chooseMunicipality } from '../support/resident'

const EMAIL = 'triage@beverwijk.nl'
const PASSWORD = 'rustige-middag-bij-het-meer'
const POLL = 'Mogen jongeren meepraten?'
const TITLE = 'Losliggende stoeptegels bij de school'
const RESPONSE = 'We leggen de tegels bij de school deze maand opnieuw. Dank voor je signaal.'
let server: E2eServer
let browser: Browser

beforeAll(async () => {
  server = await startE2eServer()
  await createOfficialViaCli(server, { email: EMAIL, password: PASSWORD, municipality: 'beverwijk', role: 'official' })
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

/** The device id the app keeps in its IndexedDB (`meta`), as the app itself reads it. */
async function storedDeviceId(page: Page): Promise<string | undefined> {
  return page.evaluate(
    () =>
      new Promise<string | undefined>((resolve, reject) => {
        const open = indexedDB.open('meepraat')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const read = open.result.transaction('meta').objectStore('meta').get('deviceId')
          read.onsuccess = () => resolve((read.result as { value?: string } | undefined)?.value)
          read.onerror = () => reject(read.error)
        }
      }),
  )
}

/** A signal of this device in the server's database (until `POST /api/signals` is there to send it from the app). */
async function givenSignalInE2e(deviceId: string): Promise<string> {
  await server.process.stop()
  try {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'tests/support/e2e-signal-script.ts', deviceId, 'beverwijk', TITLE, 'Bij de ingang van de school liggen tegels los. Kinderen vallen erover.'],
      { cwd: fileURLToPath(new URL('../..', import.meta.url)), env: { ...process.env, DATA_DIR: server.dataDir, DATABASE_URL: '' } },
    )
    return stdout.trim()
  } finally {
    await server.restart()
  }
}

async function expectNoViolations(page: Page, where: string): Promise<void> {
  const violations = await axeViolations(page)
  expect(violations, `${where}\n${describeViolations(violations)}`).toEqual([])
}

/** The elements that stick out to the right (sideways scrolling), named for the failure message; empty when none. */
const sideways = (page: Page) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth
    if (document.documentElement.scrollWidth <= width) return []
    return [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > width + 1)
      .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${[...el.classList].join('.')} "${(el.textContent ?? '').trim().slice(0, 40)}" right ${Math.round(el.getBoundingClientRect().right)} of ${width}`)
      .slice(0, 10)
  })

describe('signal triage (Chromium)', () => {
  it('an official publishes and answers a signal in the back office, and the resident reads the answer in Mijn inbreng', async () => {
    const residentContext = await newContext(browser, PHONE)
    const resident = await residentContext.newPage()
    await chooseMunicipality(resident, server.url)
    await resident.getByRole('link', { name: POLL }).click()
    await resident.getByRole('radio', { name: 'Ja', exact: true }).check()
    await resident.getByRole('button', { name: 'Versturen' }).click()
    await expect.poll(() => resident.getByText('Verstuurd', { exact: true }).count(), { timeout: 20_000 }).toBeGreaterThan(0)
    const deviceId = await storedDeviceId(resident)
    expect(deviceId).toMatch(/^[A-Za-z0-9_-]{22,}$/)
    const signalId = await givenSignalInE2e(deviceId!)

    const officialContext = await newContext(browser, DESKTOP)
    const official = await officialContext.newPage()
    await official.goto(`${server.url}/beheer`)
    await official.waitForURL('**/beheer/inloggen**', UI_WAIT)
    await official.locator('#login-email').fill(EMAIL)
    await official.locator('#login-password').fill(PASSWORD)
    await official.getByRole('button', { name: 'Inloggen' }).click()
    await official.getByRole('link', { name: 'Signalen', exact: true }).click()
    // The demo has published signals of its own; this one is new and waits for its check.
    await expect.poll(() => official.getByTestId('signal-row').filter({ hasText: TITLE }).count(), UI_WAIT).toBe(1)
    await official.locator('#signal-sort').selectOption('support')
    await expectNoViolations(official, 'signal list')
    await official.getByRole('link', { name: TITLE }).click()
    await official.waitForURL(`**/beheer/signalen/${signalId}`, UI_WAIT)
    await expect.poll(() => official.getByTestId('signal-moderation').textContent(), UI_WAIT).toBe('Nog controleren')
    await expectNoViolations(official, 'signal page')

    await official.locator('button[data-action="signal-publish"]').click()
    await expect.poll(() => official.getByTestId('signal-moderation').textContent(), UI_WAIT).toBe('Gepubliceerd')
    // Not taken up without a reason is refused on the page, in plain words.
    await official.getByRole('radio', { name: 'Niet opgepakt' }).check()
    await official.locator('button[data-action="signal-status"]').click()
    await expect.poll(() => official.getByTestId('signal-status-error').textContent(), UI_WAIT).toContain('waarom het signaal niet wordt opgepakt')
    await official.getByRole('radio', { name: 'Beantwoord' }).check()
    await official.locator('#signal-response').fill(RESPONSE)
    await official.locator('button[data-action="signal-status"]').click()
    await expect.poll(() => official.getByTestId('signal-status').textContent(), UI_WAIT).toBe('Beantwoord')
    await expect.poll(() => official.getByTestId('signal-response').textContent(), UI_WAIT).toBe(RESPONSE)
    await expectNoViolations(official, 'signal page after the answer')
    // The detail page at 360 px and at 200% zoom of it: no sideways scrolling.
    await official.setViewportSize(PHONE)
    expect(await sideways(official)).toEqual([])
    await official.setViewportSize({ width: 180, height: 740 })
    expect(await sideways(official)).toEqual([])
    await officialContext.close()

    await resident.goto(`${server.url}/mijn-inbreng`)
    await expect.poll(() => resident.getByTestId('signal-news-response').first().textContent().catch(() => ''), { timeout: 30_000 }).toBe(RESPONSE)
    expect(await resident.getByTestId('signal-news').textContent()).toContain('Reactie op je signaal')
    expect(await resident.getByTestId('signal-news-entry').count()).toBe(1)
    await expectNoViolations(resident, 'Mijn inbreng with the answer')
    await residentContext.close()
  })
})
