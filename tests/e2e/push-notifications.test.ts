import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { itemPushEvent } from '../../src/server/push/push-events'
import { axeViolations, describeViolations } from '../support/axe'
import { launchBrowser, newContext, UI_WAIT, waitForServiceWorker } from '../support/browser'
import { startE2eServer, type E2eServer } from '../support/e2e-server'
import { chooseMunicipality, itemIdByTitle } from '../support/resident'

const POLL = 'Mogen jongeren meepraten?'
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

interface ShownNotification {
  title: string
  body: string
  lang: string
  tag: string
  data: { url?: string }
}

describe('Web Push in the residents\' app (Chromium, 360 px)', () => {
  it('the profile page has an accessible Meldingen section that says the inbox stays the source, and a failed subscribe says so', async () => {
    const context = await newContext(browser)
    await context.grantPermissions(['notifications'], { origin: server.url })
    const page = await context.newPage()
    await chooseMunicipality(page, server.url)
    await waitForServiceWorker(page)
    await page.goto(`${server.url}/profiel`)
    const section = page.getByTestId('push-section')
    await expect.poll(() => section.getByRole('heading', { level: 2 }).textContent(), UI_WAIT).toBe('Meldingen')
    expect(await section.textContent()).toContain('Alles blijft ook in je inbox staan')
    expect(await page.getByTestId('push-state').textContent()).toContain('Meldingen staan uit.')
    const violations = await axeViolations(page)
    expect(violations, describeViolations(violations)).toEqual([])
    const sideways = () => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth)
    expect(await sideways()).toBe(false)
    await page.setViewportSize({ width: 180, height: 740 })
    expect(await sideways()).toBe(false)
    await page.setViewportSize({ width: 360, height: 740 })

    // Headless Chromium has the Push API but no push service to subscribe with: the resident is
    // told it did not work, and push stays off (nothing half-on).
    await page.getByTestId('push-toggle').focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => section.getByRole('alert').textContent(), { timeout: 30_000 }).toContain('Het lukte niet om meldingen aan te zetten.')
    expect(await page.getByTestId('push-state').textContent()).toContain('Meldingen staan uit.')
    const afterError = await axeViolations(page)
    expect(afterError, describeViolations(afterError)).toEqual([])
    await context.close()
  }, 120_000)

  it('a push message delivered to the service worker shows a notification in its language naming the municipality, and opening it opens the item', async () => {
    const itemId = await itemIdByTitle(server.url, 'beverwijk', POLL)
    const context = await newContext(browser)
    await context.grantPermissions(['notifications'], { origin: server.url })
    const page = await context.newPage()
    await chooseMunicipality(page, server.url)
    await waitForServiceWorker(page)

    // The registration id comes from the DevTools protocol, as the brief of the test asks.
    const cdp = await context.newCDPSession(page)
    const registrations: { registrationId: string; scopeURL: string; isDeleted: boolean }[] = []
    cdp.on('ServiceWorker.workerRegistrationUpdated', (event: { registrations: typeof registrations }) => registrations.push(...event.registrations))
    await cdp.send('ServiceWorker.enable')
    await expect.poll(() => registrations.some((r) => r.scopeURL === `${server.url}/` && !r.isDeleted), UI_WAIT).toBe(true)
    const registrationId = registrations.find((r) => r.scopeURL === `${server.url}/` && !r.isDeleted)!.registrationId

    // Exactly the payload the server sends an English-speaking device about new feedback.
    const payload = itemPushEvent('feedback', { id: itemId, title: POLL }, 'Beverwijk').en
    await cdp.send('ServiceWorker.deliverPushMessage', { origin: server.url, registrationId, data: JSON.stringify(payload) })

    const shown = () =>
      page.evaluate(() =>
        navigator.serviceWorker.ready
          .then((r) => r.getNotifications())
          .then((list) => list.map((n) => ({ title: n.title, body: n.body, lang: n.lang, tag: n.tag, data: n.data as { url?: string } }))),
      ) as Promise<ShownNotification[]>
    await expect.poll(async () => (await shown()).length, UI_WAIT).toBe(1)
    expect((await shown())[0]).toEqual({ title: POLL, body: 'Beverwijk municipality says what was done with the input.', lang: 'en', tag: `meepraat-feedback-${itemId}`, data: expect.objectContaining({ url: `/items/${itemId}` }) })

    // The DevTools protocol cannot click a notification. In the service worker's own global
    // (Runtime.evaluate on its target, through Playwright's Worker) the shown notification is
    // taken from the registration and given to the function the notificationclick listener calls.
    const worker = context.serviceWorkers().find((w) => w.url() === `${server.url}/sw.js`) ?? (await context.waitForEvent('serviceworker', UI_WAIT))
    await worker.evaluate(async () => {
      const scope = self as unknown as { registration: ServiceWorkerRegistration; meepraatOpenNotification(n: Notification): Promise<unknown> }
      const [notification] = await scope.registration.getNotifications()
      if (!notification) throw new Error('no notification shown')
      await scope.meepraatOpenNotification(notification)
    })
    await page.waitForURL(`${server.url}/items/${itemId}`, UI_WAIT)
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), UI_WAIT).toBe(POLL)
    await expect.poll(async () => (await shown()).length, UI_WAIT).toBe(0)

    // A Dutch payload is shown in Dutch.
    await cdp.send('ServiceWorker.deliverPushMessage', { origin: server.url, registrationId, data: JSON.stringify(itemPushEvent('feedback', { id: itemId, title: POLL }, 'Beverwijk').nl) })
    await expect.poll(async () => (await shown())[0]?.body, UI_WAIT).toBe('Gemeente Beverwijk laat weten wat er met de inbreng is gedaan.')
    expect((await shown())[0]?.lang).toBe('nl')
    await context.close()
  }, 120_000)
})
