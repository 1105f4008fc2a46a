import { followItems, putPushSubscription } from '../../../src/server/repos/push-repo'
import { sql } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { expect } from 'vitest'
import { allDeviceKeys, type DeviceKeyPurpose } from '../../../src/server/auth/device-keys'
import { queryRows, type Db } from '../../../src/server/db/client'
import { readCounts } from '../../../src/server/repos/result-counts'
import { deviceAuthorization } from '../../../src/shared/schemas/device-credentials'
import { ErasureSchema, MyDataSchema } from '../../../src/shared/schemas/my-data'
import { CONSENT_VERSION } from '../../../src/shared/schemas/table'
import { aSubmission, givenItem, givenMunicipality, newDeviceId } from '../../support/factories'
import { givenOfficial, signIn } from '../../support/officials'
import { aSignup, anAssignment, setAssignment, signUp } from '../../support/tables'

const DAY = 86_400_000

export interface ErasureWorld {
  app: FastifyInstance
  db: Db
  clock: { now: Date; advance(ms: number): void }
  /** The secret the app's device keys use, so the test can look for every key of the device. */
  deviceKeySecret: string
}

/** One device with everything a resident can leave; returns what it left. */
async function residentEverywhere(w: ErasureWorld, ids: { openPoll: string; closingPoll: string; tableId: string }, deviceId: string, answer: 'ja' | 'nee') {
  const post = async (itemId: string, answers: Record<string, unknown>) => {
    const res = await w.app.inject({ method: 'POST', url: '/api/submissions', payload: { submissions: [aSubmission(itemId, { deviceId, answeredAt: w.clock.now.toISOString(), answers: answers as never })] } })
    expect(res.json().results[0].status).toBe('accepted')
  }
  await post(ids.openPoll, { q1: answer, q2: ['a'], q4: 'Ik woon aan de Breestraat 12' })
  await post(ids.closingPoll, { q1: answer })
  expect(await signUp(w.app, [aSignup(ids.tableId, { deviceId, name: `Naam ${answer}`, motivation: 'Ik ken het wijkteam goed' })])).toEqual([expect.objectContaining({ status: 'accepted' })])
  const interest = { id: crypto.randomUUID(), municipality: 'beverwijk', deviceId, revision: 1, themes: ['opgroeien'], name: `Naam ${answer}`, contact: { channel: 'phone', value: '+31 6 12345678' }, ageBand: '<16', guardianEmail: 'ouder@example.nl', consentVersion: CONSENT_VERSION }
  expect((await w.app.inject({ method: 'POST', url: '/api/interests', payload: { interests: [interest] } })).json().results[0].status).toBe('accepted')
}

