import { eq } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { expect, it } from 'vitest'
import { auditLog, submissionReceipts } from '../../src/server/db/schema'
import { ItemInputSchema } from '../../src/shared/schemas/input'
import type { OnBehalfEntry } from '../../src/shared/schemas/on-behalf'
import { ResultsSchema } from '../../src/shared/schemas/results'
import { aSubmission, givenItem } from './factories'
import type { Session } from './officials'

/*
 * The behaviour of answers entered on behalf of residents, run on PGlite and on PostgreSQL
 * (`on-behalf-routes.test.ts`, `on-behalf-routes-postgres.test.ts`). `apps` are one or more
 * server processes sharing one database; both sessions are valid on each (one database).
 */
export interface OnBehalfWorld {
  apps: FastifyInstance[]
  now(): Date
  /** An official of beverwijk, signed in on each app in turn (a session belongs to the process that made it), and one of velsen on the first. */
  officials: Session[]
  otherOfficial: Session
}

const DAY = 86_400_000

export function anEntry(now: Date, overrides: Partial<OnBehalfEntry> = {}): OnBehalfEntry {
  return { id: crypto.randomUUID(), answeredAt: now.toISOString(), answers: { q1: 'ja' }, channel: 'paper', ...overrides }
}

export function onBehalfCases(world: () => OnBehalfWorld): void {
  const app = (i = 0) => world().apps[i % world().apps.length]!
  const db = () => app().database.db
  const official = (i = 0) => world().officials[i % world().officials.length]!
  const enter = (itemId: string, entries: OnBehalfEntry[], session?: Session, i = 0) =>
    app(i).inject({ method: 'POST', url: `/api/official/items/${itemId}/on-behalf`, headers: (session ?? official(i)).headers, payload: { entries } })
  const addPartner = async (name: string, session = official()) =>
    (await app().inject({ method: 'POST', url: '/api/official/partners', headers: session.headers, payload: { name, kind: 'client_council' } })).json().id as string

  it('stores each entered answer exactly once under 20 parallel replays of the same batch', async () => {
    const itemId = await givenItem(db(), world().now())
    const batch = Array.from({ length: 12 }, (_, i) => anEntry(world().now(), { answers: { q1: i % 2 ? 'ja' : 'nee' }, channel: i % 3 === 0 ? 'phone' : 'paper' }))
    const replies = await Promise.all(Array.from({ length: 20 }, (_, i) => enter(itemId, i % 2 ? [...batch].reverse() : batch, undefined, i)))
    expect(replies.map((r) => r.statusCode)).toEqual(Array(20).fill(200))
    for (const entry of batch) {
      const statuses = replies.map((r) => (r.json().results as { id: string; status: string }[]).find((x) => x.id === entry.id)?.status)
      expect(statuses.filter((s) => s === 'accepted')).toHaveLength(1)
      expect(statuses.filter((s) => s === 'duplicate')).toHaveLength(19)
    }
    const receipts = await db().select().from(submissionReceipts).where(eq(submissionReceipts.itemId, itemId))
    expect(receipts).toHaveLength(12)
    const results = ResultsSchema.parse((await app().inject({ method: 'GET', url: `/api/items/${itemId}/results` })).json())
    expect(results.respondents).toBe(12)
  })

  it('counts entered answers with their channel and partner in the results and the breakdown', async () => {
    const itemId = await givenItem(db(), world().now())
    const partner = await addPartner(`Cliëntenraad ${crypto.randomUUID().slice(0, 8)}`)
    const now = world().now()
    // The same answers on six paper forms are six people, not one.
    const paper = Array.from({ length: 6 }, () => anEntry(now, { channel: 'paper', profile: { ageBand: '65+' } }))
    const phone = Array.from({ length: 5 }, () => anEntry(now, { channel: 'phone', partnerId: partner, answers: { q1: 'nee' } }))
    const meeting = [anEntry(now, { channel: 'meeting' })]
    const res = await enter(itemId, [...paper, ...phone, ...meeting])
    expect(res.json().results.every((r: { status: string }) => r.status === 'accepted')).toBe(true)
    expect(res.json().results.map((r: { status: string }) => r.status)).toEqual(Array(12).fill('accepted'))
    const fromApp = Array.from({ length: 5 }, () => aSubmission(itemId, { answeredAt: now.toISOString() }))
    await app().inject({ method: 'POST', url: '/api/submissions', payload: { submissions: fromApp } })

    const results = ResultsSchema.parse((await app().inject({ method: 'GET', url: `/api/items/${itemId}/results` })).json())
    expect(results.respondents).toBe(17)
    const input = ItemInputSchema.parse((await app().inject({ method: 'GET', url: `/api/official/items/${itemId}/input`, headers: official().headers })).json())
    const byChannel = Object.fromEntries((input.byChannel ?? []).map((g) => [g.group, g.respondents]))
    // The meeting's single answer is a group under 5: suppressed.
    expect(byChannel).toEqual({ app: 5, meeting: null, paper: 6, phone: 5 })
    const phoneGroup = input.byChannel?.find((g) => g.group === 'phone')
    expect(phoneGroup?.questions.find((q) => q.questionId === 'q1')?.counts).toEqual([
      { key: 'ja', count: null },
      { key: 'nee', count: 5 },
    ])
    const byPartner = Object.fromEntries((input.byPartner ?? []).map((g) => [g.group, g.respondents]))
    expect(byPartner).toEqual({ [partner]: 5, unknown: 12 })
    expect(input.byAgeBand.find((g) => g.group === '65+')?.respondents).toBe(6)
  })

  it('judges each entered answer like a resident\'s: wrong answers and a form from after closing are refused, the rest counts', async () => {
    const now = world().now()
    const itemId = await givenItem(db(), now, { opensAt: new Date(now.getTime() - 10 * DAY), closesAt: new Date(now.getTime() - DAY) })
    // Closed yesterday: a form filled in before closing still counts (grace period), one from today does not.
    const inTime = anEntry(now, { answeredAt: new Date(now.getTime() - 2 * DAY).toISOString() })
    const late = anEntry(now)
    const wrong = anEntry(now, { answeredAt: new Date(now.getTime() - 2 * DAY).toISOString(), answers: { q1: 'misschien' } })
    const res = await enter(itemId, [inTime, late, wrong])
    expect(res.json().results).toEqual([
      { id: inTime.id, status: 'accepted' },
      { id: late.id, status: 'rejected', reason: 'item_closed' },
      expect.objectContaining({ id: wrong.id, status: 'rejected', reason: 'invalid_answers' }),
    ])
  })

  it('refuses a partner organisation of another municipality and items of another municipality, storing nothing', async () => {
    const itemId = await givenItem(db(), world().now())
    const theirs = await addPartner(`Jongerenwerk ${crypto.randomUUID().slice(0, 8)}`, world().otherOfficial)
    const entry = anEntry(world().now(), { partnerId: theirs })
    const res = await enter(itemId, [entry])
    expect(res.statusCode).toBe(409)
    expect(res.json().error.code).toBe('partner_unknown')
    expect((await enter(itemId, [anEntry(world().now())], world().otherOfficial)).statusCode).toBe(404)
    expect(await db().select().from(submissionReceipts).where(eq(submissionReceipts.itemId, itemId))).toHaveLength(0)
  })

  it('audits entered answers by count, never their contents', async () => {
    const itemId = await givenItem(db(), world().now())
    await enter(itemId, [anEntry(world().now(), { answers: { q1: 'ja', q4: 'Mevrouw Jansen wil een bankje' } }), anEntry(world().now())])
    const entries = (await db().select().from(auditLog).where(eq(auditLog.action, 'answer.onBehalf'))).filter((a) => a.itemId === itemId)
    expect(entries).toHaveLength(1)
    expect(entries[0]?.details).toEqual({ accepted: 2, duplicate: 0, rejected: 0 })
  })

  it('keeps partner names unique per municipality and a partner with answers from being removed', async () => {
    const name = `Gehandicaptenraad ${crypto.randomUUID().slice(0, 8)}`
    const id = await addPartner(name)
    const again = await app().inject({ method: 'POST', url: '/api/official/partners', headers: official().headers, payload: { name, kind: 'disability_council' } })
    expect(again.statusCode).toBe(409)
    expect(again.json().error.code).toBe('partner_name_taken')
    // Another municipality may use the same name.
    expect((await app().inject({ method: 'POST', url: '/api/official/partners', headers: world().otherOfficial.headers, payload: { name, kind: 'other' } })).statusCode).toBe(201)
    const renamed = await app().inject({ method: 'PUT', url: `/api/official/partners/${id}`, headers: official().headers, payload: { name: `${name} IJmond`, kind: 'disability_council' } })
    expect(renamed.json()).toEqual({ id, name: `${name} IJmond`, kind: 'disability_council' })
    const itemId = await givenItem(db(), world().now())
    await enter(itemId, [anEntry(world().now(), { partnerId: id })])
    const removal = await app().inject({ method: 'DELETE', url: `/api/official/partners/${id}`, headers: official().headers })
    expect(removal.statusCode).toBe(409)
    expect(removal.json().error.code).toBe('partner_in_use')
    const list = (await app().inject({ method: 'GET', url: '/api/official/partners', headers: official().headers })).json().partners as { id: string }[]
    expect(list.map((p) => p.id)).toContain(id)
  })
}
