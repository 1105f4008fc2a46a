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

/** The public respondent count of an item, read straight from the server. */
export async function respondents(baseUrl: string, itemId: string): Promise<number> {
  const res = await fetch(`${baseUrl}/api/items/${itemId}/results`)
  expect(res.status).toBe(200)
  return ((await res.json()) as { respondents: number }).respondents
}

/** The id of a published item by its title. */
export async function itemIdByTitle(baseUrl: string, municipality: string, title: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/items?municipality=${municipality}`)
  const body = (await res.json()) as { items: { id: string; title: string }[] }
  const item = body.items.find((i) => i.title === title)
  if (!item) throw new Error(`no item titled ${title}`)
  return item.id
}
