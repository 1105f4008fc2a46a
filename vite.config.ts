import { fileURLToPath } from 'node:url'
import type { Plugin } from 'vite'
import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'
import { VitePWA } from 'vite-plugin-pwa'
import { BACK_OFFICE_MANIFEST, RESIDENTS_MANIFEST } from './scripts/vite/build-manifests.ts'
import { appStartCodeSplitting, firstRouteCodeSplitting } from './scripts/vite/first-route-chunks.ts'
import { FIRST_ROUTE_PAGES, firstRouteTexts } from './scripts/vite/first-route-texts.ts'
import { zodWithoutJsonSchema } from './scripts/vite/zod-without-json-schema.ts'

const repoRoot = fileURLToPath(new URL('.', import.meta.url))
const clientRoot = fileURLToPath(new URL('./src/client', import.meta.url))

/** The English texts' chunk (Vite names a lazy `locales/en.json` `en-<hash>.js`). */
const ENGLISH_CHUNK = /\/assets\/en-[\w-]+\.js$/

/**
 * The residents' precache holds what a resident can load and nothing else. During the residents'
 * build this walks its bundle from the entry (`main`, index.html) through static and lazy imports
 * and their CSS and assets. Left out: what the walk does not reach, the English texts (most
 * residents never load them; the service worker caches them at run time, on the first English
 * visit), and the back office's and the widget's files, which their own build put in the same
 * folder before (every built file lies in assets/ or is a page; the rest is public/).
 */
function residentPrecache() {
  const forResidents = new Set<string>()
  const plugin: Plugin = {
    name: 'meepraat:resident-precache',
    apply: 'build',
    // After Vite's own plugins, so the pages (HTML) are in the bundle too.
    enforce: 'post',
    generateBundle(_options, bundle) {
      forResidents.clear()
      const reachable = new Set<string>(['index.html'])
      const visit = (fileName: string): void => {
        const output = bundle[fileName]
        if (!output || reachable.has(fileName)) return
        reachable.add(fileName)
        if (output.type !== 'chunk') return
        for (const file of [...(output.viteMetadata?.importedCss ?? []), ...(output.viteMetadata?.importedAssets ?? [])]) reachable.add(file)
        for (const next of [...output.imports, ...output.dynamicImports]) visit(next)
      }
      const entry = Object.values(bundle).find((output) => output.type === 'chunk' && output.isEntry && output.name === 'main')
      if (!entry) this.error('meepraat:resident-precache: the residents\' entry chunk (main) is missing')
      visit(entry.fileName)
      for (const fileName of reachable) {
        const output = bundle[fileName]
        const english = output?.type === 'chunk' && Boolean(output.facadeModuleId?.endsWith('/locales/en.json'))
        if (english && !ENGLISH_CHUNK.test(`/${fileName}`)) this.error(`meepraat:resident-precache: English chunk ${fileName} escapes the run-time cache rule`)
        if (!english) forResidents.add(fileName)
      }
    },
  }
  const builtFile = (url: string) => url.startsWith('assets/') || url.endsWith('.html')
  const manifestTransform = (entries: { url: string; revision: string | null; size: number }[]) => ({
    manifest: entries.filter((entry) => forResidents.has(entry.url) || !builtFile(entry.url)),
  })
  return { plugin, manifestTransform }
}

const precache = residentPrecache()

/**
 * The browser build takes Dexie's modern ES module build (ES2018+, which our es2022 target runs)
 * instead of the ES5 file its package points bundlers at: the same Dexie with less code. Only
 * `dexie` itself, so nothing loads two copies; tests (Node) keep the package's default.
 */
const dexieModernBuild: Plugin = {
  name: 'meepraat:dexie-modern-build',
  apply: 'build',
  enforce: 'pre',
  resolveId(id, importer) {
    return id === 'dexie' ? this.resolve('dexie/dist/modern/dexie.mjs', importer, { skipSelf: true }) : undefined
  },
}

