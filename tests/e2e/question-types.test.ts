import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { Question } from '../../src/shared/question-types/registry'
import { axeViolations, describeViolations } from '../support/axe'
import { DESKTOP, launchBrowser, newContext, PHONE } from '../support/browser'
import { createOfficialViaCli, startE2eServer, type E2eServer } from '../support/e2e-server'
import { officialHttpSession, type HttpSession } from '../support/official-http'
import { chooseMunicipality } from '../support/resident'

const EMAIL = 'ambtenaar@beverwijk.nl'
const PASSWORD = 'lange-wandeling-langs-zee'
const TITLE = 'Wat vind je belangrijk in Beverwijk?'
const DAY = 24 * 60 * 60 * 1000
const WAIT = { timeout: 15_000 }

const questions: Question[] = [
  { id: 'kids', type: 'single', label: 'Heb je kinderen?', required: true, options: [{ id: 'ja', label: 'Ja' }, { id: 'nee', label: 'Nee' }] },
  { id: 'why', type: 'text', label: 'Wat mis je voor je kinderen?', required: true, max: 300, showIf: { questionId: 'kids', anyOf: ['ja'] } },
  { id: 'later', type: 'single', label: 'Denk je later aan kinderen?', required: true, options: [{ id: 'wel', label: 'Misschien' }, { id: 'niet', label: 'Nee' }], showIf: { questionId: 'kids', anyOf: ['nee'] } },
  {
    id: 'prio',
    type: 'ranking',
    label: 'Wat moet de gemeente eerst doen?',
    required: true,
    max: 3,
    options: [
      { id: 'opvang', label: 'Kinderopvang' },
      { id: 'sport', label: 'Sportclubs' },
      { id: 'bus', label: 'Busvervoer' },
      { id: 'hulp', label: 'Hulp thuis' },
      { id: 'park', label: 'Parken' },
    ],
  },
  {
    id: 'wijk',
    type: 'matrix',
    label: 'Wat vind je van je wijk?',
    required: true,
    min: 1,
    max: 5,
    minLabel: 'Helemaal oneens',
    maxLabel: 'Helemaal eens',
    rows: [
      { id: 'veilig', label: 'Ik voel me veilig op straat.' },
      { id: 'schoon', label: 'De straat is schoon.' },
      { id: 'buren', label: 'Ik ken mijn buren.' },
    ],
  },
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
    summary: 'We vragen wat je belangrijk vindt, zodat we weten waar we moeten beginnen.',
    theme: 'opgroeien',
    ladder: 'raadplegen',
    phase: 'agenda',
    opensAt: new Date(now - 60_000).toISOString(),
    closesAt: new Date(now + 10 * DAY).toISOString(),
    feedbackDueAt: new Date(now + 40 * DAY).toISOString(),
    resultsVisibility: 'after_close',
    questions,
  })
  expect(created.status, await created.clone().text()).toBe(201)
  itemId = ((await created.json()) as { id: string }).id
  const published = await official.post(`/api/official/items/${itemId}/publish`, {})
  expect(published.status, await published.clone().text()).toBe(200)
  browser = await launchBrowser()
}, 120_000)
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

/** The elements that stick out past the right edge of the screen (the page then scrolls sideways); none is the goal. */
const sticksOut = (page: Page) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth
    const out = [...document.querySelectorAll<HTMLElement>('body *')].filter((el) => el.getBoundingClientRect().right > width + 0.5)
    // Report the outermost offenders only, by tag, id and class, so a failure says where to look.
    const name = (el: HTMLElement) => `${el.tagName.toLowerCase()}#${el.id}.${[...el.classList].join('.')}`
    // Name each offender with the question it sits in, so a failure says where to look.
    return out.filter((el) => !out.includes(el.parentElement as HTMLElement)).map((el) => {
      const question = el.closest<HTMLElement>('.mp-question fieldset[id]')
      return question ? `in #${question.id}: ${name(el)}` : name(el)
    })
  })
const scrollsSideways = async (page: Page) => {
  const wider = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth)
  return wider ? await sticksOut(page) : false
}

