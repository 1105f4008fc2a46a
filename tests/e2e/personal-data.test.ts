import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { Question } from '../../src/shared/question-types/registry'
import { axeViolations, describeViolations } from '../support/axe'
import { launchBrowser, newContext, PHONE, UI_WAIT } from '../support/browser'
import { createOfficialViaCli, startE2eServer, type E2eServer } from '../support/e2e-server'
import { officialHttpSession, type HttpSession } from '../support/official-http'
import { chooseMunicipality } from '../support/resident'

const EMAIL = 'moderator@beverwijk.nl'
const PASSWORD = 'lange-wandeling-langs-de-duinen'
const TITLE = 'Verlichting bij de school'
const PHONE_NUMBER = '06-12345678'
const ANSWER = `Er moet meer licht komen bij het fietspad. Bel me op ${PHONE_NUMBER} als het af is.`
const DAY = 24 * 60 * 60 * 1000

const questions: Question[] = [
  { id: 'licht', type: 'single', label: 'Is er genoeg licht bij de school?', required: true, options: [{ id: 'ja', label: 'Ja' }, { id: 'nee', label: 'Nee' }] },
  { id: 'idee', type: 'text', label: 'Wat is je idee?', required: false, max: 500 },
]

let server: E2eServer
let browser: Browser
let official: HttpSession
let itemId: string

beforeAll(async () => {
  server = await startE2eServer()
  await createOfficialViaCli(server, { email: EMAIL, password: PASSWORD, municipality: 'beverwijk', role: 'official' })
  official = await officialHttpSession(server.url, EMAIL, PASSWORD)
  const now = Date.now()
  const created = await official.post('/api/official/items', {
    kind: 'question',
    title: TITLE,
    summary: 'We willen weten of het veilig voelt om naar school te fietsen.',
    theme: 'opgroeien',
    ladder: 'raadplegen',
    phase: 'agenda',
    opensAt: new Date(now - 60_000).toISOString(),
    closesAt: new Date(now + 10 * DAY).toISOString(),
    feedbackDueAt: new Date(now + 40 * DAY).toISOString(),
    resultsVisibility: 'direct',
    questions,
  })
  expect(created.status, await created.clone().text()).toBe(201)
  itemId = ((await created.json()) as { id: string }).id
  expect((await official.post(`/api/official/items/${itemId}/publish`, {})).status).toBe(200)
  browser = await launchBrowser()
}, 120_000)
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

async function expectNoViolations(page: Page, where: string): Promise<void> {
  const violations = await axeViolations(page)
  expect(violations, `${where}\n${describeViolations(violations)}`).toEqual([])
}

const scrollsSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth)

describe('personal data in a text answer (Chromium, 360 px)', () => {
  it('warns a resident who types a phone number, still sends, shows no results for one answer, and lets an official see the flag and redact it', async () => {
    const resident = await newContext(browser, PHONE)
    const page = await resident.newPage()
    await chooseMunicipality(page, server.url)
    await page.goto(`${server.url}/items/${itemId}`)
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), UI_WAIT).toBe(TITLE)
    await page.getByRole('group', { name: /Is er genoeg licht/ }).getByRole('radio', { name: 'Nee' }).check()
    const field = page.locator('#q-idee-input')
    await field.click()
    await field.pressSequentially(ANSWER)
    const warning = page.locator('#q-idee-personal')
    await expect.poll(() => warning.textContent(), UI_WAIT).toContain('Het lijkt erop dat je een telefoonnummer noemt.')
    expect(await warning.getAttribute('role')).toBe('status')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('q-idee-input')
    expect(await scrollsSideways(page)).toBe(false)
    await expectNoViolations(page, 'item page with the personal-data warning')

    // The warning does not block: the answer goes out as typed.
    await page.getByRole('button', { name: 'Versturen' }).click()
    await expect.poll(() => page.getByText('Verstuurd', { exact: true }).count(), { timeout: 20_000 }).toBeGreaterThan(0)
    // One answer: residents see no counts yet.
    await expect.poll(() => page.getByTestId('results-too-few').count(), UI_WAIT).toBe(1)
    expect(await page.getByTestId('results-too-few').textContent()).toContain('Nog te weinig antwoorden om uitslagen te tonen')
    await expectNoViolations(page, 'item page after sending, results withheld')
    await resident.close()

    const back = await newContext(browser, PHONE)
    const beheer = await back.newPage()
    await beheer.goto(`${server.url}/beheer`)
    await beheer.waitForURL('**/beheer/inloggen**', UI_WAIT)
    await beheer.locator('#login-email').fill(EMAIL)
    await beheer.locator('#login-password').fill(PASSWORD)
    await beheer.getByRole('button', { name: 'Inloggen' }).click()
    await expect.poll(() => beheer.getByRole('link', { name: 'Nieuw item', exact: true }).count(), UI_WAIT).toBe(1)
    await beheer.goto(`${server.url}/beheer/items/${itemId}/inbreng`)
    const flag = beheer.getByText('Mogelijk persoonsgegevens: telefoonnummer')
    await expect.poll(() => flag.count(), UI_WAIT).toBe(1)
    await expectNoViolations(beheer, 'text answers with a flagged answer')

    await beheer.getByRole('button', { name: `Verwijder telefoonnummer “${PHONE_NUMBER}”` }).click()
    const confirm = beheer.getByRole('button', { name: 'Ja, verwijderen' })
    await expect.poll(() => beheer.evaluate(() => document.activeElement?.textContent?.trim()), UI_WAIT).toBe('Ja, verwijderen')
    await expectNoViolations(beheer, 'redaction confirm step')
    await confirm.click()
    await expect.poll(() => beheer.getByText('Het stuk tekst is verwijderd. De rest van het antwoord telt mee.').count(), UI_WAIT).toBe(1)
    await expect.poll(() => beheer.getByText('Er moet meer licht komen bij het fietspad. Bel me op [verwijderd] als het af is.').count(), UI_WAIT).toBe(1)
    expect(await flag.count()).toBe(0)
    await expectNoViolations(beheer, 'text answers after the redaction')
    await back.close()

    const exported = JSON.stringify(await (await official.get(`/api/official/items/${itemId}/export?format=json`)).json())
    expect(exported).toContain('Bel me op [verwijderd]')
    expect(exported).not.toContain('12345678')
    expect(exported).toContain('"nee"')
  }, 180_000)
})
