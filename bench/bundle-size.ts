/**
 * Gzipped bytes of the JavaScript needed to open the app and answer a flash poll, from the built
 * app in dist/client (built with `npm run build:client` first when dist/client/index.html is missing).
 *
 * Method: start from the module script and modulepreload links of index.html; follow the static
 * imports (`import … from "./x.js"`, `import "./x.js"`, `export … from "./x.js"`) of every chunk
 * reached. Then find the lazily loaded chunks of the home and item pages: the dynamic
 * `import("./HomePage-….js")` / `import("./ItemPage-….js")` in the emitted JS. Add those plus
 * their static imports and the dependencies Vite lists for that import in `__vite__mapDeps`.
 * Every file is gzipped on its own (node:zlib, level 9), as a browser fetches them one by one.
 *
 *   npx tsx bench/bundle-size.ts
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { isMain, log, repoRoot, runAsScript } from './lib/common'

export interface BundleFile {
  file: string
  bytes: number
  gzipBytes: number
  /** Why it is needed: entry, entry import, or the lazy page that pulls it in. */
  reason: string
}

export interface BundleReport {
  distDir: string
  built: boolean
  files: BundleFile[]
  /** The measured set: entry chunks, their static imports, home and item page chunks. */
  totalGzipBytes: number
  totalBytes: number
  /**
   * Other lazy chunks the entry script imports (not page chunks): some load at every start
   * (service-worker registration), others only on their route (back office). Listed, not counted.
   */
  otherEntryLazy: BundleFile[]
  /** CSS linked from index.html (not part of the JS figure). */
  cssGzipBytes: number
  /** All JS in dist/client/assets, for scale. */
  allJsGzipBytes: number
  /** Whether following static imports found every dependency Vite lists for the lazy pages. */
  mapDepsCovered: boolean
}

const distDir = path.join(repoRoot, 'dist', 'client')

function ensureBuilt(): boolean {
  if (existsSync(path.join(distDir, 'index.html'))) return false
  log('bundle: dist/client/index.html is missing: running npm run build:client')
  const build = spawnSync('npm', ['run', 'build:client'], { cwd: repoRoot, encoding: 'utf8', stdio: 'pipe' })
  if (build.status !== 0 || !existsSync(path.join(distDir, 'index.html'))) {
    const output = `${build.stdout ?? ''}${build.stderr ?? ''}`.replace(/\u001b\[[0-9;]*m/g, '')
    throw new Error(`npm run build:client failed (exit ${build.status}):\n${output.split('\n').slice(-25).join('\n')}`)
  }
  return true
}

const gzipSize = (content: Buffer) => gzipSync(content, { level: 9 }).length

/** Path inside dist/client of a URL found in index.html ("/assets/x.js") or a chunk ("./x.js"). */
function resolveRef(ref: string, fromFile: string): string {
  if (ref.startsWith('/')) return ref.slice(1)
  return path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), ref))
}

const QUOTED = String.raw`["'\x60]([^"'\x60]+\.js)["'\x60]`
const STATIC_IMPORT = new RegExp(String.raw`(?:\bimport|\bexport)\s*(?:[\w$*{}\s,]+?\s*from\s*)?${QUOTED}`, 'g')
const DYNAMIC_IMPORT = new RegExp(String.raw`\bimport\(\s*${QUOTED}\s*\)(?:\s*,\s*__vite__mapDeps\(\[([\d,\s]*)\]\))?`, 'g')
const MAP_DEPS = /__vite__mapDeps\s*=.*?m\.f\s*=\s*(\[[^\]]*\])/s

function read(file: string): string {
  return readFileSync(path.join(distDir, file), 'utf8')
}

function staticImportsOf(file: string): string[] {
  return [...read(file).matchAll(STATIC_IMPORT)].map((m) => resolveRef(m[1]!, file))
}

interface LazyImport {
  /** The chunk that contains the `import()`. */
  from: string
  file: string
  mapDeps: string[]
}