/**
 * Every component of both apps is a `<script setup>`: Vue's Options API (data, methods, mixins)
 * is never used, so the browser build leaves it out. Build only: test helpers may still use it.
 * Listed after vue(), whose own default (true) this overrides.
 */
const withoutOptionsApi: Plugin = {
  name: 'meepraat:without-options-api',
  apply: 'build',
  config: () => ({ define: { __VUE_OPTIONS_API__: 'false' } }),
}

/**
 * `npm run dev`: /beheer and its deep links open the back office's page, as the server does in
 * production (Vite's own fallback would hand them the residents' index.html).
 */
const backOfficeDeepLinksInDev: Plugin = {
  name: 'meepraat:back-office-dev-deep-links',
  apply: 'serve',
  configureServer(server) {
    server.middlewares.use((req, _res, next) => {
      const urlPath = req.url?.split('?')[0] ?? ''
      const isBackOffice = urlPath === '/beheer' || urlPath.startsWith('/beheer/')
      const isPage = !/\.\w+$/.test(urlPath) && Boolean(req.headers.accept?.includes('text/html'))
      if (isBackOffice && isPage) req.url = '/beheer/index.html'
      // The widget (/embed/SLUG) has its own page too.
      else if (urlPath.startsWith('/embed/') && isPage) req.url = '/embed/index.html'
      next()
    })
  },
}

/**
 * The residents' page preloads the code and stylesheets of the route it opens on (home, an item,
 * choosing a municipality), so the browser fetches them together with the entry instead of after it (no
 * waterfall on a slow connection), and not the code of the other two (fewer bytes first).
 * The build writes which files each route needs into the page as a JSON data block (no script
 * runs from it, so the CSP stays `script-src 'self'`); public/theme-boot.js, which runs first,
 * adds the links for the route of the address. Only that page: the back office and the widget
 * (framed on a municipality's site) never show these routes.
 */
