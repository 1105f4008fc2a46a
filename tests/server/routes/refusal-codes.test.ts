import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { LightMyRequestResponse } from 'fastify'
import { ManagedItemSchema } from '../../../src/shared/schemas/item-draft'
import { statusOfCode, type ErrorCode } from '../../../src/shared/error-codes'
import { declaredErrorCodes } from '../../support/declared-errors'
import { anItemDraft, givenItem } from '../../support/factories'
import { givenOfficial, signIn, type Session } from '../../support/officials'
import { aSignup, anAssignment, createTableTestApp, signUp } from '../../support/tables'
import type { TestApp } from '../../support/test-app'

/** Each refusal names what happened, with the status the catalogue gives its code. */
const DAY = 86_400_000
let t: TestApp
let s: Session
let tableId: string

beforeEach(async () => {
  ;({ t, s, tableId } = await createTableTestApp())
})
afterEach(async () => t.close())

function expectRefusal(res: LightMyRequestResponse, code: ErrorCode): void {
  expect(res.json().error.code, res.body).toBe(code)
  expect(res.statusCode).toBe(statusOfCode(code))
  // The OpenAPI document and both clients learn a route's codes from its declaration.
  expect(declaredErrorCodes(res.raw.req.method!, res.raw.req.url!, res.statusCode), `declared by ${res.raw.req.method} ${res.raw.req.url}`).toContain(code)
}

const createDraft = async (overrides: Parameters<typeof anItemDraft>[1] = {}) =>
  ManagedItemSchema.parse((await t.app.inject({ method: 'POST', url: '/api/official/items', headers: s.headers, payload: anItemDraft(t.clock.now, overrides) })).json())
const publish = (id: string) => t.app.inject({ method: 'POST', url: `/api/official/items/${id}/publish`, headers: s.headers, payload: {} })

describe('refusal codes', () => {
  it('refuses a table action on a poll with item_not_table', async () => {
    const poll = await givenItem(t.db, t.clock.now)
    expectRefusal(await t.app.inject({ method: 'PUT', url: `/api/official/items/${poll}/table`, headers: s.headers, payload: { assignment: anAssignment(t.clock.now) } }), 'item_not_table')
    expectRefusal(await t.app.inject({ method: 'GET', url: `/api/official/items/${poll}/signups`, headers: s.headers }), 'item_not_table')
  })

  it('refuses a new assignment after the draw with assignment_frozen', async () => {
    await signUp(t.app, [aSignup(tableId)])
    t.clock.advance(6 * DAY)
    s = await signIn(t.app, 'official@beverwijk.nl')
    expect((await t.app.inject({ method: 'POST', url: `/api/official/items/${tableId}/draw`, headers: s.headers, payload: {} })).statusCode).toBe(200)
    expectRefusal(await t.app.inject({ method: 'PUT', url: `/api/official/items/${tableId}/table`, headers: s.headers, payload: { assignment: anAssignment(t.clock.now) } }), 'assignment_frozen')
  })

  it('refuses a draw without an assignment with assignment_missing', async () => {
    const bare = await givenItem(t.db, t.clock.now, { kind: 'table', questions: [] })
    expectRefusal(await t.app.inject({ method: 'POST', url: `/api/official/items/${bare}/draw`, headers: s.headers, payload: {} }), 'assignment_missing')
  })

  it('refuses to publish after the closing date with closing_date_passed', async () => {
    const item = await createDraft()
    t.clock.advance(30 * DAY)
    s = await signIn(t.app, 'official@beverwijk.nl')
    expectRefusal(await publish(item.id), 'closing_date_passed')
  })

  it('refuses a new kind for a published item with item_kind_locked', async () => {
    const item = await createDraft()
    expect((await publish(item.id)).statusCode).toBe(200)
    const asQuestion = anItemDraft(t.clock.now, { kind: 'question' })
    expectRefusal(await t.app.inject({ method: 'PUT', url: `/api/official/items/${item.id}`, headers: s.headers, payload: asQuestion }), 'item_kind_locked')
  })

  it('refuses an admin disabling their own account with cannot_disable_self', async () => {
    const adminId = await givenOfficial(t.db, 'beverwijk', 'admin')
    const admin = await signIn(t.app, 'admin@beverwijk.nl')
    expectRefusal(await t.app.inject({ method: 'POST', url: `/api/official/officials/${adminId}/disable`, headers: admin.headers, payload: {} }), 'cannot_disable_self')
  })
})
