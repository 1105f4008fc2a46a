import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { axeViolations, describeViolations } from '../support/axe'
import { launchBrowser, newContext, UI_WAIT } from '../support/browser'
import { startE2eServer, type E2eServer } from '../support/e2e-server'
import { chooseMunicipality, givenOtherResidentsAnswered, itemIdByTitle, respondents } from '../support/resident'

const QUESTION = 'Wat maakt het moeilijk om hulp te vinden?'
const POLL = 'Mogen jongeren meepraten?'
/** What a resident pasted from somewhere: a NUL character in the middle of the text. */
const PASTED = 'Het loket is ver weg\u0000 en de website is moeilijk.'

let server: E2eServer
let browser: Browser

beforeAll(async () => {
  server = await startE2eServer()
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

async function openItem(page: Page, title: string): Promise<void> {
  await page.goto(`${server.url}/`)
  await page.getByRole('link', { name: title }).click()
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), UI_WAIT).toBe(title)
}

/** The answer card of an item on Mijn inbreng. */
function cardOf(page: Page, title: string) {
  return page.locator('li.mp-card').filter({ has: page.getByRole('heading', { name: title }) })
}

describe('an answer the server cannot take (Chromium)', () => {
  it('does not hold up the next answer: that one is sent, the pasted NUL answer shows as stuck or not accepted', async () => {
    const pollId = await itemIdByTitle(server.url, 'beverwijk', POLL)
    await givenOtherResidentsAnswered(server.url, pollId)
    const before = await respondents(server.url, pollId)
    const context = await newContext(browser)
    const page = await context.newPage()
    await chooseMunicipality(page, server.url)
    await expect.poll(() => page.getByRole('link', { name: QUESTION }).count(), UI_WAIT).toBe(1)

    await openItem(page, QUESTION)
    const text = page.getByRole('textbox', { name: new RegExp(`^${QUESTION}`) })
    await text.focus()
    await page.keyboard.insertText(PASTED)
    expect(await text.inputValue()).toContain('\u0000')
    await page.getByRole('button', { name: 'Versturen', exact: true }).click()
    // Today's server answers 500 (it keeps trying); a server that refuses NUL says "not accepted".
    // A client that refuses NUL in the form itself keeps the answer in the form and says why.
    const poisonShown = () =>
      page.getByText(/^(Komt nog niet aan|Niet aangenomen|Opgeslagen op je telefoon)|Nog niet alles is goed ingevuld/).count()
    await expect.poll(poisonShown, { timeout: 20_000 }).toBeGreaterThan(0)
    const refusedInForm = (await page.getByText('Nog niet alles is goed ingevuld').count()) > 0
    // Refused in the form, the resident reads what to do about it, in words, not a raw key.
    if (refusedInForm) expect(await page.getByText('Je tekst bevat een teken dat we niet kunnen opslaan').count()).toBeGreaterThan(0)

    await openItem(page, POLL)
    await page.getByRole('radio', { name: 'Ja', exact: true }).check()
    await page.getByRole('button', { name: 'Versturen', exact: true }).click()
    await expect.poll(() => page.getByText('Verstuurd', { exact: true }).count(), { timeout: 30_000 }).toBeGreaterThan(0)
    await expect.poll(() => respondents(server.url, pollId), { timeout: 10_000 }).toBe(before + 1)

    await page.goto(`${server.url}/mijn-inbreng`)
    await expect.poll(() => cardOf(page, POLL).getByText('Verstuurd', { exact: true }).count(), UI_WAIT).toBe(1)
    const poison = cardOf(page, QUESTION)
    if (!refusedInForm) {
      // It never passes for sent: it is stuck (and why) or not accepted (and why).
      await expect
        .poll(() => poison.locator('.mp-state--stuck, .mp-state--rejected').count(), { timeout: 60_000 })
        .toBe(1)
      expect(await poison.getByText('Verstuurd', { exact: true }).count()).toBe(0)
      expect((await poison.getByTestId('answer-reason').textContent())?.length ?? 0).toBeGreaterThan(10)
    }
    const violations = await axeViolations(page)
    expect(violations, describeViolations(violations)).toEqual([])
    await context.close()
  })
})
