/**
 * Knows whether dist/ was built from the sources as they are now, so `npm start` builds only
 * when needed. Each part (client, server) has a hash of its inputs; a build writes it to
 * dist/build-stamp.json when it is done. Plain Node (no tsx): it also runs in a production
 * install (`npm ci --omit=dev`), where there are no sources and dist/ is used as it is.
 * Usage:
 *   node scripts/build-stamp.mjs write client|server   after a part is built (npm run build:*)
 *   node scripts/build-stamp.mjs ensure [client|server]  builds the parts that are out of date
 */
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const stampFile = path.join(root, 'dist/build-stamp.json')

/** Files and folders whose content decides the build output, per part. */
export const PARTS = {
  client: {
    inputs: ['src/client', 'src/shared', 'public', 'vite.config.ts', 'scripts/precompress.ts'],
    outputs: ['dist/client/index.html'],
  },
  server: {
    inputs: ['src/server', 'src/shared', 'scripts/build-server.ts'],
    outputs: ['dist/server/main.js', 'dist/server/admin.js', 'dist/server/verify-draw.js', 'dist/server/migrations/meta/_journal.json'],
  },
}
/** Inputs of every part: package versions, the version number, compiler settings. */
const SHARED_INPUTS = ['package.json', 'package-lock.json', 'scripts/build-stamp.mjs']

function filesUnder(relative) {
  const full = path.join(root, relative)
  if (!existsSync(full)) return []
  if (!statSync(full).isDirectory()) return [relative]
  return readdirSync(full, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((entry) => filesUnder(path.posix.join(relative, entry.name)))
}

function tsconfigFiles() {
  return readdirSync(root).filter((name) => /^tsconfig.*\.json$/.test(name)).sort()
}

/** A hash over the names and contents of every input of a part. */
export function inputHash(part) {
  const hash = createHash('sha256')
  for (const file of [...SHARED_INPUTS, ...tsconfigFiles(), ...PARTS[part].inputs].flatMap(filesUnder)) {
    hash.update(`${file}\0`)
    hash.update(readFileSync(path.join(root, file)))
    hash.update('\0')
  }
  return hash.digest('hex')
}

function readStamp() {
  try {
    return JSON.parse(readFileSync(stampFile, 'utf8'))
  } catch {
    return {}
  }
}

export function writeStamp(part) {
  mkdirSync(path.dirname(stampFile), { recursive: true })
  writeFileSync(stampFile, `${JSON.stringify({ ...readStamp(), [part]: inputHash(part) }, null, 2)}\n`)
}

const builtOutputs = (part) => PARTS[part].outputs.every((file) => existsSync(path.join(root, file)))

/** A checkout has sources; a production install holds only package files and dist/. */
const hasSources = () => existsSync(path.join(root, 'src'))

/** Whether a part must be built before it is used. */
export function isStale(part) {
  if (!builtOutputs(part)) return true
  if (!hasSources()) return false
  return readStamp()[part] !== inputHash(part)
}

function runNpmScript(script) {
  // The build's report goes to stderr: stdout belongs to the command that follows (an admin
  // command's output may be read by a script).
  const stdio = ['inherit', 2, 'inherit']
  // Inside `npm run`, npm_execpath is npm's own entry: no shell and no PATH lookup needed.
  const npm = process.env.npm_execpath
  const result = npm
    ? spawnSync(process.execPath, [npm, 'run', script], { cwd: root, stdio })
    : spawnSync('npm', ['run', script], { cwd: root, stdio, shell: process.platform === 'win32' })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

function ensure(parts) {
  const stale = parts.filter(isStale)
  if (stale.length === 0) return
  if (!hasSources()) {
    console.error('Meepraat is not built and there are no sources here: build it with `npm run build` where the sources are.')
    process.exit(1)
  }
  for (const part of stale) runNpmScript(`build:${part}`)
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [command, part] = process.argv.slice(2)
  if (command === 'write' && part in PARTS) writeStamp(part)
  else if (command === 'ensure' && (part === undefined || part in PARTS)) ensure(part ? [part] : Object.keys(PARTS))
  else {
    console.error('Usage: node scripts/build-stamp.mjs write client|server, or ensure [client|server]')
    process.exit(2)
  }
}
