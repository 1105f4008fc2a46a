/**
 * The production build as an operator installs it: package files and dist/ in an empty
 * directory, `npm ci --omit=dev` (no build tools, no tsx), then the npm scripts an operator runs.
 * Needs a current build (`npm run test:prod` makes one when needed) and the npm cache or registry.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort } from '../support/server-process'

const run = promisify(execFile)
const repoRoot = fileURLToPath(new URL('../..', import.meta.url))
const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string; scripts: Record<string, string> }

/** What an operator copies out of a build: no sources, no tests, no configuration of tools. */
const SHIPPED = ['package.json', 'package-lock.json', 'dist', 'scripts/build-stamp.mjs']
const BUILD_TOOLS = ['tsx', 'vite', 'esbuild', 'typescript', 'vue', '@vitejs/plugin-vue', 'vite-plugin-pwa', 'vitest']

let work: string
let appDir: string
let dataDir: string

/** A clean environment like an operator's shell: nothing from npm, vitest or a test database. */
function operatorEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  // English messages: the assertions below read them in English (Dutch is the default).
  return { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir, LOG_LEVEL: 'warn', MEEPRAAT_LANG: 'en', ...extra }
}

async function npm(args: string[], timeoutMs: number): Promise<{ code: number; out: string }> {
  return run('npm', args, { cwd: appDir, env: operatorEnv(), timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    // A timeout or a missing npm has no exit code: then the message says what happened.
    (e: { code?: number | string; stdout?: string; stderr?: string; message: string }) =>
      typeof e.code === 'number' ? { code: e.code, out: `${e.stdout ?? ''}${e.stderr ?? ''}` } : { code: -1, out: `${e.stdout ?? ''}${e.stderr ?? ''}\n${e.message}` },
  )
}

interface Started {
  url: string
  child: ChildProcess
  output(): string
  stop(): Promise<number | null>
}

/** Runs `npm run serve`'s command itself (it is plain `node ...`), so stop() signals the server. */
async function serve(): Promise<Started> {
  const [command, ...args] = pkg.scripts.serve!.split(' ')
  expect(command).toBe('node')
  const port = await freePort()
  const child = spawn(process.execPath, args, { cwd: appDir, env: operatorEnv({ PORT: String(port), HOST: '127.0.0.1' }), stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const keep = (d: Buffer) => (output = (output + d.toString()).slice(-32 * 1024))
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const url = `http://127.0.0.1:${port}`
  // Ready means the database answers and migrations are applied: wait for that, up to a minute.
  const deadline = Date.now() + 60_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${output}`)
    const status = await fetch(`${url}/api/health/ready`).then((r) => r.status, () => 0)
    if (status === 200) break
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`the server was not ready within 60 s (last status ${status}):\n${output}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  return {
    url,
    child,
    output: () => output,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM')
      const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 20_000).unref())
      const code = await Promise.race([exited, timeout])
      if (code === 'timeout') {
        child.kill('SIGKILL')
        throw new Error(`the server did not stop within 20 s after SIGTERM:\n${output}`)
      }
      return code
    },
  }
}

beforeAll(async () => {
  for (const file of ['dist/client/index.html', 'dist/server/main.js', 'dist/server/admin.js']) {
    if (!existsSync(path.join(repoRoot, file))) throw new Error(`${file} is missing: run \`npm run build\` first (npm run test:prod does)`)
  }
  work = mkdtempSync(path.join(tmpdir(), 'meepraat-prod-'))
  appDir = path.join(work, 'app')
  dataDir = path.join(work, 'data')
  mkdirSync(dataDir)
  for (const item of SHIPPED) cpSync(path.join(repoRoot, item), path.join(appDir, item), { recursive: true })
  const install = await npm(['ci', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund'], 540_000)
  if (install.code !== 0) throw new Error(`npm ci --omit=dev failed:\n${install.out}`)
})

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true })
})

describe('the production build, installed with npm ci --omit=dev', () => {
  it('installs the run-time packages and none of the build tools', () => {
    const modules = path.join(appDir, 'node_modules')
    for (const tool of BUILD_TOOLS) expect(existsSync(path.join(modules, tool)), `${tool} is installed`).toBe(false)
    for (const needed of ['fastify', '@electric-sql/pglite', 'drizzle-orm', 'pg']) expect(existsSync(path.join(modules, needed)), needed).toBe(true)
    const count = readdirSync(modules).flatMap((name) => (name.startsWith('@') ? readdirSync(path.join(modules, name)) : name.startsWith('.') ? [] : [name])).length
    console.log(`production install: ${count} top-level packages in node_modules`)
  })

  it('serves the API and the built app with plain node, the embedded database included', async () => {
    const server = await serve()
    try {
      const health = await fetch(`${server.url}/api/health`)
      expect(health.status).toBe(200)
      expect(await health.json()).toMatchObject({ status: 'ok', database: 'embedded', version: pkg.version })
      const page = await fetch(`${server.url}/`)
      expect(page.status).toBe(200)
      expect(page.headers.get('content-type')).toMatch(/^text\/html/)
      expect(await page.text()).toContain('<div id="app"')
      const live = await fetch(`${server.url}/api/health/live`)
      expect(live.status).toBe(200)
    } finally {
      expect(await server.stop()).toBe(0)
    }
  })

  it('runs the compiled admin command on the data the server made, and the new official can sign in', async () => {
    // The server above seeded the demo municipalities into dataDir and has stopped.
    const email = 'beheer@beverwijk.example'
    const password = 'lange-zomeravond-aan-zee'
    const created = await npm(['run', '--silent', 'admin', '--', 'create-official', '--email', email, '--password', password, '--municipality', 'beverwijk', '--role', 'admin'], 60_000)
    expect(created.code, created.out).toBe(0)
    expect(created.out).toMatch(/^Created admin beheer@beverwijk.example for beverwijk/)
    expect(created.out).not.toContain(password)

    const server = await serve()
    try {
      const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) })
      expect(login.status, await login.clone().text()).toBe(200)
    } finally {
      expect(await server.stop()).toBe(0)
    }
  })

  it('backs up and restores with the compiled admin command, which finds the migrations beside the bundle', async () => {
    const file = path.join(work, 'meepraat.backup')
    const backup = await npm(['run', '--silent', 'admin', '--', 'backup', '--out', file], 120_000)
    expect(backup.code, backup.out).toBe(0)
    const restoredDir = path.join(work, 'restored-data')
    const restore = await run('npm', ['run', '--silent', 'admin', '--', 'restore', '--in', file], { cwd: appDir, env: { ...operatorEnv(), DATA_DIR: restoredDir }, timeout: 120_000 }).then(
      (r) => ({ code: 0, out: r.stdout + r.stderr }),
      (e: { code?: number; stdout?: string; stderr?: string }) => ({ code: e.code ?? -1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` }),
    )
    expect(restore.code, restore.out).toBe(0)
  })

  it('runs the compiled verify-draw, which refuses an unreadable file with one line', async () => {
    const r = await npm(['run', '--silent', 'verify-draw', '--', path.join(work, 'no-such-draw.json')], 60_000)
    expect(r.code, r.out).toBe(2)
    expect(r.out).toMatch(/no-such-draw\.json/)
    expect(r.out, 'a stack trace').not.toMatch(/^\s+at /m)
  })
})
