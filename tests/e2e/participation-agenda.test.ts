import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { axeViolations, describeViolations } from '../support/axe'
import { DESKTOP, launchBrowser, newContext, PHONE, UI_WAIT } from '../support/browser'
import { createOfficialViaCli, startE2eServer, type E2eServer } from '../support/e2e-server'
import { chooseMunicipality, openMenuLink } from '../support/resident'

/*
 * The demo publishes Beverwijk's participation agenda for this year and next (src/server/demo/demo-agenda.ts):
 * residents read it in "Wat komt eraan"; officials print the yearly report.
 */
const EMAIL = 'agenda@beverwijk.nl'
const PASSWORD = 'heldere-lucht-boven-zee'
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

async function expectNoViolations(page: Page, where: string): Promise<void> {
  const violations = await axeViolations(page)
  expect(violations, `${where}\n${describeViolations(violations)}`).toEqual([])
}

/** The outermost elements that stick out to the right, when the page scrolls sideways at all. */
const sticksOut = (page: Page) =>
  page.evaluate(() => {
    if (document.documentElement.scrollWidth <= document.documentElement.clientWidth) return []
    const width = document.documentElement.clientWidth
    const out = [...document.querySelectorAll<HTMLElement>('body *')].filter((el) => el.getBoundingClientRect().right > width + 0.5)
    return out.filter((el) => !out.includes(el.parentElement as HTMLElement)).map((el) => `${el.tagName.toLowerCase()}#${el.id}.${[...el.classList].join('.')}`)
  })

describe('Wat komt eraan (Chromium, phone)', () => {
  it('shows the published agenda by quarter with links to its items and to suggesting a topic, passes axe and fits 360 px and 200% zoom', async () => {
    const context = await newContext(browser, PHONE)
    const page = await context.newPage()
    await chooseMunicipality(page, server.url)
    await openMenuLink(page, 'Wat komt eraan')
    await page.waitForURL('**/wat-komt-eraan', UI_WAIT)
    const year = new Date().getFullYear()
    await expect.poll(() => page.getByRole('heading', { name: `Agenda ${year}`, exact: true }).count(), UI_WAIT).toBe(1)
    expect(await page.getByRole('heading', { name: `Agenda ${year + 1}`, exact: true }).count()).toBe(1)
    expect(await page.getByRole('heading', { name: `Kwartaal 1 van ${year}` }).count()).toBe(1)
    const entry = page.locator('li', { has: page.getByRole('heading', { name: 'Jongeren praten mee' }) })
    expect(await entry.getByText('Bijeenkomst', { exact: false }).count()).toBeGreaterThan(0)
    const suggest = page.getByTestId('suggest-topic').first()
    expect(await suggest.getAttribute('href')).toMatch(/^\/onderwerp-aandragen\?agenda=[0-9a-f-]{36}$/)

    await expectNoViolations(page, 'agenda page at 360 px')
    expect(await sticksOut(page)).toEqual([])
    // 200% zoom on a 360 px phone is a 180 px wide layout.
    await page.setViewportSize({ width: 180, height: 740 })
    expect(await sticksOut(page)).toEqual([])
    await expectNoViolations(page, 'agenda page at 200% zoom')
    await page.setViewportSize(PHONE)

    // From the agenda to the item that carries the topic out, and back by the item's link.
    await entry.getByRole('link', { name: 'Mogen jongeren meepraten?' }).click()
    await page.waitForURL('**/items/**', UI_WAIT)
    await expect.poll(() => page.getByTestId('agenda-link').count(), UI_WAIT).toBe(1)
    await context.close()
  })
})

async function signInToBeheer(page: Page): Promise<void> {
  await page.goto(`${server.url}/beheer`)
  await page.waitForURL('**/beheer/inloggen**', UI_WAIT)
  await page.locator('#login-email').fill(EMAIL)
  await page.locator('#login-password').fill(PASSWORD)
  await page.getByRole('button', { name: 'Inloggen' }).click()
  await expect.poll(() => page.getByRole('link', { name: 'Participatieagenda', exact: true }).count(), UI_WAIT).toBe(1)
}

