import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import { UI_WAIT } from './browser'

/** Opens the app and chooses a municipality, as a resident does on a first visit. */
export async function chooseMunicipality(page: Page, baseUrl: string, name = 'Beverwijk'): Promise<void> {
  await page.goto(baseUrl)
  await page.waitForURL('**/kies-gemeente', UI_WAIT)
  await page.getByRole('radio', { name: new RegExp(`^${name}`) }).check()
  await page.getByRole('button', { name: 'Kiezen' }).click()
  await page.waitForURL(`${baseUrl}/`, UI_WAIT)
}

/** Follows a link of the resident's main menu, which folds open from the header's Menu button. */
export async function openMenuLink(page: Page, name: string): Promise<void> {
  const menu = page.getByRole('button', { name: 'Menu' })
  if ((await menu.getAttribute('aria-expanded')) !== 'true') await menu.click()
  await page.locator('#mp-menu').getByRole('link', { name, exact: true }).click()
}

/**
 * The public respondent count of an item, read straight from the server. Residents see counts
 * only from 5 devices on: call {@link givenOtherResidentsAnswered} first.
 */
export async function respondents(baseUrl: string, itemId: string): Promise<number> {
  const res = await fetch(`${baseUrl}/api/items/${itemId}/results`)
  expect(res.status).toBe(200)
  const body = (await res.json()) as { enoughAnswers: boolean; respondents?: number }
  if (!body.enoughAnswers || body.respondents === undefined) throw new Error(`item ${itemId} has too few answers to show counts: let other residents answer first`)
  return body.respondents
}

interface PublicQuestion {
  id: string
  type: string
  required: boolean
  showIf?: unknown
  options?: { id: string }[]
  rows?: { id: string }[]
  min?: number
}

/** The plainest valid answer to each required, unconditional question of an item. */
function plainAnswers(questions: PublicQuestion[]): Record<string, unknown> {
  const answers: Record<string, unknown> = {}
  for (const q of questions) {
    if (!q.required || q.showIf) continue
    const first = q.options?.[0]?.id
    if (q.type === 'single') answers[q.id] = first
    else if (q.type === 'multiple') answers[q.id] = [first]
    else if (q.type === 'scale') answers[q.id] = q.min ?? 1
    else if (q.type === 'text') answers[q.id] = 'Goed plan'
    else if (q.type === 'ranking') answers[q.id] = (q.options ?? []).map((o) => o.id)
    else if (q.type === 'matrix') answers[q.id] = Object.fromEntries((q.rows ?? []).map((r) => [r.id, q.min ?? 1]))
  }
  return answers
}

/** Other residents (fresh devices) answer an item through the API, so its results become public. */
export async function givenOtherResidentsAnswered(baseUrl: string, itemId: string, count = 5): Promise<void> {
  const item = (await (await fetch(`${baseUrl}/api/items/${itemId}`)).json()) as { municipality: string; questions: PublicQuestion[] }
  const submissions = Array.from({ length: count }, () => ({
    id: crypto.randomUUID(),
    itemId,
    deviceId: Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString('base64url'),
    answeredAt: new Date().toISOString(),
    answers: plainAnswers(item.questions),
  }))
  const res = await fetch(`${baseUrl}/api/submissions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ submissions }) })
  const body = (await res.json()) as { results: { status: string }[] }
  expect(body.results.map((r) => r.status)).toEqual(submissions.map(() => 'accepted'))
}

/** The id of a published item by its title. */
export async function itemIdByTitle(baseUrl: string, municipality: string, title: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/items?municipality=${municipality}`)
  const body = (await res.json()) as { items: { id: string; title: string }[] }
  const item = body.items.find((i) => i.title === title)
  if (!item) throw new Error(`no item titled ${title}`)
  return item.id
}
