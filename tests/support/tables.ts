import type { FastifyInstance } from 'fastify'
import { sql } from 'drizzle-orm'
import { queryRows } from '../../src/server/db/client'
import type { items } from '../../src/server/db/schema'
import { createTestApp, sentMail, type TestApp } from './test-app'
import type { MailMessage } from '../../src/server/notify/notifier'
import { givenItem, givenMunicipality, newDeviceId } from './factories'
import { givenOfficial, signIn } from './officials'
import { expect } from 'vitest'
import { CONSENT_VERSION, type TableAssignment, type TableSignup } from '../../src/shared/schemas/table'
import type { Session } from './officials'

const DAY = 86_400_000

/** An assignment whose sign-up is open around `now` and closes in 5 days. */
export function anAssignment(now: Date, overrides: Partial<TableAssignment> = {}): TableAssignment {
  const at = (days: number) => new Date(now.getTime() + days * DAY).toISOString()
  return {
    question: 'Hoe vinden inwoners makkelijker hulp als ze die nodig hebben?',
    form: 'Vier bijeenkomsten van twee uur',
    meetings: [{ startsAt: at(20), place: 'Gemeentehuis, zaal 2', online: false, accessibility: 'Rolstoeltoegankelijk, ringleiding' }],
    startsAt: at(20),
    endsAt: at(80),
    adviceDueAt: at(90),
    allowance: { kind: 'amount', euros: 25, per: 'meeting' },
    hoursExpected: 10,
    seats: 4,
    reserved: { clientOrExpert: 1, youth: 1 },
    signupOpensAt: at(-1),
    signupClosesAt: at(5),
    selectionMethod: 'first_come',
    ...overrides,
  }
}

export function aSignup(itemId: string, overrides: Partial<TableSignup> = {}): TableSignup {
  return {
    id: crypto.randomUUID(),
    itemId,
    deviceId: newDeviceId(),
    revision: 1,
    name: 'Sam',
    contact: { channel: 'email', value: `sam-${crypto.randomUUID().slice(0, 8)}@example.nl` },
    ageBand: '24-64',
    roles: ['resident'],
    consentVersion: CONSENT_VERSION,
    ...overrides,
  } as TableSignup
}

export async function setAssignment(app: FastifyInstance, s: Session, itemId: string, assignment: TableAssignment): Promise<void> {
  const res = await app.inject({ method: 'PUT', url: `/api/official/items/${itemId}/table`, headers: s.headers, payload: { assignment } })
  expect(res.statusCode, res.body).toBe(200)
}

/** The token of the latest e-mail confirmation link about this registration, if one was sent. */
export function confirmationTokenIn(mail: readonly MailMessage[], registrationId: string): string | undefined {
  const message = mail.filter((m) => m.about === registrationId && m.text.includes('/contact-bevestigen#t=')).at(-1)
  return message && /\/contact-bevestigen#t=([A-Za-z0-9_-]+)/.exec(message.text)?.[1]
}

/** Opens the confirmation link of each registration that was sent one, as its owner would. */
export async function confirmContacts(app: FastifyInstance, registrationIds: readonly string[], since = 0): Promise<void> {
  const all = sentMail(app)
  if (!all) throw new Error('confirmContacts needs an app made by createTestApp')
  const mail = all.slice(since)
  for (const id of registrationIds) {
    const token = confirmationTokenIn(mail, id)
    if (!token) continue
    const res = await app.inject({ method: 'POST', url: '/api/contact-confirmations', payload: { token } })
    expect(res.statusCode, res.body).toBe(200)
  }
}

/**
 * Posts sign-ups; by default every adult then confirms their e-mail address from the link they
 * were sent (as the contract requires before a sign-up counts). `confirm: false` leaves them pending.
 */
export async function signUp(app: FastifyInstance, signups: TableSignup[], options: { confirm?: boolean } = {}): Promise<{ id: string; status: string; reason?: string }[]> {
  const mailBefore = sentMail(app)?.length ?? 0
  const res = await app.inject({ method: 'POST', url: '/api/table-signups', payload: { signups } })
  expect(res.statusCode, res.body).toBe(200)
  const results = (res.json() as { results: { id: string; status: string; reason?: string }[] }).results
  // Only links sent for this post: an unchanged address after a change needs no new yes.
  // Apps built without createTestApp keep no copies of mail to read links from (an SMTP test reads its own).
  if (options.confirm !== false && sentMail(app)) await confirmContacts(app, results.filter((r) => r.status === 'accepted').map((r) => r.id), mailBefore)
  return results
}

/**
 * The real app with one municipality, a signed-in official and a table item whose sign-up is
 * open (it closes in 5 days, the table starts in 20).
 */
export async function createTableTestApp(options: { item?: Partial<typeof items.$inferInsert>; assignment?: Partial<TableAssignment>; app?: Parameters<typeof createTestApp>[0] } = {}): Promise<{ t: TestApp; s: Session; tableId: string }> {
  const t = await createTestApp(options.app)
  await givenMunicipality(t.db)
  await givenOfficial(t.db, 'beverwijk')
  const s = await signIn(t.app, 'official@beverwijk.nl')
  const tableId = await givenItem(t.db, t.clock.now, { kind: 'table', questions: [], closesAt: new Date(t.clock.now.getTime() + 5 * DAY), ...options.item })
  await setAssignment(t.app, s, tableId, anAssignment(t.clock.now, options.assignment))
  return { t, s, tableId }
}

/** Owners of the contact details still stored, sorted. */
export async function contactIds(t: TestApp): Promise<string[]> {
  return (await queryRows<{ owner_id: string }>(t.db, sql`select owner_id from contacts order by owner_id`)).map((r) => r.owner_id)
}