const preloadFirstRoutes: Plugin = {
  name: 'meepraat:preload-first-routes',
  apply: 'build',
  enforce: 'post',
  transformIndexHtml: {
    order: 'post',
    handler: (html, ctx) => {
      if (ctx.path !== '/index.html' || !ctx.bundle) return html
      const bundle = ctx.bundle
      const already = new Set([...html.matchAll(/(?:src|href)="\/([^"]+\.(?:js|css))"/g)].map((m) => m[1]))
      const filesOf = (page: string): string[] => {
        const files = new Set<string>()
        const styles = new Set<string>()
        const add = (fileName: string) => {
          const chunk = bundle[fileName]
          if (!chunk || chunk.type !== 'chunk' || files.has(fileName)) return
          files.add(fileName)
          for (const css of chunk.viteMetadata?.importedCss ?? []) styles.add(css)
          for (const imported of chunk.imports) add(imported)
        }
        for (const chunk of Object.values(bundle)) if (chunk.type === 'chunk' && chunk.facadeModuleId?.endsWith(`/src/client/${page}`)) add(chunk.fileName)
        if (files.size === 0) throw new Error(`meepraat:preload-first-routes: no chunk for ${page}`)
        // The route's own stylesheets too: Vite only asks for them once the route's code has run,
        // and waits for them before the page shows, one more round trip on a slow line.
        return [...files, ...styles].filter((f) => !already.has(f)).map((f) => `/${f}`)
      }
      const routes = Object.fromEntries(Object.entries(FIRST_ROUTE_PAGES).map(([name, page]) => [name, filesOf(page)]))
      const data = `<script type="application/json" id="mp-route-preloads">${JSON.stringify(routes)}</script>`
      // Before theme-boot.js, which reads it.
      if (!html.includes('<script src="/theme-boot.js"></script>')) throw new Error('meepraat:preload-first-routes: index.html has no theme-boot.js')
      return html.replace('<script src="/theme-boot.js"></script>', `${data}\n    <script src="/theme-boot.js"></script>`)
    },
  },
}

/** The residents' installable app: its web app manifest and service worker (precache, run-time caches). */
function residentsApp() {
  return VitePWA({
    registerType: 'prompt',
    injectRegister: false,
    strategies: 'generateSW',
    filename: 'sw.js',
    manifest: {
      name: 'Meepraat',
      short_name: 'Meepraat',
      description: 'Praat mee over beleid in jouw gemeente.',
      lang: 'nl',
      start_url: '/',
      scope: '/',
      display: 'standalone',
      background_color: '#ffffff',
      theme_color: '#14532d',
      icons: [
        { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
        { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
        { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      ],
    },
    workbox: {
      globPatterns: ['**/*.{js,css,html,svg,png,ico,webmanifest}'],
      manifestTransforms: [precache.manifestTransform],
      navigateFallback: '/index.html',
      // The API and the back office (its own app, online only) are never answered from the
      // residents' app-shell cache.
      // The widget (/embed/SLUG) too: only the server sends it with the framing policy it needs.
      navigateFallbackDenylist: [/^\/api\//, /^\/beheer(\/|$)/, /^\/embed(\/|$)/],
      // English, once loaded, stays for offline visits; hashed names, so the cached copy is right.
      runtimeCaching: [
        {
          urlPattern: ENGLISH_CHUNK,
          handler: 'CacheFirst',
          options: { cacheName: 'meepraat-english', expiration: { maxEntries: 4 } },
        },
        // The chosen municipality's theme and logo: the profile links them with a content hash
        // (?v=...), so a cached copy is right for good and the next visit paints in its colours offline.
        {
          // Written out here: the worker gets this function's source, not the names around it
          // (src/client/pwa/look-offline.ts mirrors the pattern).
          urlPattern: ({ url, sameOrigin }) => sameOrigin && /^\/api\/municipalities\/[a-z0-9-]+\/(theme\.css|logo)\?v=[\w-]+$/.test(url.pathname + url.search),
          handler: 'CacheFirst',
          options: { cacheName: 'meepraat-municipality-look', expiration: { maxEntries: 8 } },
        },
      ],
      // A first visit is taken over as soon as the worker is active, so an English switch on
      // that visit is cached already. Updates still wait for the resident (registerType prompt).
      clientsClaim: true,
      cleanupOutdatedCaches: true,
      // A tap on a system notification opens the item it is about; a Web Push message shows one.
      importScripts: ['/sw-notification-click.js', '/sw-push.js'],
    },
  })
}

/**
 * The apps are built apart: `vite build` (mode production) builds the residents' app alone, `vite
 * build --mode back-office` the back office and the widget into the same folder (`npm run build`
 * runs both). Built together, the bundler cuts every module the apps share (Vue, the texts, the
 * schemas, the components) into shared files, so a resident's first screen came in 13 files; over
 * HTTP/1.1 six go at a time, and on a slow line each further round costs about half a second.
 * Alone, the residents' app opens a poll with five (its entry and start-up code, the route's code,
 * its page and the bundler's runtime).
 */
export type ClientApp = 'residents' | 'back-office'
export const BACK_OFFICE_MODE = 'back-office'

function inputsOf(app: ClientApp): Record<string, string> {
  const page = (file: string) => fileURLToPath(new URL(`./src/client/${file}`, import.meta.url))
  if (app === 'residents') return { main: page('index.html') }
  // The widget municipalities frame on their website (/embed/SLUG): its own small page.
  return { beheer: page('beheer/index.html'), embed: page('embed/index.html') }
}

export default defineConfig(({ mode }) => {
  const app: ClientApp = mode === BACK_OFFICE_MODE ? 'back-office' : 'residents'
  const residents = app === 'residents'
  return {
    root: 'src/client',
    publicDir: fileURLToPath(new URL('./public', import.meta.url)),
    build: {
      outDir: fileURLToPath(new URL('./dist/client', import.meta.url)),
      // The back office is built first and empties the folder; the residents' build adds to it.
      emptyOutDir: !residents,
      target: 'es2022',
      rollupOptions: {
        input: inputsOf(app),
        output: {
        codeSplitting: residents
          ? firstRouteCodeSplitting(clientRoot)
          : appStartCodeSplitting(clientRoot, { beheer: 'beheer/main-beheer.ts', embed: 'embed/main-embed.ts' }),
      },
      },
      // One manifest per build (scripts/vite/build-manifests.ts).
      manifest: residents ? RESIDENTS_MANIFEST : BACK_OFFICE_MANIFEST,
    },
    server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
    plugins: [
      vue(),
      firstRouteTexts(clientRoot),
      zodWithoutJsonSchema(),
      dexieModernBuild,
      withoutOptionsApi,
      backOfficeDeepLinksInDev,
      // The back office and the widget are not the installable app: no manifest, no service worker.
      ...(residents ? [preloadFirstRoutes, precache.plugin, residentsApp()] : []),
    ],
    test: {
      // Many server tests wait on child processes (CLI, server): keep every core busy, in one group
      // for all projects, so the long server files overlap with the unit and component tests.
      maxWorkers: '100%',
      projects: [
        {
          extends: true,
          // A few unit tests build a test app or run ESLint over the tree: they are not slow, but the
          // 5 s default fails them whenever the machine is busy, which says nothing about the code.
          test: { name: 'unit', root: repoRoot, include: ['tests/unit/**/*.test.ts'], environment: 'node', testTimeout: 60_000 },
        },
        {
          extends: true,
          test: {
            name: 'component',
            root: repoRoot,
            include: ['tests/component/**/*.test.ts'],
            environment: 'happy-dom',
            setupFiles: ['tests/support/component-setup.ts'],
          },
        },
        {
          extends: true,
          test: {
            // On PGlite in `npm test`; on PostgreSQL in `npm run test:pg` (DATABASE_URL set).
            name: 'server',
            root: repoRoot,
            include: ['tests/server/**/*.test.ts'],
            exclude: ['tests/server/**/*-postgres.test.ts'],
            environment: 'node',
            testTimeout: 60_000,
            hookTimeout: 120_000,
            globalSetup: ['tests/support/global-template.ts'],
            // Files share a worker and its migrated databases (tests/support/test-database.ts):
            // a new PGlite per file costs a second, emptying one costs milliseconds. No server
            // test relies on module state of its own; each test gets an emptied database.
            isolate: false,
          },
        },
        {
          extends: true,
          test: {
            // Tests that need a PostgreSQL server (several processes or pools on one database):
            // only in `npm run test:pg`, so `npm test` runs on the embedded database alone.
            name: 'server-postgres',
            root: repoRoot,
            include: ['tests/server/**/*-postgres.test.ts'],
            environment: 'node',
            testTimeout: 60_000,
            hookTimeout: 120_000,
            globalSetup: ['tests/support/global-postgres.ts', 'tests/support/global-template.ts'],
          },
        },
        {
          // `npm run test:prod`: installs the build with production dependencies only; slow, so
          // not part of `npm test`.
          extends: true,
          test: {
            name: 'prod',
            root: repoRoot,
            include: ['tests/prod/**/*.test.ts'],
            environment: 'node',
            testTimeout: 120_000,
            hookTimeout: 600_000,
          },
        },
        {
          extends: true,
          test: {
            // npm run test:scale: PostgreSQL + three server processes + HAProxy (tests/scale/README.md).
            name: 'scale',
            root: repoRoot,
            include: ['tests/scale/**/*.test.ts'],
            environment: 'node',
            fileParallelism: false,
            testTimeout: 300_000,
            hookTimeout: 180_000,
          },
        },
        {
          extends: true,
          test: {
            name: 'e2e',
            root: repoRoot,
            include: ['tests/e2e/**/*.test.ts'],
            environment: 'node',
            fileParallelism: false,
            testTimeout: 120_000,
            hookTimeout: 180_000,
          },
        },
      ],
    },
  }
})