describe('Participatieagenda and Invoeren namens inwoners in the back office (Chromium)', () => {
  it('adds a topic to next year\'s agenda and publishes it; the page passes axe', async () => {
    const context = await newContext(browser, DESKTOP)
    const page = await context.newPage()
    await signInToBeheer(page)
    await page.getByRole('link', { name: 'Participatieagenda', exact: true }).click()
    await expect.poll(() => page.getByTestId('agenda-entries').count(), UI_WAIT).toBe(1)
    await expectNoViolations(page, 'agenda page')
    await page.locator('button[data-action="new-entry"]').click()
    await page.locator('#entry-new-title').fill('Sportvelden in de wijk')
    await page.locator('#entry-new-summary').fill('Waar komen nieuwe sportvelden en voor wie?')
    await page.getByRole('checkbox', { name: 'Peiling' }).check()
    await expectNoViolations(page, 'agenda page with the entry form')
    await page.getByRole('button', { name: 'Onderwerp opslaan' }).click()
    await expect.poll(() => page.getByTestId('agenda-entries').textContent(), UI_WAIT).toContain('Sportvelden in de wijk')
    await page.locator('button[data-action="publish-agenda"]').click()
    await expect.poll(() => page.getByText('De agenda is gepubliceerd.').count(), UI_WAIT).toBe(1)
    await context.close()
  })

  it('keeps entered paper forms in a queue that survives a reload until they are sent, then counts them', async () => {
    const context = await newContext(browser, DESKTOP)
    const page = await context.newPage()
    await signInToBeheer(page)
    const items = (await (await page.request.get(`${server.url}/api/official/items`)).json()) as { items: { id: string; title: string; municipality: string }[] }
    const poll = items.items.find((i) => i.title === 'Mogen jongeren meepraten?' && i.municipality === 'beverwijk')!
    await page.goto(`${server.url}/beheer/items/${poll.id}/inbreng`)
    await expect.poll(() => page.getByTestId('on-behalf').count(), UI_WAIT).toBe(1)
    const before = Number((await page.getByTestId('respondent-count').textContent())?.match(/\d+/)?.[0])
    await expectNoViolations(page, 'input page with the on-behalf form')
    const form = page.getByTestId('on-behalf')
    await form.getByRole('radio', { name: 'Ja' }).first().check()
    await form.getByRole('button', { name: 'Versturen' }).click()
    await expect.poll(() => page.getByTestId('on-behalf-queue').textContent(), UI_WAIT).toContain('1 formulier')
    await page.reload()
    await expect.poll(() => page.getByTestId('on-behalf-queue').textContent(), UI_WAIT).toContain('1 formulier')
    await page.locator('button[data-action="send-on-behalf"]').click()
    await expect.poll(() => page.getByTestId('on-behalf-queue').textContent(), UI_WAIT).toContain('0 formulieren')
    await expect.poll(async () => Number((await page.getByTestId('respondent-count').textContent())?.match(/\d+/)?.[0]), UI_WAIT).toBe(before + 1)
    await context.close()
  })
})

describe('Jaarverslag in the back office (Chromium)', () => {
  it('renders the yearly report of this year with its figures, offers a CSV, and passes axe', async () => {
    const context = await newContext(browser, DESKTOP)
    const page = await context.newPage()
    await page.goto(`${server.url}/beheer`)
    await page.waitForURL('**/beheer/inloggen**', UI_WAIT)
    await page.locator('#login-email').fill(EMAIL)
    await page.locator('#login-password').fill(PASSWORD)
    await page.getByRole('button', { name: 'Inloggen' }).click()
    await expect.poll(() => page.getByRole('link', { name: 'Jaarverslag', exact: true }).count(), UI_WAIT).toBe(1)
    await page.getByRole('link', { name: 'Jaarverslag', exact: true }).click()
    await expect.poll(() => page.getByTestId('report-period').count(), UI_WAIT).toBe(1)
    // The demo's items are of this year: ask for this year instead of the previous one.
    const year = new Date().getFullYear()
    await page.locator('#report-from').fill(`${year}-01-01`)
    await page.locator('#report-to').fill(`${year}-12-31`)
    await page.getByRole('button', { name: 'Toon cijfers' }).click()
    await expect.poll(() => page.getByTestId('report-period').textContent(), UI_WAIT).toContain(String(year))
    await expect.poll(() => page.getByTestId('reach-channel').textContent(), UI_WAIT).toContain('Op papier')
    expect(await page.getByText('Jongeren praten mee').count()).toBeGreaterThan(0)
    expect(await page.locator('a[data-action="csv"]').getAttribute('href')).toContain('format=csv')
    await expectNoViolations(page, 'report page')
    await page.emulateMedia({ media: 'print' })
    expect(await page.locator('.mp-report__period').isVisible()).toBe(false)
    await context.close()
  })
})
