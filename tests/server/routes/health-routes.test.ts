import { afterEach, describe, expect, it } from 'vitest'
import { LiveSchema, NotReadySchema, ReadySchema } from '../../../src/shared/schemas/health'
import { buildApp } from '../../../src/server/app'
import { createDatabase } from '../../../src/server/db/client'
import { createMemoryNotifier } from '../../support/memory-notifier'
import { createTestApp } from '../../support/test-app'

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

describe('GET /api/health/live and /api/health/ready', () => {
  it('answers live, and ready when the database answers and every migration ran', async () => {
    const t = await createTestApp()
    cleanups.push(() => t.close())
    const live = await t.app.inject({ method: 'GET', url: '/api/health/live' })
    expect(live.statusCode).toBe(200)
    expect(LiveSchema.parse(live.json()).status).toBe('live')
    const ready = await t.app.inject({ method: 'GET', url: '/api/health/ready' })
    expect(ready.statusCode).toBe(200)
    expect(ReadySchema.parse(ready.json()).checks).toEqual({ database: 'up', migrations: 'applied' })
  })

  it('answers 503 with the contract error body while migrations are not applied', async () => {
    // An empty database that never ran the migrations, as a process sees it mid-deploy.
    const database = await createDatabase({ dataDir: 'memory://' })
    const app = await buildApp({ database, notifier: createMemoryNotifier() })
    cleanups.push(() => app.close())
    const ready = await app.inject({ method: 'GET', url: '/api/health/ready' })
    expect(ready.statusCode).toBe(503)
    const body = NotReadySchema.parse(ready.json())
    expect(body.error.code).toBe('unavailable')
    expect(body).toMatchObject({ status: 503, code: 'unavailable', type: 'about:blank' })
    expect(ready.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(body.checks).toMatchObject({ database: 'up', migrations: 'pending' })
    expect(ready.headers['retry-after']).toBe('5')
    // Liveness does not depend on the database: a restart would not help.
    expect((await app.inject({ method: 'GET', url: '/api/health/live' })).statusCode).toBe(200)
  })

  it('answers 503 when the database no longer answers', async () => {
    const database = await createDatabase({ dataDir: 'memory://' })
    const app = await buildApp({ database, notifier: createMemoryNotifier(), ownsDatabase: false })
    cleanups.push(() => app.close())
    await database.close()
    const ready = await app.inject({ method: 'GET', url: '/api/health/ready' })
    expect(ready.statusCode).toBe(503)
    expect(NotReadySchema.parse(ready.json()).checks?.database).toBe('down')
  })
})
