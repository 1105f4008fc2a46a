import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { queryRows } from '../../../src/server/db/client'
import { runRetention, zeroRetentionCounts } from '../../../src/server/jobs/retention'
import type { TestApp } from '../../support/test-app'
import { signIn, type Session } from '../../support/officials'
import { aSignup, contactIds, createTableTestApp, signUp } from '../../support/tables'
import { SIGNAL_CONTACT_CONSENT_VERSION } from '../../../src/shared/schemas/signal'

const DAY = 86_400_000
let t: TestApp
let s: Session
let tableId: string

beforeEach(async () => {
  ;({ t, s, tableId } = await createTableTestApp({ assignment: { seats: 2, reserved: { clientOrExpert: 0, youth: 0 } } }))
})
afterEach(async () => t.close())

const signupIds = async () => (await queryRows<{ id: string }>(t.db, sql`select id from table_signups`)).map((r) => r.id)

async function draw() {
  s = await signIn(t.app, 'official@beverwijk.nl')
  const res = await t.app.inject({ method: 'POST', url: `/api/official/items/${tableId}/draw`, headers: s.headers, payload: {} })
  expect(res.statusCode, res.body).toBe(200)
}

describe('retention job', () => {
  it('deletes an under-16 sign-up without a guardian yes after 30 days, and keeps it before', async () => {
    const pending = aSignup(tableId, { ageBand: '<16', guardianEmail: 'ouder@example.nl' })
    await signUp(t.app, [pending])
    t.clock.advance(29 * DAY)
    await runRetention(t.db, t.clock.now)
    expect(await signupIds()).toEqual([pending.id])
    t.clock.advance(2 * DAY)
    const counts = await runRetention(t.db, t.clock.now)
    expect(counts.beverwijk?.pendingDeleted).toBe(1)
    expect(await signupIds()).toEqual([])
    expect(await contactIds(t)).toEqual([])
  })

  it('deletes contact details of people not selected 30 days after the table starts; members stay until the response plus 90 days', async () => {
    const people = [1, 2, 3].map((i) => aSignup(tableId, { name: `Persoon ${i}` }))
    for (const p of people) {
      await signUp(t.app, [p])
      t.clock.advance(1000)
    }
    t.clock.advance(6 * DAY)
    await draw()
    const [first, second, third] = people as [(typeof people)[0], (typeof people)[0], (typeof people)[0]]

    t.clock.set(new Date(t.clock.now.getTime() + 40 * DAY)) // started 20+ days ago... now past start + 30
    t.clock.advance(10 * DAY)
    const afterStart = await runRetention(t.db, t.clock.now)
    expect(afterStart.beverwijk?.nonSelectedContactsDeleted).toBe(1)
    expect((await contactIds(t)).sort()).toEqual([first.id, second.id].sort())
    expect(await contactIds(t)).not.toContain(third.id)

    s = await signIn(t.app, 'official@beverwijk.nl')
    await t.app.inject({ method: 'POST', url: `/api/official/items/${tableId}/advice`, headers: s.headers, payload: { text: 'Ons advies: één loket.' } })
    t.clock.advance(DAY)
    s = await signIn(t.app, 'official@beverwijk.nl')
    await t.app.inject({ method: 'POST', url: `/api/items/${tableId}/feedback`, headers: s.headers, payload: { outcome: 'adopted', summary: 'We doen wat de tafel adviseerde.' } })
    t.clock.advance(89 * DAY)
    expect((await runRetention(t.db, t.clock.now)).beverwijk?.memberContactsDeleted).toBe(0)
    t.clock.advance(2 * DAY)
    expect((await runRetention(t.db, t.clock.now)).beverwijk?.memberContactsDeleted).toBe(2)
    expect(await contactIds(t)).toEqual([])
    // Counts, not names, in the audit log.
    const audit = await queryRows<{ action: string; details: Record<string, number> }>(t.db, sql`select action, details from audit_log where action = 'retention.run' order by at`)
    expect(audit.map((a) => a.details)).toEqual([
      { ...zeroRetentionCounts(), nonSelectedContactsDeleted: 1 },
      { ...zeroRetentionCounts(), memberContactsDeleted: 2 },
    ])
    expect(JSON.stringify(audit)).not.toContain('Persoon')
  })

  it('uses the retention periods configured for the municipality', async () => {
    await t.db.execute(sql`update municipalities set retention_non_selected_days = 1 where slug = 'beverwijk'`)
    for (const p of [1, 2, 3].map(() => aSignup(tableId))) await signUp(t.app, [p])
    t.clock.advance(6 * DAY)
    await draw()
    t.clock.advance(16 * DAY) // the table started 2 days ago
    expect((await runRetention(t.db, t.clock.now)).beverwijk?.nonSelectedContactsDeleted).toBe(1)
  })
})


describe('retention job housekeeping', () => {
  it('removes expired sessions and old sign-in attempts', async () => {
    await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'official@beverwijk.nl', password: 'wrong-password-1' } })
    const count = async (table: string) => (await queryRows<{ n: number }>(t.db, sql.raw(`select count(*)::int as n from ${table}`)))[0]?.n
    expect(await count('sessions')).toBeGreaterThan(0)
    expect(await count('login_failures')).toBeGreaterThan(0)
    t.clock.advance(25 * 60 * 60 * 1000) // past the 12-hour session limit and the 1-day attempt window
    await runRetention(t.db, t.clock.now)
    expect(await count('sessions')).toBe(0)
    expect(await count('login_failures')).toBe(0)
  })
})

describe('retention of contact details left with a signal', () => {
  it('deletes them the member retention period after the municipality answered, and keeps them before and while unanswered', async () => {
    const signal = {
      id: crypto.randomUUID(),
      municipality: 'beverwijk',
      deviceId: `device-${crypto.randomUUID().replace(/-/g, '')}`,
      createdAt: t.clock.now.toISOString(),
      kind: 'signal',
      title: 'De stoep bij de school is kapot',
      body: 'Kinderen struikelen elke dag over de losse tegels.',
      contact: { channel: 'email', value: 'inwoner@example.nl', name: 'Sam', consentVersion: SIGNAL_CONTACT_CONSENT_VERSION },
    }
    const res = await t.app.inject({ method: 'POST', url: '/api/signals', payload: { signals: [signal] } })
    expect(res.json().results[0].status).toBe('accepted')
    const signalContacts = async () => (await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from contacts where owner_kind = 'signal'`))[0]!.n
    t.clock.advance(200 * DAY)
    await runRetention(t.db, t.clock.now)
    expect(await signalContacts()).toBe(1) // not answered yet: the municipality may still need to call
    await t.db.execute(sql`update signals set status = 'answered', response = 'We leggen de tegels opnieuw.', responded_at = ${t.clock.now.toISOString()}::timestamptz where id = ${signal.id}`)
    t.clock.advance(89 * DAY)
    expect((await runRetention(t.db, t.clock.now)).beverwijk?.signalContactsDeleted).toBe(0)
    expect(await signalContacts()).toBe(1)
    t.clock.advance(2 * DAY)
    expect((await runRetention(t.db, t.clock.now)).beverwijk?.signalContactsDeleted).toBe(1)
    expect(await signalContacts()).toBe(0)
  })
})