async function expectNoViolations(page: Page, where: string): Promise<void> {
  const violations = await axeViolations(page)
  expect(violations, `${where}\n${describeViolations(violations)}`).toEqual([])
}

/** The option labels of the resident's ranking, in order. */
const rankedLabels = (page: Page) => page.locator('#q-prio .mp-ranking__list .mp-ranking__label').allTextContents()

describe('question types (Chromium, 360 x 740)', () => {
  it('lets a resident answer a ranking, a matrix and conditional questions; the hidden answer is never sent and the server stores the rest', async () => {
    const context = await newContext(browser, PHONE)
    const page = await context.newPage()
    const sent: unknown[] = []
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/api/submissions')) sent.push(request.postDataJSON())
    })
    await chooseMunicipality(page, server.url)
    await page.goto(`${server.url}/items/${itemId}`)
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), WAIT).toBe(TITLE)
    expect(await scrollsSideways(page)).toBe(false)

    // Conditions: "ja" brings the follow-up; the resident writes in it, then changes to "nee".
    expect(await page.locator('#q-why').count()).toBe(0)
    await page.getByRole('group', { name: /Heb je kinderen/ }).getByRole('radio', { name: 'Ja' }).check()
    await page.locator('#q-why-input').fill('Een speeltuin dichtbij')
    await page.getByRole('group', { name: /Heb je kinderen/ }).getByRole('radio', { name: 'Nee' }).check()
    await expect.poll(() => page.locator('#q-why').count(), WAIT).toBe(0)
    await page.getByRole('group', { name: /Denk je later aan kinderen/ }).getByRole('radio', { name: 'Misschien' }).check()

    // Ranking: buttons, then the keyboard on the handle, then a drag with the pointer.
    for (const name of ['Busvervoer', 'Kinderopvang', 'Parken']) await page.getByRole('button', { name: `${name} kiezen`, exact: false }).click()
    expect(await rankedLabels(page)).toEqual(['Busvervoer', 'Kinderopvang', 'Parken'])
    const live = page.locator('#q-prio [data-testid="ranking-announcement"]')
    await expect.poll(() => live.textContent(), WAIT).toContain('Parken staat nu op plaats 3 van 3')
    expect(await page.locator('#q-prio-sport-add').isDisabled()).toBe(true)
    await page.getByRole('button', { name: 'Kinderopvang een plaats omhoog' }).click()
    expect(await rankedLabels(page)).toEqual(['Kinderopvang', 'Busvervoer', 'Parken'])
    await expect.poll(() => live.textContent(), WAIT).toBe('Kinderopvang staat nu op plaats 1 van 3')
    await page.locator('#q-prio-park-handle').focus()
    await page.keyboard.press('ArrowUp')
    expect(await rankedLabels(page)).toEqual(['Kinderopvang', 'Parken', 'Busvervoer'])
    await expect.poll(() => live.textContent(), WAIT).toBe('Parken staat nu op plaats 2 van 3')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('q-prio-park-handle')

    const handle = await page.locator('#q-prio-bus-handle').boundingBox()
    const firstRow = await page.locator('#q-prio .mp-ranking__list li').first().boundingBox()
    if (!handle || !firstRow) throw new Error('the ranking is not laid out')
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2)
    await page.mouse.down()
    await page.mouse.move(handle.x + handle.width / 2, firstRow.y + 4, { steps: 8 })
    await page.mouse.up()
    expect(await rankedLabels(page)).toEqual(['Busvervoer', 'Kinderopvang', 'Parken'])
    await expect.poll(() => live.textContent(), WAIT).toBe('Busvervoer staat nu op plaats 1 van 3')

    // Every control of the ranking is a 44 x 44 px target at least.
    const boxes = await page.locator('#q-prio button').evaluateAll((buttons) => buttons.map((b) => b.getBoundingClientRect()).map((r) => [r.width, r.height]))
    for (const [width, height] of boxes) expect(Math.min(width!, height!)).toBeGreaterThanOrEqual(44)

    // Matrix: one radio group per statement.
    for (const [statement, value] of [['Ik voel me veilig op straat.', '4'], ['De straat is schoon.', '2'], ['Ik ken mijn buren.', '5, Helemaal eens']] as const) {
      await page.getByRole('group', { name: statement }).getByRole('radio', { name: value, exact: true }).check()
    }
    expect(await scrollsSideways(page)).toBe(false)
    await expectNoViolations(page, 'item page with every question type')

    await page.getByRole('button', { name: 'Versturen' }).click()
    await expect.poll(() => page.getByText('Verstuurd', { exact: true }).count(), { timeout: 20_000 }).toBeGreaterThan(0)
    const expected = { kids: 'nee', later: 'wel', prio: ['bus', 'opvang', 'park'], wijk: { veilig: 4, schoon: 2, buren: 5 } }
    expect(sent).toHaveLength(1)
    expect((sent[0] as { submissions: { answers: unknown }[] }).submissions[0]?.answers).toEqual(expected)

    const exported = await official.get(`/api/official/items/${itemId}/export?format=json`)
    expect(exported.status).toBe(200)
    const body = JSON.stringify(await exported.json())
    expect(body).not.toContain('Een speeltuin dichtbij')
    expect(body).toContain('"opvang"')
    const input = (await (await official.get(`/api/official/items/${itemId}/input`)).json()) as { results: { respondents: number } }
    expect(input.results.respondents).toBe(1)
    await expectNoViolations(page, 'item page after sending')
    await context.close()
  })

  it('shows an official the builder settings and the results of ranking, matrix and conditional questions, without axe violations', async () => {
    const context = await newContext(browser, DESKTOP)
    const page = await context.newPage()
    await page.goto(`${server.url}/beheer`)
    await page.waitForURL('**/beheer/inloggen**')
    await page.locator('#login-email').fill(EMAIL)
    await page.locator('#login-password').fill(PASSWORD)
    await page.getByRole('button', { name: 'Inloggen' }).click()
    await expect.poll(() => page.getByRole('link', { name: 'Nieuw item', exact: true }).count(), WAIT).toBe(1)

    await page.goto(`${server.url}/beheer/items/${itemId}`)
    await expect.poll(() => page.locator('#qb-why-condition').inputValue(), WAIT).toBe('kids')
    expect(await page.locator('#qb-prio-max').inputValue()).toBe('3')
    expect(await page.locator('#qb-wijk-veilig-label').inputValue()).toBe('Ik voel me veilig op straat.')
    await expectNoViolations(page, 'item editor with ranking, matrix and conditions')

    await page.goto(`${server.url}/beheer/items/${itemId}/inbreng`)
    await expect.poll(() => page.getByRole('table', { name: /Volgorde: Wat moet de gemeente eerst doen/ }).count(), WAIT).toBe(1)
    await expect.poll(() => page.getByRole('heading', { name: 'Ik ken mijn buren.' }).count(), WAIT).toBe(1)
    await expectNoViolations(page, 'input page with ranking and matrix results')
    await context.close()
  })

  it('keeps the matrix and the ranking on screen at 200% zoom (180 px wide) without sideways scrolling', async () => {
    const context = await newContext(browser, { width: 180, height: 370 })
    const page = await context.newPage()
    await chooseMunicipality(page, server.url)
    await page.goto(`${server.url}/items/${itemId}`)
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), WAIT).toBe(TITLE)
    await page.getByRole('button', { name: 'Kinderopvang kiezen', exact: false }).click()
    await page.getByRole('button', { name: 'Sportclubs kiezen', exact: false }).click()
    await expect.poll(() => rankedLabels(page), WAIT).toEqual(['Kinderopvang', 'Sportclubs'])
    await page.getByRole('group', { name: 'Ik ken mijn buren.' }).getByRole('radio', { name: '3', exact: true }).check()
    // The questions themselves fit; elsewhere on the page (the ladder of the item's expectations,
    // not part of the question types) may still stick out at this width.
    expect((await sticksOut(page)).filter((el) => /mp-(ranking|matrix|scale|choice)|#q-/.test(el))).toEqual([])
    await context.close()
  })
})
