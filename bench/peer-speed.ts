/**
 * The peers in the page-speed table: Enketo and ODK Web Forms serving the same one-question form
 * as Meepraat's demo flash poll (yes/no), and a minimal HTML page of that form, measured with the
 * same Lighthouse setup as bench/page-speed.ts (its Chromium, flags and settings: 12.2.3, mobile
 * preset, simulated throttling, performance only, storage reset: a first visit), three runs each.
 *
 *   npm --prefix bench/peers ci          (once: the peers' own packages, never in the project root)
 *   npm run bench:peers                  (BENCH_LIGHTHOUSE_RUNS, default 3; BENCH_PEERS_GZIP=0 serves raw)
 *
 * The peers live in bench/peers/ with their own package.json and lockfile. Enketo's form HTML and
 * model come from enketo-transformer's web build run in Chromium (its Node build needs the native
 * libxslt, which cannot be built offline); then bench/peers/build.mjs builds the three pages with
 * Vite, and a small static server on 127.0.0.1 serves them, gzip-compressed when asked (as any
 * production web server would; Meepraat's own server sends precompressed brotli and gzip).
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import * as chromeLauncher from 'chrome-launcher'
import { chromium } from 'playwright-core'
import { isMain, log, repoRoot, runAsScript, withScope, type Scope } from './lib/common'
import { median } from './lib/percentiles'
import { CHROMIUM, FLAGS, lighthouseRun, type LighthouseRun } from './page-speed'

const PEERS = path.join(repoRoot, 'bench/peers')
const TRANSFORMER = path.join(PEERS, 'node_modules/enketo-transformer/dist/enketo-transformer/web')
const QUESTION = 'Vind je het belangrijk dat jongeren kunnen meepraten over wat de gemeente doet?'

const PEER_PAGES = [
  { name: 'Enketo (one-question form)', dir: 'enketo' },
  { name: 'ODK Web Forms (same form)', dir: 'odk' },
  { name: 'a minimal HTML page', dir: 'minimal' },
] as const

export type PeerSpeedOutcome = Record<string, LighthouseRun[]>

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.eot': 'application/vnd.ms-fontobject',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
}

/** Serves `/<page>/…` from bench/peers/dist and `/transformer/…` (for the Enketo transform); gzip when asked and `gzip`. */
function startStaticServer(scope: Scope, gzip: boolean): Promise<string> {
  const compressed = new Map<string, Buffer>()
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const [, top = '', ...rest] = url.pathname.split('/')
    const root = top === 'transformer' ? TRANSFORMER : path.join(PEERS, 'dist', top)
    let file = path.normalize(path.join(root, ...rest.map(decodeURIComponent)))
    if (!file.startsWith(root) || top === '') return void res.writeHead(404).end()
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html')
    if (top === 'transformer' && rest.join('/') === '') return void res.writeHead(200, { 'content-type': TYPES['.html']! }).end('<!doctype html><title>transform</title>')
    if (!existsSync(file)) return void res.writeHead(404).end()
    const body = readFileSync(file)
    const type = TYPES[path.extname(file)] ?? 'application/octet-stream'
    const headers: Record<string, string> = { 'content-type': type, vary: 'accept-encoding', 'cache-control': 'no-cache' }
    if (gzip && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')) && !/font\/woff|image\/png/.test(type)) {
      let packed = compressed.get(file)
      if (!packed) compressed.set(file, (packed = gzipSync(body, { level: 9 })))
      res.writeHead(200, { ...headers, 'content-encoding': 'gzip', 'content-length': String(packed.length) }).end(packed)
    } else res.writeHead(200, { ...headers, 'content-length': String(body.length) }).end(body)
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      scope.defer('stop static server', () => new Promise<void>((done) => server.close(() => done())))
      const address = server.address()
      resolve(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`)
    })
  })
}

/** The form's HTML and model from enketo-transformer's web build, run in Chromium (it uses the browser's XSLT). */
async function transformForEnketo(baseUrl: string): Promise<void> {
  const xform = readFileSync(path.join(PEERS, 'form/flash-poll.xml'), 'utf8')
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS })
  try {
    const page = await browser.newPage()
    await page.goto(`${baseUrl}/transformer/`)
    const result = (await page.evaluate(
      `import('/transformer/transformer.js').then((m) => m.transform({ xform: ${JSON.stringify(xform)} })).then((r) => ({ form: r.form, model: r.model }))`,
    )) as { form: string; model: string }
    if (!result.form.includes('<form') || !result.model.includes('<model')) throw new Error('enketo-transformer gave no form or model')
    mkdirSync(path.join(PEERS, 'enketo/generated'), { recursive: true })
    writeFileSync(path.join(PEERS, 'enketo/generated/form.html'), result.form)
    writeFileSync(path.join(PEERS, 'enketo/generated/model.xml'), result.model)
  } finally {
    await browser.close()
  }
}

/** Each built page shows the question and both choices in Chromium: a broken build is not measured. */
async function checkPagesWork(baseUrl: string): Promise<void> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS })
  try {
    for (const p of PEER_PAGES) {
      const page = await browser.newPage({ viewport: { width: 360, height: 740 } })
      const errors: string[] = []
      page.on('pageerror', (e) => errors.push(e.message))
      await page.goto(`${baseUrl}/${p.dir}/`)
      await page.getByText(QUESTION).first().waitFor({ timeout: 60_000 })
      await page.getByText('Nee', { exact: true }).first().waitFor({ timeout: 60_000 })
      if (errors.length > 0) throw new Error(`${p.name}: ${errors.join('; ')}`)
      await page.close()
    }
  } finally {
    await browser.close()
  }
}

export async function runPeerSpeed(options = { runs: 3, gzip: true }): Promise<PeerSpeedOutcome> {
  if (!existsSync(path.join(PEERS, 'node_modules/vite'))) throw new Error('bench/peers has no packages: run `npm --prefix bench/peers ci` first')
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`)
  return withScope(async (scope) => {
    const baseUrl = await startStaticServer(scope, options.gzip)
    log('peers: transforming the XForm for Enketo (enketo-transformer in Chromium)')
    await transformForEnketo(baseUrl)
    log('peers: building the pages (bench/peers/build.mjs)')
    execFileSync(process.execPath, [path.join(PEERS, 'build.mjs')], { cwd: PEERS, stdio: ['ignore', 'inherit', 'inherit'] })
    await checkPagesWork(baseUrl)

    const userDataDir = mkdtempSync(path.join(tmpdir(), 'meepraat-lh-peers-'))
    scope.defer('remove profile', () => rmSync(userDataDir, { recursive: true, force: true }))
    const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: FLAGS, userDataDir })
    scope.defer('stop chromium', () => chrome.kill())
    const outcome: PeerSpeedOutcome = {}
    for (const p of PEER_PAGES) {
      outcome[p.name] = []
      for (let i = 0; i < options.runs; i++) {
        const run = await lighthouseRun(chrome.port, `${baseUrl}/${p.dir}/`, true)
        log(`lighthouse ${p.name} #${i + 1}: performance ${run.performance}, LCP ${run.lcpMs} ms, TBT ${run.tbtMs} ms, ${Math.round(run.totalBytes / 1024)} KiB`)
        outcome[p.name]!.push(run)
      }
    }
    return outcome
  })
}

export function printPeerSpeed(o: PeerSpeedOutcome): string {
  const lines = ['| peer, first visit | performance (median; runs) | LCP median | TBT median | total bytes median |', '|---|---|---|---|---|']
  for (const [name, runs] of Object.entries(o)) {
    lines.push(
      `| ${name} | ${median(runs.map((r) => r.performance))} (${runs.map((r) => r.performance).join(', ')}) | ${median(runs.map((r) => r.lcpMs))} ms | ${median(runs.map((r) => r.tbtMs))} ms | ${Math.round(median(runs.map((r) => r.totalBytes)) / 1024)} KiB |`,
    )
  }
  return lines.join('\n')
}

export function peerSpeedOptionsFromEnv(env: NodeJS.ProcessEnv = process.env) {
  return { runs: Number(env.BENCH_LIGHTHOUSE_RUNS ?? 3), gzip: env.BENCH_PEERS_GZIP !== '0' }
}

if (isMain(import.meta.url)) {
  runAsScript(async () => console.log(printPeerSpeed(await runPeerSpeed(peerSpeedOptionsFromEnv()))))
}
