import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { DEMO_COUNCIL_EMAIL, DEMO_OFFICIAL_PASSWORD } from '../../src/server/demo/demo-council'
import { axeViolations, describeViolations } from '../support/axe'
import { DESKTOP, launchBrowser, newContext, PHONE, UI_WAIT } from '../support/browser'
import { createOfficialViaCli, startE2eServer, type E2eServer } from '../support/e2e-server'
import { chooseMunicipality } from '../support/resident'

/**
 * The participation council end to end: the demo's council member of Beverwijk signs in, sees
 * only what the council may use, writes unasked advice and submits it; an official answers it
 * per recommendation (a why for what is not adopted); a resident reads advice and answer in the
 * app, and the coming and past meetings. Every page passes axe and fits 360 px and 200% zoom.
 */
const PASSWORD = 'zonnige-dag-aan-zee'
const TITLE = 'Een bankje bij elke bushalte'
let server: E2eServer
let browser: Browser

beforeAll(async () => {
  server = await startE2eServer()
  await createOfficialViaCli(server, { email: 'els@beverwijk.nl', password: PASSWORD, municipality: 'beverwijk', role: 'official' })
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto(`${server.url}/beheer`)
  await page.waitForURL('**/beheer/inloggen**', UI_WAIT)
  await page.locator('#login-email').fill(email)
  await page.locator('#login-password').fill(password)
  await page.getByRole('button', { name: 'Inloggen' }).click()
  await expect.poll(() => page.getByRole('link', { name: 'Advies', exact: true }).count(), UI_WAIT).toBe(1)
}

async function expectAccessible(page: Page, where: string): Promise<void> {
  const violations = await axeViolations(page)
  expect(violations, `${where}\n${describeViolations(violations)}`).toEqual([])
  const sideways = () => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth)
  const size = page.viewportSize()!
  if (size.width === PHONE.width) {
    expect(await sideways(), `${where} at 360 px`).toBe(false)
    // 200% zoom on a 360 px phone is a 180 px wide layout.
    await page.setViewportSize({ width: 180, height: size.height })
    const wide = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth, ...[...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth || e.scrollWidth > e.clientWidth + 1).slice(0, 12).map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)} ${e.scrollWidth}/${e.clientWidth}`)])
    expect(await sideways(), `${where} at 200% zoom: ${wide.join(' | ')}`).toBe(false)
    await page.setViewportSize(size)
  }
}

describe('the participation council (Chromium)', () => {
  it('a council member writes unasked advice, an official answers it, and the public advice page shows both', async () => {
    const council = await (await newContext(browser, PHONE)).newPage()
    await signIn(council, DEMO_COUNCIL_EMAIL, DEMO_OFFICIAL_PASSWORD)
    // What officials do is not offered: no new item, no interest network.
    expect(await council.getByRole('link', { name: 'Nieuw item', exact: true }).count()).toBe(0)
    expect(await council.getByRole('link', { name: 'Netwerk' }).count()).toBe(0)

    await council.getByRole('link', { name: 'Advies', exact: true }).click()
    await expect.poll(() => council.getByRole('heading', { name: 'Ingediend advies' }).count(), UI_WAIT).toBe(1)
    await expectAccessible(council, 'advice page (council)')
    await council.getByRole('button', { name: 'Nieuw advies' }).click()
    await council.getByRole('button', { name: 'Indienen' }).click()
    // Nothing filled in: the error summary says what is missing, nothing is sent.
    await expect.poll(() => council.getByText('Schrijf een titel (3 tot 200 tekens).').count(), UI_WAIT).toBeGreaterThan(0)
    await council.getByRole('textbox', { name: 'Titel' }).fill(TITLE)
    await council.getByRole('textbox', { name: 'Toelichting' }).fill('Veel ouderen kunnen niet lang staan. Bij de bushalte is nergens een plek om te zitten.')
    await council.getByRole('textbox', { name: 'Advies 1' }).fill('Zet bij elke bushalte een bankje.')
    await council.getByRole('button', { name: 'Advies toevoegen' }).click()
    await council.getByRole('textbox', { name: 'Advies 2' }).fill('Vraag ouderen waar een bankje het meest nodig is.')
    await expectAccessible(council, 'advice editor')
    await council.getByRole('button', { name: 'Indienen' }).click()
    await expect.poll(() => council.getByText('Het advies is ingediend. De gemeente moet nu reageren.').count(), UI_WAIT).toBe(1)
    await expect.poll(() => council.locator('article', { hasText: TITLE }).textContent(), UI_WAIT).toContain('Reactie uiterlijk op')

    await council.getByRole('link', { name: 'Overleg', exact: true }).click()
    await expect.poll(() => council.getByRole('heading', { name: 'Alle overleggen' }).count(), UI_WAIT).toBe(1)
    await council.getByRole('button', { name: 'Overleg plannen' }).click()
    await expectAccessible(council, 'meetings page with the editor (council)')
    await council.context().close()

    const official = await (await newContext(browser, DESKTOP)).newPage()
    await signIn(official, 'els@beverwijk.nl', PASSWORD)
    await official.getByRole('link', { name: 'Advies', exact: true }).click()
    const card = official.locator('article', { hasText: TITLE })
    await expect.poll(() => card.getByRole('button', { name: 'Reactie versturen' }).count(), UI_WAIT).toBe(1)
    await card.getByLabel('Samenvatting van de reactie').fill('Goed advies. We zetten dit jaar tien bankjes neer.')
    await card.getByRole('group', { name: 'Wat doet de gemeente met advies 2?' }).getByText('Niet overgenomen').click()
    await card.getByRole('button', { name: 'Reactie versturen' }).click()
    // Not adopted without a why is refused here already.
    await expect.poll(() => card.getByText('Advies 2: schrijf waarom het (deels) niet is overgenomen.').count(), UI_WAIT).toBeGreaterThan(0)
    await card.getByLabel('Waarom is advies 2 (deels) niet overgenomen?').fill('Dat hebben we vorig jaar al gevraagd, in de wijkpeiling.')
    await expectAccessible(official, 'advice page with the response form (official)')
    await card.getByRole('button', { name: 'Reactie versturen' }).click()
    await expect.poll(() => official.getByText('De reactie is verstuurd en staat nu bij het advies.').count(), UI_WAIT).toBe(1)
    await official.context().close()

    const resident = await (await newContext(browser, PHONE)).newPage()
    await chooseMunicipality(resident, server.url, 'Beverwijk')
    await resident.goto(`${server.url}/advies`)
    const shown = resident.locator('li.mp-card', { hasText: TITLE })
    await expect.poll(() => shown.textContent(), UI_WAIT).toContain('Goed advies. We zetten dit jaar tien bankjes neer.')
    expect(await shown.textContent()).toContain('Dat hebben we vorig jaar al gevraagd, in de wijkpeiling.')
    expect(await shown.textContent()).toContain('Ongevraagd advies')
    // The demo's asked advice still waits, with its due date.
    await expect.poll(() => resident.getByTestId('public-advice-due').count(), UI_WAIT).toBeGreaterThan(0)
    await expectAccessible(resident, 'public advice page')

    await resident.goto(`${server.url}/overleg`)
    await expect.poll(() => resident.getByTestId('coming-meetings').count(), UI_WAIT).toBe(1)
    const propose = resident.getByTestId('propose-topic').first()
    expect(await propose.getAttribute('href')).toMatch(/^\/onderwerp-aandragen\?overleg=[0-9a-f-]{36}$/)
    await expect.poll(() => resident.getByTestId('past-meetings').textContent(), UI_WAIT).toContain('Wat is afgesproken')
    await expectAccessible(resident, 'public meetings page')
    await resident.context().close()
  })
})
