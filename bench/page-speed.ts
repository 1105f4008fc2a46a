/**
 * What a resident on a poor phone meets: Lighthouse (12.2.3, mobile preset, simulated throttling)
 * on three pages, and the time from opening a poll's link to "Verstuurd" on Fast 3G and Slow 3G
 * (Chromium's own network throttling through the DevTools protocol). Against the built app
 * (`dist/client`) and a real server process with demo content on a fresh embedded database.
 *
 *   npx tsx bench/page-speed.ts            (BENCH_LIGHTHOUSE_RUNS, BENCH_SEND_RUNS: runs per page, default 3;
 *                                           BENCH_STATIC_DIR: the built client to serve, default dist/client;
 *                                           BENCH_LIGHTHOUSE_DUMP=DIR: keep each run's full Lighthouse report and trace
 *                                           (with JavaScript samples, which slow the page: read them, do not compare);
 *                                           BENCH_LIGHTHOUSE_PAGES=poll,home: only those pages)
 *
 * Pages: "first visit" is `/` with nothing stored (Lighthouse resets the origin's storage); "home"
 * and "poll" are `/` and a flash poll with a municipality chosen beforehand but the service worker,
 * its caches and the HTTP cache cleared before every run, so they are first loads of those pages.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import * as chromeLauncher from 'chrome-launcher'
import lighthouse from 'lighthouse'
import { chromium, type Browser, type Page } from 'playwright-core'
import { isMain, log, repoRoot, runAsScript, withScope, type Scope } from './lib/common'
import { median } from './lib/percentiles'
import { serverProcess } from './lib/support'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
const POLL_TITLE = 'Mogen jongeren meepraten?'
const MUNICIPALITY = { slug: 'beverwijk', name: 'Beverwijk' }

/** Chromium DevTools' presets (bytes per second, milliseconds). */
export const NETWORKS = {
  'Fast 3G': { latency: 562.5, downloadThroughput: (1.6 * 1024 * 1024 * 0.9) / 8, uploadThroughput: (750 * 1024 * 0.9) / 8 },
  'Slow 3G': { latency: 2000, downloadThroughput: (500 * 1024 * 0.8) / 8, uploadThroughput: (500 * 1024 * 0.8) / 8 },
} as const

export interface LighthouseRun {
  performance: number
  lcpMs: number
  tbtMs: number
  cls: number
  totalBytes: number
}
export interface PageSpeedOutcome {
  lighthouse: Record<string, LighthouseRun[]>
  send: Record<string, number[]>
}

async function startServer(scope: Scope) {
  // BENCH_STATIC_DIR: a copy of another build, so a before/after pair can run while dist/ is rebuilt.
  const dist = process.env.BENCH_STATIC_DIR ?? path.join(repoRoot, 'dist/client')
  if (!existsSync(path.join(dist, 'index.html'))) throw new Error(`${dist} is missing: run \`npm run build\` first`)
  const dataDir = scope.tempDir('meepraat-page-speed-')
  const { startServerProcess } = await serverProcess()
  const server = await startServerProcess({ DATA_DIR: dataDir, DEMO: '1', STATIC_DIR: dist, LOG_LEVEL: 'warn' })
  scope.defer('stop server', () => server.stop())
  return server
}

async function pollUrl(baseUrl: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/items?municipality=${MUNICIPALITY.slug}`)
  const body = (await res.json()) as { items: { id: string; title: string }[] }
  const poll = body.items.find((i) => i.title === POLL_TITLE)
  if (!poll) throw new Error(`demo poll "${POLL_TITLE}" not found`)
  return `${baseUrl}/items/${poll.id}`
}

async function chooseMunicipality(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/kies-gemeente`)
  await page.getByRole('radio', { name: new RegExp(`^${MUNICIPALITY.name}`) }).check()
  await page.getByRole('button', { name: 'Kiezen' }).click()
  await page.waitForURL(`${baseUrl}/`, { timeout: 30_000 })
  // The app registers its service worker once the first page has settled. Wait until it is
  // active, so that clearing it afterwards leaves nothing half-installed that would come back
  // during the measured load (serving it from cache, or precaching on the throttled line).
  // A function, not a string: the app's CSP refuses eval. (bench/ has no DOM types.)
  const controlled = () => Boolean((globalThis as unknown as { navigator: { serviceWorker?: { controller: unknown } } }).navigator.serviceWorker?.controller)
  await page.waitForFunction(controlled, undefined, { timeout: 60_000 })
}

/**
 * Leaves IndexedDB (the chosen municipality) and removes everything that would make a load warm.
 * Called from about:blank: an app page still open could register its service worker again.
 */
async function coldCaches(page: Page, origin: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Storage.clearDataForOrigin', { origin, storageTypes: 'service_workers,cache_storage' })
  await cdp.send('Network.clearBrowserCache')
  await cdp.detach()
}

let dumped = 0
/** BENCH_LIGHTHOUSE_DUMP=DIR keeps every run's full report (long tasks, boot-up time, request chains) to read afterwards. */
function dumpReport(lhr: { finalDisplayedUrl: string }, trace: unknown): void {
  const dir = process.env.BENCH_LIGHTHOUSE_DUMP
  if (!dir) return
  mkdirSync(dir, { recursive: true })
  const run = String(++dumped).padStart(2, '0')
  writeFileSync(path.join(dir, `lhr-${run}.json`), JSON.stringify(lhr))
  if (trace) writeFileSync(path.join(dir, `trace-${run}.json`), JSON.stringify(trace))
}

