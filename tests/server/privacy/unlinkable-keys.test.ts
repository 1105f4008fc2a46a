import { sql } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { legacyDeviceHash } from '../../../src/server/auth/device-keys'
import { queryRows } from '../../../src/server/db/client'
import { CONSENT_VERSION } from '../../../src/shared/schemas/table'
import { aSubmission, givenItem, newDeviceId } from '../../support/factories'
import type { Session } from '../../support/officials'
import { aSignup, createTableTestApp, signUp } from '../../support/tables'
import type { TestApp } from '../../support/test-app'

let t: TestApp
let s: Session
let tableId: string
beforeEach(async () => {
  ;({ t, s, tableId } = await createTableTestApp({ item: { theme: 'opgroeien' } }))
})
afterEach(async () => t.close())

/** Every device key column, by the purpose its rows are stored for. */
const SOURCES = [
  { name: 'submission_receipts', purpose: 'answers', rows: 'select device_key from submission_receipts' },
  { name: 'current_answers', purpose: 'answers', rows: 'select device_key from current_answers' },
  { name: 'table_signups', purpose: 'signups', rows: 'select device_key from table_signups' },
  { name: 'device_messages (table news)', purpose: 'signups', rows: `select device_key from device_messages where kind <> 'invited'` },
  { name: 'interests', purpose: 'interests', rows: 'select device_key from interests' },
  { name: 'device_messages (invitations)', purpose: 'interests', rows: `select device_key from device_messages where kind = 'invited'` },
] as const

async function count(query: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(t.db, sql.raw(`select count(*)::int as n from (${query}) q`))
  return row!.n
}

/** One resident device that answered, signed up (with a guardian who confirmed), joined "Benader mij" and was invited. */
async function seedOneResidentEverywhere(): Promise<string> {
  const deviceId = newDeviceId()
  const pollId = await givenItem(t.db, t.clock.now)
  const answered = await t.app.inject({ method: 'POST', url: '/api/submissions', payload: { submissions: [aSubmission(pollId, { deviceId, answers: { q1: 'ja', q4: 'Meer plekken om te sporten' } })] } })
  expect(answered.json().results[0].status).toBe('accepted')
  expect(await signUp(t.app, [aSignup(tableId, { deviceId, name: 'Noor de Vries', ageBand: '<16', guardianEmail: 'ouder@example.nl', contact: { channel: 'email', value: 'noor@example.nl' } })])).toEqual([expect.objectContaining({ status: 'accepted' })])
  const token = /#t=([A-Za-z0-9_-]+)/.exec(t.mail.at(-1)?.text ?? '')?.[1]
  expect((await t.app.inject({ method: 'POST', url: '/api/guardian-confirmations', payload: { token } })).statusCode).toBe(200)
  const interest = { id: crypto.randomUUID(), municipality: 'beverwijk', deviceId, revision: 1, themes: ['opgroeien'], name: 'Noor de Vries', contact: { channel: 'phone', value: '+31 6 12345678' }, ageBand: '16-17', consentVersion: CONSENT_VERSION }
  expect((await t.app.inject({ method: 'POST', url: '/api/interests', payload: { interests: [interest] } })).json().results[0].status).toBe('accepted')
  expect((await t.app.inject({ method: 'POST', url: `/api/official/items/${tableId}/invite-interested`, headers: s.headers, payload: {} })).json().invited).toBe(1)
  return deviceId
}

describe('device keys per purpose: a database reader cannot link a name to an answer', () => {
  it('finds no match in any equality join of device key columns across purposes', async () => {
    await seedOneResidentEverywhere()
    for (const source of SOURCES) expect(await count(source.rows), `${source.name} holds rows`).toBeGreaterThan(0)
    for (const a of SOURCES) {
      for (const b of SOURCES) {
        if (a.purpose === b.purpose) continue
        expect(await count(`select 1 from (${a.rows}) a join (${b.rows}) b on a.device_key = b.device_key`), `${a.name} = ${b.name}`).toBe(0)
      }
    }
    // Within a purpose the keys still match: that is how the device is recognised.
    expect(await count('select 1 from current_answers a join submission_receipts r on r.device_key = a.device_key')).toBe(1)
  })

  it('joins no contact to an answer, and stores no key that can be computed from the device id without the secret', async () => {
    const deviceId = await seedOneResidentEverywhere()
    const contactToAnswer = `
      select c.name, a.answers from contacts c
      left join table_signups s on c.owner_kind = 'signup' and s.id = c.owner_id
      left join interests i on c.owner_kind = 'interest' and i.id = c.owner_id
      join current_answers a on a.device_key in (s.device_key, i.device_key)`
    expect(await count('select 1 from contacts')).toBe(2)
    expect(await count(contactToAnswer)).toBe(0)
    const legacy = legacyDeviceHash(deviceId)
    for (const source of SOURCES) expect(await count(`select 1 from (${source.rows}) k where device_key = '${legacy}'`), source.name).toBe(0)
  })
})
