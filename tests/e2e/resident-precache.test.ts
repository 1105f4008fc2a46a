import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import {
  isBackOfficeSource,
  isEnglishSource,
  readBackOfficeManifest,
  readPrecacheUrls,
  readViteManifest,
  residentFiles,
  type ViteManifest,
} from '../../scripts/precache-report'

// Over the built app (`npm run build`): what the residents' service worker precaches.
const dist = fileURLToPath(new URL('../../dist/client', import.meta.url))

/** Every output file one page can load, through static and lazy imports, CSS and assets. */
function reachableFrom(manifest: ViteManifest, page: string): Set<string> {
  const files = new Set<string>([page])
  const seen = new Set<string>()
  const visit = (key: string): void => {
    const chunk = manifest[key]
    if (!chunk || seen.has(key)) return
    seen.add(key)
    files.add(chunk.file)
    for (const file of [...(chunk.css ?? []), ...(chunk.assets ?? [])]) files.add(file)
    for (const next of [...(chunk.imports ?? []), ...(chunk.dynamicImports ?? [])]) visit(next)
  }
  visit(page)
  return files
}

describe('the residents\' precache (built sw.js)', () => {
  const manifest = readViteManifest(dist)
  const backOffice = readBackOfficeManifest(dist)
  const precached = new Set(readPrecacheUrls(dist))
  // Both builds' files (the residents' last: a file both wrote is the residents' too).
  const sourceOf = new Map([...Object.values(backOffice), ...Object.values(manifest)].map((chunk) => [chunk.file, chunk.src ?? '']))

  it('holds no file that only the back office loads: no back-office chunk, CSS or page', () => {
    const forResidents = reachableFrom(manifest, 'index.html')
    const backOfficeOnly = [...reachableFrom(backOffice, 'beheer/index.html'), ...reachableFrom(backOffice, 'embed/index.html')].filter((file) => !forResidents.has(file))
    expect(backOfficeOnly.length).toBeGreaterThan(10) // the walk found the back office
    expect(backOfficeOnly.filter((file) => precached.has(file))).toEqual([])
    expect(precached.has('beheer/index.html')).toBe(false)
    expect([...precached].filter((url) => url.startsWith('beheer/') || /\/beheer-[^/]*\.(js|css)$/.test(url))).toEqual([])
    expect([...precached].filter((url) => isBackOfficeSource(sourceOf.get(url) ?? ''))).toEqual([])
  })

  it('leaves the English texts out, for the run-time cache to keep after a first English visit', () => {
    const english = [...sourceOf].filter(([, src]) => isEnglishSource(src)).map(([file]) => file)
    expect(english).toHaveLength(1)
    expect(english.filter((file) => precached.has(file))).toEqual([])
    const sw = readFileSync(`${dist}/sw.js`, 'utf8')
    const rule = /registerRoute\((\/[^,]+\/),new \w+\.CacheFirst\(\{cacheName:"meepraat-english"/.exec(sw)?.[1]
    expect(rule).toBeTruthy()
    const pattern = new RegExp(rule!.slice(1, -1))
    expect(pattern.test(`http://127.0.0.1/${english[0]}`)).toBe(true)
  })

  it('holds everything a resident\'s page loads, so the app opens offline', () => {
    const missing = [...residentFiles(manifest)].filter((file) => !precached.has(file) && !isEnglishSource(sourceOf.get(file) ?? ''))
    expect(missing).toEqual([])
    expect(precached.has('index.html')).toBe(true)
    for (const url of precached) expect(existsSync(`${dist}/${url}`), url).toBe(true)
  })
})

describe('the back office\'s build (beheer/index.html)', () => {
  const manifest = readBackOfficeManifest(dist)

  it('loads no residents\' database, sync engine or service worker registration', () => {
    const files = [...reachableFrom(manifest, 'beheer/index.html')].filter((file) => file.endsWith('.js'))
    expect(files.length).toBeGreaterThan(10)
    const sources = Object.values(manifest).filter((chunk) => files.includes(chunk.file)).map((chunk) => chunk.src ?? '')
    expect(sources.filter((src) => /^(sync|db|pwa)\/|^stores\/sync|^main\.ts$/.test(src))).toEqual([])
    // Minified code keeps the browser's names: Dexie needs indexedDB, registration needs serviceWorker.
    const touching = files.filter((file) => /\bindexedDB\b|\bserviceWorker\b/.test(readFileSync(`${dist}/${file}`, 'utf8')))
    expect(touching).toEqual([])
  })

  it('is not offered as the residents\' installable app: its page links no web app manifest', () => {
    expect(readFileSync(`${dist}/beheer/index.html`, 'utf8')).not.toContain('rel="manifest"')
    expect(readFileSync(`${dist}/index.html`, 'utf8')).toContain('rel="manifest"')
  })
})
