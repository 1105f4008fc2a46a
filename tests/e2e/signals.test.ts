import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { axeViolations, describeViolations } from '../support/axe'
import { launchBrowser, newContext, PHONE, UI_WAIT, waitForServiceWorker } from '../support/browser'
import { startE2eServer, type E2eServer } from '../support/e2e-server'
import { chooseMunicipality, openMenuLink } from '../support/resident'

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

/** What the server holds for a device (its own signals and supports), read through `GET /api/me/data`. */
async function heldFor(deviceId: string): Promise<{ signals: { id: string; title: string; moderation: string }[]; signalSupports: { signalId: string }[] }> {
  const res = await fetch(`${server.url}/api/me/data`, { headers: { authorization: `Device ${deviceId}` } })
  expect(res.status).toBe(200)
  return (await res.json()) as never
}

/** Every `POST /api/signals` the page makes, with the signals it carried. */
function recordSignalPosts(page: Page): { id: string; deviceId: string; title: string }[] {
  const sent: { id: string; deviceId: string; title: string }[] = []
  page.on('request', (request) => {
    if (request.method() !== 'POST' || !request.url().endsWith('/api/signals')) return
    const body = request.postDataJSON() as { signals: { id: string; deviceId: string; title: string }[] }
    sent.push(...body.signals)
  })
  return sent
}

async function fillSignal(page: Page, title: string): Promise<void> {
  await page.getByRole('radio', { name: /Een voorstel doen/ }).check()
  await page.getByLabel('Waar gaat het over?').fill(title)
  await page.getByLabel('Vertel wat je ziet of wat je voorstelt').fill('Op zaterdag is de speeltuin in de Oranjebuurt op slot. Kinderen spelen dan op straat.')
  await expect.poll(() => page.locator('#sig-theme').count(), UI_WAIT).toBe(1)
  await page.locator('#sig-theme').selectOption('opgroeien')
  await page.locator('#sig-area').selectOption('Oranjebuurt')
}

/** The phone's device id, read from its own database (the app made it when the signal was saved). */
function deviceIdOnPhone(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('meepraat')
        open.onerror = () => reject(new Error('cannot open the app database'))
        open.onsuccess = () => {
          const get = open.result.transaction('meta').objectStore('meta').get('deviceId')
          get.onsuccess = () => resolve((get.result as { value: string }).value)
          get.onerror = () => reject(new Error('no device id'))
        }
      }),
  )
}

const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth)

