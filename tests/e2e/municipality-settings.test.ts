import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { axeViolations, describeViolations } from '../support/axe'
import { DESKTOP, launchBrowser, newContext, PHONE, UI_WAIT } from '../support/browser'
import { createOfficialViaCli, startE2eServer, type E2eServer } from '../support/e2e-server'

const EMAIL = 'beheer@velsen.nl'
const PASSWORD = 'zonnige-dag-aan-zee'
let server: E2eServer
let browser: Browser
let files: string

beforeAll(async () => {
  server = await startE2eServer()
  await createOfficialViaCli(server, { email: EMAIL, password: PASSWORD, municipality: 'velsen', role: 'admin' })
  browser = await launchBrowser()
  files = mkdtempSync(path.join(tmpdir(), 'meepraat-logos-'))
  writeFileSync(path.join(files, 'script.svg'), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><script>alert(1)</script></svg>')
  writeFileSync(path.join(files, 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#036"/></svg>')
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
  if (files) rmSync(files, { recursive: true, force: true })
})

async function signIn(page: Page): Promise<void> {
  await page.goto(`${server.url}/beheer`)
  await page.waitForURL('**/beheer/inloggen**', UI_WAIT)
  await page.locator('#login-email').fill(EMAIL)
  await page.locator('#login-password').fill(PASSWORD)
  await page.getByRole('button', { name: 'Inloggen' }).click()
  await expect.poll(() => page.getByRole('link', { name: 'Gemeente', exact: true }).count(), UI_WAIT).toBe(1)
}

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

describe('back office Gemeente page (Chromium)', () => {
  it('lets an admin fix a refused setting from the error summary, add a theme the item form then offers, and refuses a logo with a script', async () => {
    const context = await newContext(browser, DESKTOP)
    const page = await context.newPage()
    await signIn(page)
    await page.getByRole('link', { name: 'Gemeente', exact: true }).click()
    await expect.poll(() => page.locator('#muni-name').inputValue(), UI_WAIT).toBe('Velsen')
    await expectNoViolations(page, 'municipality page')

    await page.locator('#muni-contact-website').fill('javascript:alert(1)')
    await page.locator('button[data-action="save-municipality"]').click()
    await expect.poll(() => page.getByText('Verbeter eerst dit').count(), UI_WAIT).toBe(1)
    expect(await page.evaluate(() => document.activeElement?.classList.contains('mp-summary'))).toBe(true)
    await expectNoViolations(page, 'municipality page with errors')
    await page.locator('.mp-summary a').first().click()
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('muni-contact-website')
    await page.locator('#muni-contact-website').fill('https://www.velsen.nl')

    await page.locator('#muni-themes-add').click()
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), UI_WAIT).toBe('muni-themes-4')
    await page.keyboard.type('sport')
    await page.locator('button[data-action="save-municipality"]').click()
    await expect.poll(() => page.getByText('De gegevens van de gemeente zijn opgeslagen.').count(), UI_WAIT).toBe(1)

    await page.locator('#muni-logo-file').setInputFiles(path.join(files, 'script.svg'))
    await page.locator('button[data-action="upload-logo"]').click()
    await expect.poll(() => page.locator('#muni-logo-error').textContent(), UI_WAIT).toContain('Dit logo kunnen we niet gebruiken')
    await page.locator('#muni-logo-file').setInputFiles(path.join(files, 'logo.svg'))
    await page.locator('button[data-action="upload-logo"]').click()
    await expect.poll(() => page.getByText('Het logo is opgeslagen.').count(), UI_WAIT).toBe(1)
    await expect.poll(() => page.getByText(/Er is een logo \(SVG/).count(), UI_WAIT).toBe(1)
    await expectNoViolations(page, 'municipality page after saving')

    await page.goto(`${server.url}/beheer/items/nieuw`)
    await expect.poll(() => page.locator('#item-theme option').allTextContents(), UI_WAIT).toEqual(['Kies een thema', 'opgroeien', 'meedoen', 'rondkomen', 'wonen en vervoer', 'sport'])
    await context.close()
  })

  it('fits a 360 px wide screen and 200% zoom (180 px wide) without sideways scrolling', async () => {
    for (const viewport of [PHONE, { width: 180, height: 740 }]) {
      const context = await newContext(browser, viewport)
      const page = await context.newPage()
      await signIn(page)
      await page.goto(`${server.url}/beheer/gemeente`)
      await expect.poll(() => page.locator('#muni-name').count(), UI_WAIT).toBe(1)
      expect(await sticksOut(page), `${viewport.width}px`).toEqual([])
      await context.close()
    }
  })
})
