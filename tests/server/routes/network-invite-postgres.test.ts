import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { queryRows } from '../../../src/server/db/client'
import { putContact } from '../../../src/server/repos/contact-repo'
import { interests } from '../../../src/server/db/schema'
import { CONSENT_VERSION } from '../../../src/shared/schemas/table'
import { givenItem, givenMunicipality } from '../../support/factories'
import { givenOfficial, signIn } from '../../support/officials'
import { createSharedPostgresApps, type SharedPostgresApps } from '../../support/shared-postgres-apps'

const serverUrl = inject('postgresUrl')
let shared: SharedPostgresApps
let db: FastifyInstance['database']['db']

beforeAll(async () => {
  if (!serverUrl) throw new Error('These tests need PostgreSQL: install it (apt-get install -y postgresql) or set DATABASE_URL')
  shared = await createSharedPostgresApps(serverUrl, 2)
  db = shared.apps[0]!.database.db
  await givenMunicipality(db)
  await givenOfficial(db, 'beverwijk', 'official', 'a@beverwijk.nl')
  await givenOfficial(db, 'beverwijk', 'official', 'b@beverwijk.nl')
})
afterAll(async () => shared?.close())

describe('network invitations on PostgreSQL', () => {
  it('invites each member once per item when two officials on two server processes invite at the same moment', async () => {
    const now = shared.clock.now
    for (let i = 0; i < 20; i++) {
      const id = crypto.randomUUID()
      await db.insert(interests).values({ id, municipality: 'beverwijk', deviceKey: `key-${i}`, revision: 1, status: 'active', themes: ['opgroeien'], ageBand: '24-64', consentVersion: CONSENT_VERSION, consentedAt: now, receivedAt: now, updatedAt: now })
      await putContact(db, { ownerId: id, ownerKind: 'interest', name: `Lid ${i}`, contact: { channel: 'email', value: `lid-${i}@example.nl` }, purpose: 'test', consentVersion: CONSENT_VERSION }, now)
    }
    const itemId = await givenItem(db, now)
    const [a, b] = await Promise.all([signIn(shared.apps[0]!, 'a@beverwijk.nl'), signIn(shared.apps[1]!, 'b@beverwijk.nl')])
    const invite = (app: FastifyInstance, headers: Record<string, string>) => app.inject({ method: 'POST', url: `/api/official/items/${itemId}/invite-network`, headers, payload: { themes: ['opgroeien'] } })
    const results = await Promise.all([invite(shared.apps[0]!, a.headers), invite(shared.apps[1]!, b.headers)])
    expect(results.map((r) => r.statusCode)).toEqual([200, 200])
    expect(results.reduce((sum, r) => sum + (r.json() as { invited: number }).invited, 0)).toBe(20)
    expect((await queryRows<{ n: number }>(db, sql`select count(*)::int as n from network_invitations`))[0]!.n).toBe(20)
    expect((await queryRows<{ n: number }>(db, sql`select count(*)::int as n from device_messages where kind = 'invited'`))[0]!.n).toBe(20)
  })
})