describe('signals and proposals (Chromium)', () => {
  it('keeps a signal raised offline on the phone and sends it exactly once when back online', async () => {
    const context = await newContext(browser)
    const page = await context.newPage()
    const posted = recordSignalPosts(page)
    await chooseMunicipality(page, server.url)
    await waitForServiceWorker(page)
    await openMenuLink(page, 'Meepraten')
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), UI_WAIT).toBe('Zelf meepraten')
    await page.getByRole('link', { name: 'Onderwerp aandragen' }).click()
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), UI_WAIT).toBe('Onderwerp aandragen')
    await expect.poll(() => page.getByTestId('signal-promise').textContent(), UI_WAIT).toBe('Binnen 6 weken hoor je wat we ermee doen.')

    await context.setOffline(true)
    const title = `Speeltuin op zaterdag open ${crypto.randomUUID().slice(0, 8)}`
    await fillSignal(page, title)
    await page.getByRole('button', { name: 'Versturen' }).click()
    await expect.poll(() => page.getByText('Opgeslagen op deze telefoon', { exact: true }).count(), UI_WAIT).toBeGreaterThan(0)
    const deviceId = await deviceIdOnPhone(page)
    // Nothing reached the server while the phone was offline.
    expect((await heldFor(deviceId)).signals).toEqual([])

    await context.setOffline(false)
    await expect.poll(() => page.getByText('Verstuurd', { exact: true }).count(), { timeout: 20_000 }).toBeGreaterThan(0)
    const ours = posted.filter((s) => s.title === title)
    expect(ours.length).toBeGreaterThan(0)
    // Every try carried the same id and device; the server holds one row for it.
    expect(new Set(ours.map((s) => `${s.id} ${s.deviceId}`))).toEqual(new Set([`${ours[0]!.id} ${deviceId}`]))
    expect((await heldFor(deviceId)).signals.filter((s) => s.title === title)).toEqual([expect.objectContaining({ id: ours[0]!.id, moderation: 'pending' })])

    // Mijn inbreng lists it as sent; syncing again sends nothing twice.
    await page.goto(`${server.url}/mijn-inbreng`)
    await expect.poll(() => page.getByTestId('my-signal').filter({ hasText: title }).getByText('Verstuurd', { exact: true }).count(), UI_WAIT).toBe(1)
    await page.reload()
    await expect.poll(() => page.getByTestId('my-signal').filter({ hasText: title }).count(), UI_WAIT).toBe(1)
    expect((await heldFor(deviceId)).signals.filter((s) => s.title === title)).toHaveLength(1)
    await context.close()
  })

  it('lets a resident back a published signal once with "Dit herken ik", and the page says it is not a vote', async () => {
    const context = await newContext(browser)
    const page = await context.newPage()
    await chooseMunicipality(page, server.url)
    await page.goto(`${server.url}/signalen`)
    await expect.poll(() => page.getByTestId('signal-card').count(), UI_WAIT).toBeGreaterThan(0)
    await expect.poll(() => page.getByTestId('signals-not-a-vote').textContent(), UI_WAIT).toContain('Het is geen stemming')
    const card = page.getByTestId('signal-card').filter({ hasText: 'Taalcafé in de wijk voor nieuwe inwoners' })
    const before = await card.getByTestId('signal-support-count').textContent()
    expect(before).toBe('2 mensen herkennen dit')
    await card.getByTestId('signal-support').click()
    await expect.poll(() => card.getByTestId('signal-support').getAttribute('aria-pressed'), UI_WAIT).toBe('true')
    await expect.poll(() => card.getByTestId('signal-support-count').textContent(), UI_WAIT).toBe('3 mensen herkennen dit')
    // Pressing again changes nothing; after a reload the server's count has it once, and the button stays pressed.
    await card.getByTestId('signal-support').click()
    await page.reload()
    await expect.poll(() => card.getByTestId('signal-support-count').textContent(), UI_WAIT).toBe('3 mensen herkennen dit')
    expect(await card.getByTestId('signal-support').getAttribute('aria-pressed')).toBe('true')
    await context.close()
  })

  it('has no WCAG 2.1 A/AA violations on the hub, the form (also with its errors) and the list, and fits 360 px and 200% zoom', async () => {
    const context = await newContext(browser)
    const page = await context.newPage()
    await chooseMunicipality(page, server.url)
    const pages: [string, () => Promise<unknown>][] = [
      ['/meepraten', () => expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), UI_WAIT).toBe('Zelf meepraten')],
      ['/onderwerp-aandragen', () => expect.poll(() => page.locator('#sig-theme').count(), UI_WAIT).toBe(1)],
      ['/signalen', () => expect.poll(() => page.getByTestId('signal-card').count(), UI_WAIT).toBeGreaterThan(0)],
    ]
    for (const [path, ready] of pages) {
      await page.setViewportSize(PHONE)
      await page.goto(`${server.url}${path}`)
      await ready()
      const violations = await axeViolations(page)
      expect(violations, `${path}: ${describeViolations(violations)}`).toEqual([])
      expect(await sideways(page), `${path} at 360 px`).toBe(false)
      // 200% zoom on a 360 px phone is a 180 px wide layout.
      await page.setViewportSize({ width: 180, height: 740 })
      expect(await sideways(page), `${path} at 180 px`).toBe(false)
    }
    // The form with its error summary, and with the contact fields open.
    await page.setViewportSize(PHONE)
    await page.goto(`${server.url}/onderwerp-aandragen`)
    await expect.poll(() => page.locator('#sig-theme').count(), UI_WAIT).toBe(1)
    await page.getByRole('checkbox', { name: 'Neem contact met mij op' }).check()
    await page.getByRole('button', { name: 'Versturen' }).click()
    await expect.poll(() => page.getByText('Nog niet alles is goed ingevuld').count(), UI_WAIT).toBeGreaterThan(0)
    const errors = await axeViolations(page)
    expect(errors, describeViolations(errors)).toEqual([])
    await page.setViewportSize({ width: 180, height: 740 })
    expect(await sideways(page), 'form with errors at 180 px').toBe(false)
    await context.close()
  })
})