export async function lighthouseRun(port: number, url: string, resetStorage: boolean): Promise<LighthouseRun> {
  const dumping = Boolean(process.env.BENCH_LIGHTHOUSE_DUMP)
  const result = await lighthouse(url, {
    port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: ['performance'],
    disableStorageReset: !resetStorage,
    // With the dump, the trace carries JavaScript samples too (which code a long task ran).
    ...(dumping ? { additionalTraceCategories: 'disabled-by-default-v8.cpu_profiler' } : {}),
  })
  if (!result) throw new Error(`Lighthouse gave no result for ${url}`)
  const { lhr } = result
  if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.message}`)
  dumpReport(lhr, dumping ? (result.artifacts as { Trace?: unknown }).Trace : undefined)
  const audit = (id: string) => lhr.audits[id]?.numericValue ?? NaN
  return {
    performance: lhr.categories.performance?.score ?? NaN,
    lcpMs: Math.round(audit('largest-contentful-paint')),
    tbtMs: Math.round(audit('total-blocking-time')),
    cls: Number(audit('cumulative-layout-shift').toFixed(3)),
    totalBytes: audit('total-byte-weight'),
  }
}

/** Opening the poll's link on a throttled network until the answer is confirmed "Verstuurd". */
async function timeToSent(browser: Browser, baseUrl: string, url: string, network: (typeof NETWORKS)[keyof typeof NETWORKS]): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'nl-NL' })
  try {
    const page = await context.newPage()
    await chooseMunicipality(page, baseUrl)
    await page.goto('about:blank')
    await coldCaches(page, baseUrl)
    const cdp = await context.newCDPSession(page)
    await cdp.send('Network.enable')
    await cdp.send('Network.emulateNetworkConditions', { offline: false, ...network })
    const started = Date.now()
    await page.goto(url, { timeout: 120_000 })
    await page.getByRole('radio').first().check({ timeout: 120_000 })
    await page.getByRole('button', { name: 'Versturen' }).click()
    await page.getByText('Verstuurd', { exact: true }).first().waitFor({ timeout: 120_000 })
    return Date.now() - started
  } finally {
    await context.close()
  }
}

export async function runPageSpeed(runs = { lighthouse: 3, send: 3 }): Promise<PageSpeedOutcome> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`)
  return withScope(async (scope) => {
    const server = await startServer(scope)
    const poll = await pollUrl(server.url)
    const userDataDir = mkdtempSync(path.join(tmpdir(), 'meepraat-lh-profile-'))
    scope.defer('remove profile', () => rmSync(userDataDir, { recursive: true, force: true }))
    const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: FLAGS, userDataDir })
    scope.defer('stop chromium', () => chrome.kill())
    const browser = await chromium.connectOverCDP(`http://127.0.0.1:${chrome.port}`)
    scope.defer('disconnect', () => browser.close())
    const context = browser.contexts()[0]!
    const page = context.pages()[0] ?? (await context.newPage())

    const pages: { name: string; url: string; reset: boolean }[] = [
      { name: 'first visit', url: `${server.url}/`, reset: true },
      { name: 'home', url: `${server.url}/`, reset: false },
      { name: 'poll', url: poll, reset: false },
    ]
    const outcome: PageSpeedOutcome = { lighthouse: {}, send: {} }
    // BENCH_LIGHTHOUSE_PAGES=poll,home: only those pages (while trying a change out).
    const only = process.env.BENCH_LIGHTHOUSE_PAGES?.split(',')
    for (const p of pages.filter((page) => !only || only.includes(page.name))) {
      outcome.lighthouse[p.name] = []
      for (let i = 0; i < runs.lighthouse; i++) {
        if (!p.reset) {
          await chooseMunicipality(page, server.url)
          await page.goto('about:blank')
          await coldCaches(page, server.url)
        }
        const run = await lighthouseRun(chrome.port, p.url, p.reset)
        log(`lighthouse ${p.name} #${i + 1}: performance ${run.performance}, LCP ${run.lcpMs} ms, TBT ${run.tbtMs} ms, CLS ${run.cls}, ${Math.round(run.totalBytes / 1024)} KiB`)
        outcome.lighthouse[p.name]!.push(run)
      }
    }
    const sendBrowser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS })
    scope.defer('close send browser', () => sendBrowser.close())
    for (const [name, network] of Object.entries(NETWORKS)) {
      outcome.send[name] = []
      for (let i = 0; i < runs.send; i++) {
        const ms = await timeToSent(sendBrowser, server.url, poll, network)
        log(`${name} #${i + 1}: ${ms} ms to "Verstuurd"`)
        outcome.send[name]!.push(ms)
      }
    }
    return outcome
  })
}

export function printPageSpeed(o: PageSpeedOutcome): string {
  const lines = ['| page | performance (median; runs) | LCP median | TBT median | CLS median | total bytes median |', '|---|---|---|---|---|---|']
  for (const [name, runs] of Object.entries(o.lighthouse)) {
    lines.push(
      `| ${name} | ${median(runs.map((r) => r.performance))} (${runs.map((r) => r.performance).join(', ')}) | ${median(runs.map((r) => r.lcpMs))} ms | ${median(runs.map((r) => r.tbtMs))} ms | ${median(runs.map((r) => r.cls))} | ${Math.round(median(runs.map((r) => r.totalBytes)) / 1024)} KiB |`,
    )
  }
  lines.push('', '| network | opening the poll link to "Verstuurd" (median; runs) |', '|---|---|')
  for (const [name, runs] of Object.entries(o.send)) lines.push(`| ${name} | ${median(runs)} ms (${runs.join(', ')}) |`)
  return lines.join('\n')
}

export function pageSpeedOptionsFromEnv() {
  return { lighthouse: Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 3), send: Number(process.env.BENCH_SEND_RUNS ?? 3) }
}

if (isMain(import.meta.url)) {
  runAsScript(async () => console.log(printPageSpeed(await runPageSpeed(pageSpeedOptionsFromEnv()))))
}
