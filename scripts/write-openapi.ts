/**
 * Writes the API's OpenAPI document to a file (default `openapi.json`), taken from the app itself
 * (built on an in-memory database, as tests do), so `npm run lint:api` lints what is served.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { buildApp } from '../src/server/app'
import { createDatabase } from '../src/server/db/client'
import { migrateDatabase } from '../src/server/db/migrate'

const out = process.argv[2] ?? 'openapi.json'
const database = await createDatabase({ dataDir: 'memory://' })
await migrateDatabase(database)
const app = await buildApp({ database, notifier: { async send() {}, async close() {} } })
try {
  const res = await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })
  if (res.statusCode !== 200) throw new Error(`GET /api/v1/openapi.json answered ${res.statusCode}`)
  mkdirSync(path.dirname(out), { recursive: true })
  writeFileSync(out, `${JSON.stringify(res.json(), null, 2)}\n`)
  console.log(`wrote ${out}`)
} finally {
  await app.close()
}
