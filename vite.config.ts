import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'
import { VitePWA } from 'vite-plugin-pwa'

const repoRoot = fileURLToPath(new URL('.', import.meta.url))

export default defineConfig({
  root: 'src/client',
  publicDir: fileURLToPath(new URL('./public', import.meta.url)),
  build: {
    outDir: fileURLToPath(new URL('./dist/client', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
  plugins: [
    vue(),
    VitePWA({
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
        navigateFallback: '/index.html',
        // The API and the back office are never answered from the app-shell cache.
        navigateFallbackDenylist: [/^\/api\//],
        cleanupOutdatedCaches: true,
        // A tap on a system notification opens the item it is about.
        importScripts: ['/sw-notification-click.js'],
      },
    }),
  ],
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', root: repoRoot, include: ['tests/unit/**/*.test.ts'], environment: 'node' },
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
          // Many of these tests wait on child processes (CLI, server): keep every core busy.
          // Projects with their own worker count run as a group of their own (after unit, component).
          maxWorkers: '100%',
          sequence: { groupOrder: 1 },
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
          maxWorkers: '100%',
          sequence: { groupOrder: 1 },
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
})
