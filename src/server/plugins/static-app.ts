import { existsSync } from 'node:fs'
import path from 'node:path'
import fastifyStatic from '@fastify/static'
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { notFound } from '../errors'

/** Files that must be checked on every visit, so an update reaches residents. */
const ALWAYS_REVALIDATE = new Set(['index.html', 'sw.js', 'registerSW.js', 'manifest.webmanifest', 'sw-notification-click.js', 'sw-push.js', 'theme-boot.js'])

/** Precompressed copies (`.br`, `.gz`) are cached like the file they copy. */
function withoutEncodingSuffix(filePath: string): string {
  return filePath.replace(/\.(br|gz)$/, '')
}

/**
 * Paths that belong to operations, never to the PWA: answering them with the app's page and 200
 * would make a scraper or a probe believe it works. Metrics are served on METRICS_PORT only.
 */
const OPERATIONS_PATHS = new Set(['/metrics'])

/** The back office is its own app under /beheer, with its own page (`beheer/index.html`). */
const BACK_OFFICE_PAGE = 'beheer/index.html'

/** The page that starts the app a path belongs to: the back office's or the residents'. */
export function appPageFor(url: string): string {
  return url === '/beheer' || url.startsWith('/beheer/') ? BACK_OFFICE_PAGE : 'index.html'
}

export function cacheControlFor(servedPath: string): string {
  const filePath = withoutEncodingSuffix(servedPath)
  const name = path.basename(filePath)
  if (ALWAYS_REVALIDATE.has(name)) return 'no-cache'
  // Vite and Workbox put a content hash in these names: they never change.
  if (filePath.includes(`${path.sep}assets${path.sep}`) || /^workbox-[0-9a-f]{8}\.js$/.test(name)) {
    return 'public, max-age=31536000, immutable'
  }
  return 'public, max-age=86400'
}

export interface StaticAppOptions {
  root: string
  /** False in API-only tests: then every unknown path is a JSON 404. */
  enabled: boolean
}

/**
 * Serves the built apps. Unknown paths outside `/api/` get the page of their app so deep links
 * work (`/beheer/...` the back office's, everything else the residents' `index.html`); unknown
 * `/api/` paths and unknown files get the contract's 404 body.
 */
export const staticAppPlugin = fp(async (app: FastifyInstance, options: StaticAppOptions) => {
  const root = path.resolve(options.root)
  const hasApp = options.enabled && existsSync(path.join(root, 'index.html'))
  // Without the back office's page (a test's folder) /beheer gets the residents' page, as before.
  const hasBackOffice = hasApp && existsSync(path.join(root, BACK_OFFICE_PAGE))
  if (hasApp) {
    await app.register(fastifyStatic, {
      root,
      wildcard: false,
      index: ['index.html'],
      cacheControl: false,
      // `npm run build` writes .br and .gz copies; they are sent when the browser accepts them.
      preCompressed: true,
      setHeaders: (res, filePath) => {
        res.setHeader('cache-control', cacheControlFor(filePath))
        // A cache must not hand a brotli body to a client that did not ask for one.
        res.setHeader('vary', 'accept-encoding')
      },
    })
  }
  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0] ?? ''
    const isPage = !url.startsWith('/api/') && url !== '/api' && !path.extname(url) && !OPERATIONS_PATHS.has(url.replace(/\/+$/, ''))
    if (hasApp && (request.method === 'GET' || request.method === 'HEAD') && isPage) {
      const page = hasBackOffice ? appPageFor(url) : 'index.html'
      reply.header('cache-control', 'no-cache')
      return reply.sendFile(page, root)
    }
    throw notFound(`${request.method} ${url}`)
  })
})