/** Dynamic imports in the emitted JS, with the dependencies Vite preloads for each. */
function dynamicImports(jsFiles: string[]): LazyImport[] {
  const found: LazyImport[] = []
  for (const file of jsFiles) {
    const text = read(file)
    const table = MAP_DEPS.exec(text)
    const deps = table ? (JSON.parse(table[1]!.replace(/'/g, '"')) as string[]) : []
    for (const m of text.matchAll(DYNAMIC_IMPORT)) {
      const indexes = (m[2] ?? '').split(',').filter((s) => s.trim() !== '').map(Number)
      found.push({ from: file, file: resolveRef(m[1]!, file), mapDeps: indexes.map((i) => deps[i]!).filter((d) => d?.endsWith('.js')) })
    }
  }
  return found
}

export function measureBundle(): BundleReport {
  const built = ensureBuilt()
  const html = readFileSync(path.join(distDir, 'index.html'), 'utf8')
  const entryRefs = [
    ...[...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)].map((m) => m[1]!),
    ...[...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1]!),
  ].map((ref) => resolveRef(ref, 'index.html'))
  const cssRefs = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => resolveRef(m[1]!, 'index.html'))

  const reasons = new Map<string, string>()
  const include = (start: string[], reason: string, importReason: string) => {
    const queue = start.map((file) => ({ file, reason }))
    while (queue.length > 0) {
      const { file, reason: why } = queue.shift()!
      if (reasons.has(file)) continue
      reasons.set(file, why)
      for (const dep of staticImportsOf(file)) queue.push({ file: dep, reason: importReason })
    }
  }
  include(entryRefs, 'entry (index.html)', 'static import of the entry')

  const assetsDir = path.join(distDir, 'assets')
  const allJs = readdirSync(assetsDir).filter((f) => f.endsWith('.js')).map((f) => `assets/${f}`)
  const lazy = dynamicImports(allJs)
  let mapDepsCovered = true
  for (const page of ['HomePage', 'ItemPage']) {
    const imports = lazy.filter((l) => path.posix.basename(l.file).startsWith(`${page}-`))
    if (imports.length === 0) throw new Error(`no dynamic import of a ${page} chunk found in dist/client/assets`)
    const chunks = [...new Set(imports.map((l) => l.file))]
    include(chunks, `lazy chunk of ${page}`, `static import of ${page}`)
    for (const dep of imports.flatMap((l) => l.mapDeps)) {
      if (!reasons.has(dep)) {
        mapDepsCovered = false
        include([dep], `preloaded with ${page} (__vite__mapDeps)`, `static import of ${page}`)
      }
    }
  }

  const describe = (file: string, reason: string): BundleFile => {
    const content = readFileSync(path.join(distDir, file))
    return { file, bytes: content.length, gzipBytes: gzipSize(content), reason }
  }
  const files = [...reasons].map(([file, reason]) => describe(file, reason))
  // Other lazy chunks the entry script imports (not pages): listed, not counted.
  const entryScript = entryRefs[0]
  const others = [...new Set(lazy.filter((l) => l.from === entryScript).map((l) => l.file))].filter(
    (f) => !reasons.has(f) && !/Page-/.test(path.posix.basename(f)),
  )
  const otherEntryLazy = others.map((f) => describe(f, 'dynamic import in the entry script'))
  return {
    distDir: path.relative(repoRoot, distDir),
    built,
    files,
    totalGzipBytes: files.reduce((s, f) => s + f.gzipBytes, 0),
    totalBytes: files.reduce((s, f) => s + f.bytes, 0),
    otherEntryLazy,
    cssGzipBytes: cssRefs.reduce((s, f) => s + gzipSize(readFileSync(path.join(distDir, f))), 0),
    allJsGzipBytes: allJs.reduce((s, f) => s + gzipSize(readFileSync(path.join(distDir, f))), 0),
    mapDepsCovered,
  }
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

export function printBundle(report: BundleReport): void {
  console.log(`\nJS to open the app and answer a flash poll (${report.distDir}, gzip -9 per file):`)
  console.log('\n| file | bytes | gzip | why |')
  console.log('|---|---:|---:|---|')
  for (const f of [...report.files].sort((a, b) => b.gzipBytes - a.gzipBytes)) {
    console.log(`| ${f.file} | ${f.bytes} | ${f.gzipBytes} | ${f.reason} |`)
  }
  console.log(`| **total** | ${report.totalBytes} | **${report.totalGzipBytes} (${kb(report.totalGzipBytes)})** | |`)
  const others = report.otherEntryLazy.map((f) => `${f.file} ${kb(f.gzipBytes)}`).join(', ')
  if (others) console.log(`not counted, other lazy chunks the entry imports (service-worker registration at start-up; others on their route): ${others}`)
  console.log(`CSS of index.html: ${kb(report.cssGzipBytes)} gzip; all JS in assets/: ${kb(report.allJsGzipBytes)} gzip`)
  if (!report.mapDepsCovered) console.log('note: some __vite__mapDeps entries were not reached by static imports; they are included')
}

if (isMain(import.meta.url)) {
  runAsScript(async () => printBundle(measureBundle()))
}