/** Every table with a device key column, found in the catalogue, so a new one cannot be forgotten. */
async function rowsUnderKeys(db: Db, keys: Record<DeviceKeyPurpose, string>): Promise<Record<string, number>> {
  const tables = await queryRows<{ table_name: string }>(db, sql`select table_name from information_schema.columns where table_schema = 'public' and column_name = 'device_key' order by table_name`)
  const out: Record<string, number> = {}
  for (const { table_name } of tables) {
    const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${sql.identifier(table_name)} where device_key in (${sql.join(Object.values(keys).map((k) => sql`${k}`), sql`, `)})`)
    out[table_name] = row!.n
  }
  return out
}

/**
 * `DELETE /api/me` on a world with two residents: every row of the erased device is gone from
 * every table with a device key, its contacts and guardian links too; the open poll's tallies no
 * longer count it; the closed poll's final results keep its counts; the other resident keeps all.
 */
export async function checkErasure(w: ErasureWorld): Promise<void> {
  await givenMunicipality(w.db)
  await givenOfficial(w.db, 'beverwijk')
  const s = await signIn(w.app, 'official@beverwijk.nl')
  const openPoll = await givenItem(w.db, w.clock.now, { title: 'Open peiling' })
  const closingPoll = await givenItem(w.db, w.clock.now, { title: 'Peiling die sluit', closesAt: new Date(w.clock.now.getTime() + DAY) })
  const tableId = await givenItem(w.db, w.clock.now, { kind: 'table', questions: [], title: 'Tafel', closesAt: new Date(w.clock.now.getTime() + 30 * DAY) })
  await setAssignment(w.app, s, tableId, anAssignment(w.clock.now, { signupClosesAt: new Date(w.clock.now.getTime() + 20 * DAY).toISOString() }))
  const leaving = newDeviceId()
  const staying = newDeviceId()
  await residentEverywhere(w, { openPoll, closingPoll, tableId }, leaving, 'ja')
  await residentEverywhere(w, { openPoll, closingPoll, tableId }, staying, 'nee')
  w.clock.advance(2 * DAY) // the closing poll has closed: its results are final
  const leavingKeys = allDeviceKeys(w.deviceKeySecret, leaving)
  const stayingKeys = allDeviceKeys(w.deviceKeySecret, staying)
  const closedBefore = await readCounts(w.db, closingPoll)
  const auth = { authorization: deviceAuthorization(leaving) }
  // The device also turned on Web Push and follows the open poll.
  await putPushSubscription(w.db, leavingKeys.push, { endpoint: 'https://push.example.net/abc', p256dh: 'BPc', auth: 'xyz', language: 'nl', municipality: 'beverwijk' }, w.clock.now)
  await followItems(w.db, leavingKeys.push, [openPoll])

  const held = MyDataSchema.parse((await w.app.inject({ method: 'GET', url: '/api/me/data', headers: auth })).json())
  expect(held.answers.map((a) => a.itemTitle).sort()).toEqual(['Open peiling', 'Peiling die sluit'])
  expect(held.answers.find((a) => a.itemId === openPoll)?.answers).toEqual({ q1: 'ja', q2: ['a'], q4: 'Ik woon aan de Breestraat 12' })
  expect(held.signups).toEqual([expect.objectContaining({ itemTitle: 'Tafel', name: 'Naam ja', motivation: 'Ik ken het wijkteam goed' })])
  expect(held.interests).toEqual([expect.objectContaining({ name: 'Naam ja', contact: { channel: 'phone', value: '+31 6 12345678' }, guardianEmail: 'ouder@example.nl' })])
  expect(Object.values(await rowsUnderKeys(w.db, leavingKeys)).reduce((a, b) => a + b, 0)).toBeGreaterThan(0)

  const erased = await w.app.inject({ method: 'DELETE', url: '/api/me', headers: auth })
  expect(erased.statusCode, erased.body).toBe(200)
  expect(ErasureSchema.parse(erased.json())).toEqual({ answersUncounted: 1, answersKeptAsCounts: 1, signups: 1, interests: 1, messages: 0, signalsDeleted: 0, signalsAnonymised: 0, signalSupports: 0 })

  const left = await rowsUnderKeys(w.db, leavingKeys)
  expect(Object.keys(left)).toEqual(expect.arrayContaining(['current_answers', 'submission_receipts', 'table_signups', 'interests', 'device_messages', 'push_subscriptions']))
  for (const [table, n] of Object.entries(left)) expect(n, table).toBe(0)
  const owners = await queryRows<{ name: string }>(w.db, sql`select name from contacts order by name`)
  expect(owners.map((o) => o.name)).toEqual(['Naam nee', 'Naam nee'])
  // The resident who stayed keeps their guardian's link and their own (used) address confirmation.
  expect((await queryRows<{ n: number }>(w.db, sql`select count(*)::int as n from guardian_tokens`))[0]!.n).toBe(2)
  expect(MyDataSchema.parse((await w.app.inject({ method: 'GET', url: '/api/me/data', headers: auth })).json())).toEqual({ answers: [], signups: [], interests: [], messages: [], emailAlerts: [], signals: [], signalSupports: [] })

  // The open poll counts only the resident who stayed, exactly as if the other had never answered.
  const open = await readCounts(w.db, openPoll)
  expect(open.get('')?.get('')).toBe(1)
  expect(open.get('q1')?.get('nee')).toBe(1)
  expect(open.get('q1')?.get('ja') ?? 0).toBe(0)
  expect(open.get('q2')?.get('a')).toBe(1)
  expect(open.get('q4')?.get('')).toBe(1)
  // The closed poll's final results do not move; no row behind them points to the erased device.
  expect(await readCounts(w.db, closingPoll)).toEqual(closedBefore)
  expect(closedBefore.get('')?.get('')).toBe(2)

  // The other resident keeps everything.
  const kept = await rowsUnderKeys(w.db, stayingKeys)
  expect(kept).toMatchObject({ current_answers: 2, submission_receipts: 2, table_signups: 1, interests: 1 })
  // Erasing again finds nothing and changes nothing.
  expect((await w.app.inject({ method: 'DELETE', url: '/api/me', headers: auth })).json()).toEqual({ answersUncounted: 0, answersKeptAsCounts: 0, signups: 0, interests: 0, messages: 0, signalsDeleted: 0, signalsAnonymised: 0, signalSupports: 0 })
}
