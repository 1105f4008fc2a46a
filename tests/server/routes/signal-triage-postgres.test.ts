import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { InboxSchema } from '../../../src/shared/schemas/inbox'
import { changeSignalStatus } from '../../../src/server/services/signal-triage-service'
import { givenMunicipality } from '../../support/factories'
import { givenOfficial, signIn, type Session } from '../../support/officials'
import { givenPublishedSignal } from '../../support/signals'
import { createSharedPostgresApps, type SharedPostgresApps } from '../../support/shared-postgres-apps'

const serverUrl = inject('postgresUrl')
const REASON = 'Dit gaat over een weg van de provincie. Wij hebben de provincie gevraagd ernaar te kijken.'
const RESPONSE = 'We leggen de tegels bij de school deze maand opnieuw.'
let shared: SharedPostgresApps
let app: FastifyInstance
let session: Session
let officialId: string

beforeAll(async () => {
  if (!serverUrl) throw new Error('These tests need PostgreSQL: install it (apt-get install -y postgresql) or set DATABASE_URL')
  shared = await createSharedPostgresApps(serverUrl, 1)
  app = shared.apps[0]!
  await givenMunicipality(app.database.db)
  const email = `triage-${crypto.randomUUID()}@beverwijk.nl`
  officialId = await givenOfficial(app.database.db, 'beverwijk', 'official', email)
  session = await signIn(app, email)
})
afterAll(async () => shared?.close())

const inbox = async (deviceId: string, since?: string) =>
  InboxSchema.parse((await app.inject({ method: 'GET', url: `/api/me/inbox${since ? `?since=${encodeURIComponent(since)}` : ''}`, headers: { authorization: `Device ${deviceId}` } })).json())
const post = (url: string, payload: object) => app.inject({ method: 'POST', url, headers: session.headers, payload })

describe('signal triage on PostgreSQL', () => {
  it('refuses not taken up without a reason and on the agenda without a link, then answers; the inbox shows it once', async () => {
    const now = shared.clock.now
    const { id, deviceId } = await givenPublishedSignal(app, now)
    const before = await inbox(deviceId)
    expect((await post(`/api/official/signals/${id}/status`, { status: 'not_taken_up' })).json().error.code).toBe('signal_reason_required')
    expect((await post(`/api/official/signals/${id}/status`, { status: 'on_agenda' })).json().error.code).toBe('signal_link_required')
    expect((await post(`/api/official/signals/${id}/status`, { status: 'considering' })).statusCode).toBe(200)
    const res = await post(`/api/official/signals/${id}/response`, { status: 'answered', response: RESPONSE })
    expect(res.statusCode, res.body).toBe(200)
    const next = await inbox(deviceId, before.cursor)
    expect(next.entries.map((e) => e.id)).toEqual([`signal:${id}:answered`])
    expect((await inbox(deviceId, next.cursor)).entries).toEqual([])
  })

  it('returns a change committed after a cursor was handed out in the next call with that cursor', async () => {
    const now = shared.clock.now
    const { id, deviceId } = await givenPublishedSignal(app, now)
    const actor = { id: officialId, municipality: 'beverwijk', role: 'official' as const }
    let handedOut = ''
    await app.database.db.transaction(async (tx) => {
      // The change is written but not committed while another connection reads the inbox.
      await changeSignalStatus({ db: tx, now }, actor, id, { status: 'not_taken_up', reason: REASON })
      const during = await inbox(deviceId)
      expect(during.entries.filter((e) => e.kind === 'signal')).toEqual([])
      handedOut = during.cursor
    })
    const after = await inbox(deviceId, handedOut)
    expect(after.entries).toEqual([expect.objectContaining({ kind: 'signal', id: `signal:${id}:not_taken_up`, reason: REASON })])
    expect((await inbox(deviceId, after.cursor)).entries).toEqual([])
  })
})
