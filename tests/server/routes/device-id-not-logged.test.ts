import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../../src/server/app'
import { appLoggerOptions } from '../../../src/server/log-safety'
import { deviceAuthorization } from '../../../src/shared/schemas/device-credentials'
import { aSubmission, givenItem, givenMunicipality, newDeviceId } from '../../support/factories'
import { createMemoryNotifier } from '../../support/memory-notifier'
import { createTestDatabase, type TestDatabase } from '../../support/test-database'

let testDb: TestDatabase
let app: FastifyInstance
const lines: string[] = []
const now = new Date('2026-06-01T12:00:00Z')

beforeAll(async () => {
  testDb = await createTestDatabase()
  app = await buildApp({ database: testDb.database, ownsDatabase: false, clock: () => now, notifier: createMemoryNotifier(), logger: appLoggerOptions('trace', { write: (line) => lines.push(line) }) })
})
afterAll(async () => {
  await app.close()
  await testDb.dispose()
})

describe('device ids in logs', () => {
  it('logs no device id, whether it came in the Authorization header, in a deprecated path or in a refused request', async () => {
    await givenMunicipality(testDb.database.db)
    const itemId = await givenItem(testDb.database.db, now)
    const deviceId = newDeviceId()
    const auth = { authorization: deviceAuthorization(deviceId) }
    await app.inject({ method: 'POST', url: '/api/submissions', payload: { submissions: [aSubmission(itemId, { deviceId })] } })
    expect((await app.inject({ method: 'GET', url: '/api/me/inbox', headers: auth })).statusCode).toBe(200)
    expect((await app.inject({ method: 'POST', url: `/api/me/signups/${crypto.randomUUID()}/withdraw`, headers: auth, payload: {} })).statusCode).toBe(404)
    expect((await app.inject({ method: 'GET', url: `/api/v1/devices/${deviceId}/inbox?since=x` })).statusCode).toBe(400)
    expect((await app.inject({ method: 'GET', url: `/api/devices/${deviceId}/signups` })).statusCode).toBe(200)
    expect((await app.inject({ method: 'GET', url: '/api/me/inbox', headers: { authorization: `Device ${deviceId}!` } })).statusCode).toBe(400)
    const log = lines.join('')
    expect(lines.length).toBeGreaterThan(10)
    expect(log).toContain('/api/devices/[device]/signups')
    expect(log).not.toContain(deviceId)
    expect(log).not.toMatch(/authorization/i)
  })
})
