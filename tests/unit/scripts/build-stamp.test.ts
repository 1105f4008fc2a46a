/**
 * scripts/build-stamp.mjs decides whether `npm start` builds. Tried in a throwaway project whose
 * build scripts only write the outputs and log that they ran, so "did it rebuild" is a fact.
 */
import { execFile } from 'node:child_process'
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

const run = promisify(execFile)
const stampScript = fileURLToPath(new URL('../../../scripts/build-stamp.mjs', import.meta.url))

/** A build step that writes its outputs and one line to build.log. */
const fakeBuild = (part: string, outputs: string[]) =>
  `node -e "const fs=require('fs');for(const f of ${JSON.stringify(outputs).replace(/"/g, "'")}){fs.mkdirSync(require('path').dirname(f),{recursive:true});fs.writeFileSync(f,'x')}fs.appendFileSync('build.log','${part}\\n')" && node scripts/build-stamp.mjs write ${part}`

let dir: string

function write(file: string, text: string) {
  mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
  writeFileSync(path.join(dir, file), text)
}

/** `npm start` in the project: the builds it ran since the last call. */
async function start(): Promise<{ code: number; built: string[]; out: string }> {
  const before = existsSync(path.join(dir, 'build.log')) ? readFileSync(path.join(dir, 'build.log'), 'utf8') : ''
  const env = { PATH: process.env.PATH, HOME: process.env.HOME }
  const result = await run('npm', ['start', '--silent'], { cwd: dir, env, timeout: 60_000 }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  )
  const after = existsSync(path.join(dir, 'build.log')) ? readFileSync(path.join(dir, 'build.log'), 'utf8') : ''
  return { ...result, built: after.slice(before.length).split('\n').filter(Boolean) }
}

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'meepraat-stamp-'))
  cpSync(stampScript, path.join(dir, 'scripts/build-stamp.mjs'))
  write(
    'package.json',
    JSON.stringify({
      name: 'stamp-test',
      private: true,
      type: 'module',
      scripts: {
        'build:client': fakeBuild('client', ['dist/client/index.html']),
        'build:server': fakeBuild('server', ['dist/server/main.js', 'dist/server/admin.js', 'dist/server/verify-draw.js', 'dist/server/migrations/meta/_journal.json']),
        start: 'node scripts/build-stamp.mjs ensure && node -e "console.log(\'served\')"',
      },
    }),
  )
  write('package-lock.json', '{}')
  write('src/client/main.ts', 'client 1')
  write('src/server/main.ts', 'server 1')
  write('src/shared/rules.ts', 'shared 1')
})

afterEach(() => rmSync(dir, { recursive: true, force: true }))

// Each start spawns npm (a few hundred ms); give slow, shared machines room.
describe('npm start builds only what changed', { timeout: 60_000 }, () => {
  it('builds both parts the first time and nothing on a second start with unchanged sources', async () => {
    const first = await start()
    expect(first.code, first.out).toBe(0)
    expect(first.built).toEqual(['client', 'server'])
    expect(first.out).toContain('served')
    const second = await start()
    expect(second.code, second.out).toBe(0)
    expect(second.built).toEqual([])
    expect(second.out).toContain('served')
  })

  it('rebuilds only the server after a server change, and both after a shared or lockfile change', async () => {
    await start()
    write('src/server/main.ts', 'server 2')
    expect((await start()).built).toEqual(['server'])
    write('src/shared/rules.ts', 'shared 2')
    expect((await start()).built).toEqual(['client', 'server'])
    appendFileSync(path.join(dir, 'package-lock.json'), '\n')
    expect((await start()).built).toEqual(['client', 'server'])
    write('src/client/new-page.ts', 'a new file')
    expect((await start()).built).toEqual(['client'])
  })

  it('rebuilds a part whose output was deleted even when the stamp matches', async () => {
    await start()
    rmSync(path.join(dir, 'dist/client'), { recursive: true })
    expect((await start()).built).toEqual(['client'])
  })

  it('uses dist as it is in an install without sources, and says what to do when dist is missing', async () => {
    await start()
    rmSync(path.join(dir, 'src'), { recursive: true })
    const installed = await start()
    expect(installed.code, installed.out).toBe(0)
    expect(installed.built).toEqual([])
    rmSync(path.join(dir, 'dist'), { recursive: true })
    const empty = await start()
    expect(empty.code).not.toBe(0)
    expect(empty.out).toMatch(/not built and there are no sources here/)
    expect(empty.built).toEqual([])
  })
})
