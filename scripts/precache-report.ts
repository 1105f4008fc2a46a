/**
 * What the residents' service worker precaches: every entry of the built `sw.js`, its raw and
 * gzip bytes, and which part is back office or English texts (found through the two builds'
 * manifests, scripts/vite/build-manifests.ts, which `npm run build` writes; see vite.config.ts).
 * Usage: tsx scripts/precache-report.ts [DIR] (default dist/client).
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { BACK_OFFICE_MANIFEST, RESIDENTS_MANIFEST } from './vite/build-manifests'

export interface ViteManifestChunk {
  file: string
  src?: string
  isEntry?: boolean
  imports?: string[]
  dynamicImports?: string[]
  css?: string[]
  assets?: string[]
}
export type ViteManifest = Record<string, ViteManifestChunk>

export type PrecacheKind = 'resident' | 'back office' | 'English'

/** The URLs the generated service worker precaches, each once, as written in `sw.js`. */
export function readPrecacheUrls(dir: string): string[] {
  const sw = readFileSync(path.join(dir, 'sw.js'), 'utf8')
  const urls = [...sw.matchAll(/\{url:"([^"]+)",revision:/g)].map((match) => match[1] ?? '')
  if (urls.length === 0) throw new Error(`No precache list found in ${path.join(dir, 'sw.js')}`)
  return [...new Set(urls)]
}

/** The residents' build manifest. */
export function readViteManifest(dir: string): ViteManifest {
  return JSON.parse(readFileSync(path.join(dir, RESIDENTS_MANIFEST), 'utf8')) as ViteManifest
}

/** The back office's and the widget's build manifest (their own build, into the same folder). */
export function readBackOfficeManifest(dir: string): ViteManifest {
  return JSON.parse(readFileSync(path.join(dir, BACK_OFFICE_MANIFEST), 'utf8')) as ViteManifest
}

/** Sources of the back office: its folder and its own texts. */
export function isBackOfficeSource(src: string): boolean {
  return src.startsWith('beheer/') || /^locales\/beheer-/.test(src)
}

/** The English texts of the residents' app, loaded only when someone switches to English. */
export function isEnglishSource(src: string): boolean {
  return src === 'locales/en.json'
}

/**
 * Every output file a resident can load: from the residents' `index.html` through static and
 * lazy imports, their CSS and assets, but never through an import of back-office code.
 */
export function residentFiles(manifest: ViteManifest): Set<string> {
  const files = new Set<string>(['index.html'])
  const seen = new Set<string>()
  const visit = (key: string): void => {
    const chunk = manifest[key]
    if (!chunk || seen.has(key) || (chunk.src && isBackOfficeSource(chunk.src))) return
    seen.add(key)
    files.add(chunk.file)
    for (const file of [...(chunk.css ?? []), ...(chunk.assets ?? [])]) files.add(file)
    for (const next of [...(chunk.imports ?? []), ...(chunk.dynamicImports ?? [])]) visit(next)
  }
  visit('index.html')
  return files
}

/** Sorts each precached URL: the residents' own, the back office's, or the English texts. */
export function classify(urls: string[], manifest: ViteManifest, backOffice: ViteManifest): Map<string, PrecacheKind> {
  const fromBuild = new Map(Object.values(manifest).map((chunk) => [chunk.file, chunk.src ?? '']))
  const backOfficeFiles = new Set(Object.values(backOffice).flatMap((chunk) => [chunk.file, ...(chunk.css ?? []), ...(chunk.assets ?? [])]))
  const forResidents = residentFiles(manifest)
  return new Map(
    urls.map((url) => {
      const src = fromBuild.get(url)
      if (src !== undefined && isEnglishSource(src)) return [url, 'English']
      if (forResidents.has(url)) return [url, 'resident']
      // public files are the residents' too; what the back office's build wrote is not.
      return [url, backOfficeFiles.has(url) || url.startsWith('beheer/') || url.startsWith('embed/') ? 'back office' : 'resident']
    }),
  )
}

export interface PrecacheEntry {
  url: string
  kind: PrecacheKind
  rawBytes: number
  gzipBytes: number
}

export function precacheEntries(dir: string): PrecacheEntry[] {
  const kinds = classify(readPrecacheUrls(dir), readViteManifest(dir), readBackOfficeManifest(dir))
  return [...kinds].map(([url, kind]) => {
    const raw = readFileSync(path.join(dir, url))
    return { url, kind, rawBytes: raw.length, gzipBytes: gzipSync(raw, { level: 9 }).length }
  })
}

function main(): void {
  const dir = path.resolve(process.argv[2] ?? 'dist/client')
  for (const file of [RESIDENTS_MANIFEST, BACK_OFFICE_MANIFEST]) {
    if (!existsSync(path.join(dir, file))) throw new Error(`${dir}/${file} is missing: run npm run build`)
  }
  const entries = precacheEntries(dir).sort((a, b) => b.gzipBytes - a.gzipBytes)
  const total = { raw: 0, gzip: 0 }
  const byKind = new Map<PrecacheKind, { count: number; raw: number; gzip: number }>()
  for (const e of entries) {
    console.log(`${e.kind.padEnd(12)} ${String(e.rawBytes).padStart(8)} ${String(e.gzipBytes).padStart(8)}  ${e.url}`)
    total.raw += e.rawBytes
    total.gzip += e.gzipBytes
    const sum = byKind.get(e.kind) ?? { count: 0, raw: 0, gzip: 0 }
    byKind.set(e.kind, { count: sum.count + 1, raw: sum.raw + e.rawBytes, gzip: sum.gzip + e.gzipBytes })
  }
  console.log(`\ntotal: ${entries.length} entries, ${total.raw} bytes raw, ${total.gzip} bytes gzip`)
  for (const [kind, sum] of byKind) {
    const share = ((sum.gzip / total.gzip) * 100).toFixed(1)
    console.log(`${kind}: ${sum.count} entries, ${sum.raw} raw, ${sum.gzip} gzip (${share}% of gzip)`)
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main()
