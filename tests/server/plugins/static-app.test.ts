import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { precompressDir } from '../../../scripts/precompress'
import { buildApp } from '../../../src/server/app'
import { cacheControlFor } from '../../../src/server/plugins/static-app'
import { createMemoryNotifier } from '../../support/memory-notifier'
import { createTestDatabase, type TestDatabase } from '../../support/test-database'

const script = `console.log(${JSON.stringify('meepraat '.repeat(400))})`
const page = `<!doctype html><html lang="nl"><title>Meepraat</title><body>${'<p>inbreng</p>'.repeat(200)}</body></html>`
const backOfficePage = `<!doctype html><html lang="nl"><title>Meepraat beheer</title><body>${'<p>beheer</p>'.repeat(200)}</body></html>`

let root: string
let testDb: TestDatabase
let app: FastifyInstance
beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'meepraat-static-'))
  writeFileSync(path.join(root, 'index.html'), page)
  writeFileSync(path.join(root, 'app.js'), script)
  writeFileSync(path.join(root, 'robots.txt'), 'User-agent: *\n')
  writeFileSync(path.join(root, 'style.css'), 'body { margin: 0 }\n')
  writeFileSync(path.join(root, 'sw.js'), 'self.addEventListener("fetch", () => {})\n')
  writeFileSync(path.join(root, 'icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>')
  mkdirSync(path.join(root, 'beheer'))
  writeFileSync(path.join(root, 'beheer', 'index.html'), backOfficePage)
  precompressDir(root)
  testDb = await createTestDatabase()
  app = await buildApp({ database: testDb.database, ownsDatabase: false, notifier: createMemoryNotifier(), staticDir: root })
})
afterAll(async () => {
  await app.close()
  await testDb.dispose()
  rmSync(root, { recursive: true, force: true })
})

describe('static app serving', () => {
  it('leaves the headers only a document obeys off scripts and stylesheets, and keeps nosniff and API-Version there', async () => {
    for (const url of ['/app.js', '/style.css']) {
      const res = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br' } })
      expect(res.statusCode, url).toBe(200)
      for (const name of ['content-security-policy', 'x-frame-options', 'permissions-policy', 'cross-origin-opener-policy']) expect(res.headers[name], `${url} ${name}`).toBeUndefined()
      expect(res.headers['x-content-type-options'], url).toBe('nosniff')
      expect(res.headers['api-version'], url).toBeDefined()
    }
  })

  it('keeps the whole policy on pages, on SVG images (which can run script when opened) and on the service worker', async () => {
    const answers = await Promise.all([
      app.inject({ method: 'GET', url: '/' }),
      app.inject({ method: 'GET', url: '/icon.svg' }),
      app.inject({ method: 'GET', url: '/sw.js' }),
      app.inject({ method: 'GET', url: '/app.js', headers: { 'service-worker': 'script' } }),
    ])
    for (const res of answers) {
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-security-policy']).toContain("default-src 'self'")
      expect(res.headers['x-frame-options']).toBe('DENY')
    }
  })

  it('sends the brotli copy to a browser that accepts brotli, with Vary', async () => {
    const res = await app.inject({ method: 'GET', url: '/app.js', headers: { 'accept-encoding': 'gzip, deflate, br' } })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-encoding']).toBe('br')
    expect(res.headers['content-type']).toMatch(/javascript/)
    expect(res.headers.vary).toMatch(/accept-encoding/i)
    expect(brotliDecompressSync(res.rawPayload).toString()).toBe(script)
    expect(res.rawPayload.length).toBeLessThan(script.length / 5)
  })

  it('sends gzip when only gzip is accepted and the plain file when nothing is', async () => {
    const gz = await app.inject({ method: 'GET', url: '/app.js', headers: { 'accept-encoding': 'gzip' } })
    expect(gz.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(gz.rawPayload).toString()).toBe(script)
    const plain = await app.inject({ method: 'GET', url: '/app.js', headers: { 'accept-encoding': 'identity' } })
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body).toBe(script)
  })

  it('compresses the app shell sent for deep links and keeps it revalidated', async () => {
    const res = await app.inject({ method: 'GET', url: '/i/some-item', headers: { 'accept-encoding': 'br' } })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-encoding']).toBe('br')
    expect(res.headers['cache-control']).toBe('no-cache')
    expect(brotliDecompressSync(res.rawPayload).toString()).toBe(page)
  })

  it('caches a precompressed copy exactly like the file it copies', () => {
    expect(cacheControlFor('/srv/index.html.br')).toBe('no-cache')
    expect(cacheControlFor('/srv/sw.js.gz')).toBe('no-cache')
    expect(cacheControlFor(`/srv${path.sep}assets${path.sep}index-abc123.js.br`)).toBe('public, max-age=31536000, immutable')
  })

  it('leaves files too small to gain from compression alone', async () => {
    const res = await app.inject({ method: 'GET', url: '/robots.txt', headers: { 'accept-encoding': 'br' } })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-encoding']).toBeUndefined()
  })

  it('answers / and resident deep links with the residents\' page', async () => {
    for (const url of ['/', '/items/abc', '/mijn-inbreng', '/beheerder', '/items/beheer']) {
      const res = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'identity' } })
      expect(res.statusCode, url).toBe(200)
      expect(res.headers['cache-control'], url).toBe('no-cache')
      expect(res.body, url).toBe(page)
    }
  })

  it('answers /beheer and its deep links with the back office\'s page, revalidated and compressed', async () => {
    for (const url of ['/beheer', '/beheer/', '/beheer/inloggen', '/beheer/items/abc/inbreng?tab=1']) {
      const res = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br' } })
      expect(res.statusCode, url).toBe(200)
      expect(res.headers['cache-control'], url).toBe('no-cache')
      expect(res.headers['content-encoding'], url).toBe('br')
      expect(brotliDecompressSync(res.rawPayload).toString(), url).toBe(backOfficePage)
    }
  })

  it('answers unknown files with a 404, inside the back office too', async () => {
    for (const url of ['/nope.js', '/beheer/nope.js', '/assets/missing-abc123.css']) {
      const res = await app.inject({ method: 'GET', url })
      expect(res.statusCode, url).toBe(404)
      expect((res.json() as { error: { code: string } }).error.code, url).toBe('not_found')
    }
  })
})
