import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { queryRows } from '../../../src/server/db/client'
import { givenItem } from '../../support/factories'
import { signIn, TEST_PASSWORD, type Session } from '../../support/officials'
import { aSignup, anAssignment, createTableTestApp, signUp } from '../../support/tables'
import type { TestApp } from '../../support/test-app'

/**
 * A change and its audit entry commit together or not at all. The database itself refuses the
 * write (a trigger), so the real service, transaction and driver run: no mocks.
 */
const DAY = 86_400_000
let t: TestApp
let s: Session
let tableId: string

beforeEach(async () => {
  ;({ t, s, tableId } = await createTableTestApp())
})
afterEach(async () => {
  // Test databases are reused and only emptied between tests: the triggers must not outlive this one.
  await t.db.execute(sql.raw('drop function if exists refuse_audit() cascade'))
  await t.db.execute(sql.raw('drop function if exists refuse_change() cascade'))
  await t.close()
})

const auditActions = async () => (await queryRows<{ action: string }>(t.db, sql`select action from audit_log order by id`)).map((r) => r.action)

/** Makes every insert of an audit entry with this action fail, as a full disk or a lost connection would. */
async function refuseAuditOf(action: string): Promise<void> {
  await t.db.execute(sql.raw(`create function refuse_audit() returns trigger language plpgsql as $$ begin
    if new.action = '${action}' then raise exception 'audit refused for this test'; end if; return new; end $$`))
  await t.db.execute(sql.raw('create trigger refuse_audit before insert on audit_log for each row execute function refuse_audit()'))
}

/** Makes every change of rows in `table` fail. */
async function refuseChangesOf(table: string): Promise<void> {
  await t.db.execute(sql.raw(`create function refuse_change() returns trigger language plpgsql as $$ begin raise exception 'change refused for this test'; end $$`))
  await t.db.execute(sql.raw(`create trigger refuse_change before insert or update on ${table} for each row execute function refuse_change()`))
}

const publish = (id: string) => t.app.inject({ method: 'POST', url: `/api/official/items/${id}/publish`, headers: s.headers, payload: {} })

describe('audit entry in the same transaction as the change', () => {
  it('does not publish an item when its audit entry cannot be written', async () => {
    const draft = await givenItem(t.db, t.clock.now, { publishedAt: null })
    await refuseAuditOf('item.publish')
    expect((await publish(draft)).statusCode).toBe(500)
    const [row] = await queryRows<{ published_at: string | null }>(t.db, sql`select published_at from items where id = ${draft}`)
    expect(row?.published_at).toBeNull()
    expect(await auditActions()).not.toContain('item.publish')
  })

  it('writes no audit entry when the change itself fails', async () => {
    const draft = await givenItem(t.db, t.clock.now, { publishedAt: null })
    await refuseChangesOf('items')
    expect((await publish(draft)).statusCode).toBe(500)
    expect(await auditActions()).not.toContain('item.publish')
  })

  it('keeps the old assignment when the audit entry of the new one cannot be written', async () => {
    await refuseAuditOf('table.assignment')
    const res = await t.app.inject({ method: 'PUT', url: `/api/official/items/${tableId}/table`, headers: s.headers, payload: { assignment: anAssignment(t.clock.now, { seats: 9 }) } })
    expect(res.statusCode).toBe(500)
    const [row] = await queryRows<{ seats: number }>(t.db, sql`select (assignment->>'seats')::int as seats from table_details where item_id = ${tableId}`)
    expect(row?.seats).toBe(4)
  })

  it('publishes no feedback when its audit entry cannot be written', async () => {
    const item = await givenItem(t.db, t.clock.now)
    await refuseAuditOf('feedback.publish')
    const res = await t.app.inject({ method: 'POST', url: `/api/items/${item}/feedback`, headers: s.headers, payload: { outcome: 'in_progress', summary: 'We lezen alles.' } })
    expect(res.statusCode).toBe(500)
    expect((await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from feedback where item_id = ${item}`))[0]?.n).toBe(0)
  })

  it('makes no selection, and tells no one, when the audit entry of the draw cannot be written', async () => {
    await signUp(t.app, [aSignup(tableId), aSignup(tableId)])
    t.clock.advance(6 * DAY)
    s = await signIn(t.app, 'official@beverwijk.nl')
    await refuseAuditOf('table.draw')
    const res = await t.app.inject({ method: 'POST', url: `/api/official/items/${tableId}/draw`, headers: s.headers, payload: {} })
    expect(res.statusCode).toBe(500)
    const [table] = await queryRows<{ drawn_at: string | null }>(t.db, sql`select drawn_at from table_details where item_id = ${tableId}`)
    expect(table?.drawn_at).toBeNull()
    const statuses = await queryRows<{ status: string }>(t.db, sql`select status from table_signups where item_id = ${tableId}`)
    expect(statuses.map((r) => r.status)).toEqual(['eligible', 'eligible'])
    expect(t.mail.filter((m) => m.subject.includes('U zit aan tafel'))).toHaveLength(0)
  })

  it('starts no session when the audit entry of the sign-in cannot be written', async () => {
    const before = (await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from sessions`))[0]?.n
    await refuseAuditOf('auth.login')
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'official@beverwijk.nl', password: TEST_PASSWORD } })
    expect(res.statusCode).toBe(500)
    expect((await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from sessions`))[0]?.n).toBe(before)
  })

  it('writes the audit entry with the change when both succeed', async () => {
    const draft = await givenItem(t.db, t.clock.now, { publishedAt: null })
    expect((await publish(draft)).statusCode).toBe(200)
    const rows = await queryRows<{ action: string; item_id: string }>(t.db, sql`select action, item_id from audit_log where action = 'item.publish'`)
    expect(rows).toEqual([{ action: 'item.publish', item_id: draft }])
  })
})
