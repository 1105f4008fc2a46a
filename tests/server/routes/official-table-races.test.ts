import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { queryRows } from '../../../src/server/db/client'
import { givenItem } from '../../support/factories'
import { signIn, type Session } from '../../support/officials'
import { aSignup, anAssignment, createTableTestApp, setAssignment, signUp } from '../../support/tables'
import type { TestApp } from '../../support/test-app'

const DAY = 86_400_000
const ROUNDS = 6
let t: TestApp
let s: Session
let firstTable: string

beforeEach(async () => {
  ;({ t, s, tableId: firstTable } = await createTableTestApp())
})
afterEach(async () => t.close())

describe('official table routes under concurrency', () => {
  it('never changes an assignment after the draw: an assignment saved while the selection runs goes into that draw or is refused', async () => {
    const start = t.clock.now
    const tables = [firstTable]
    for (let i = 1; i < ROUNDS; i++) {
      const id = await givenItem(t.db, t.clock.now, { kind: 'table', questions: [], closesAt: new Date(start.getTime() + 5 * DAY) })
      await setAssignment(t.app, s, id, anAssignment(start))
      tables.push(id)
    }
    for (const id of tables) await signUp(t.app, [1, 2, 3, 4].map(() => aSignup(id)))
    t.clock.advance(6 * DAY)
    s = await signIn(t.app, 'official@beverwijk.nl')

    const fewerSeats = anAssignment(start, { seats: 2, reserved: { clientOrExpert: 0, youth: 0 } })
    const outcomes = await Promise.all(
      tables.map(async (id) => {
        const [put, draw] = await Promise.all([
          t.app.inject({ method: 'PUT', url: `/api/official/items/${id}/table`, headers: s.headers, payload: { assignment: fewerSeats } }),
          t.app.inject({ method: 'POST', url: `/api/official/items/${id}/draw`, headers: s.headers, payload: {} }),
        ])
        return { id, put, draw }
      }),
    )
    for (const { id, put, draw } of outcomes) {
      expect(draw.statusCode, draw.body).toBe(200)
      const [row] = await queryRows<{ seats: number; drawn_seats: number }>(
        t.db,
        sql`select (assignment->>'seats')::int as seats, (draw_record->'quotas'->>'seats')::int as drawn_seats from table_details where item_id = ${id}`,
      )
      if (put.statusCode === 200) {
        // Saved before the draw took the table: the draw used it.
        expect(row).toEqual({ seats: 2, drawn_seats: 2 })
        expect((draw.json() as { panel: number }).panel).toBe(2)
      } else {
        expect([put.statusCode, put.json().error.code]).toEqual([409, 'assignment_frozen'])
        expect(row).toEqual({ seats: 4, drawn_seats: 4 })
      }
    }
  })

  it('publishes advice only on a table with an assignment (assignment_missing), with one audit entry per publication', async () => {
    const bare = await givenItem(t.db, t.clock.now, { kind: 'table', questions: [] })
    const advice = { text: 'Ons advies: maak de loketten op zaterdag open.' }
    const res = await t.app.inject({ method: 'POST', url: `/api/official/items/${bare}/advice`, headers: s.headers, payload: advice })
    expect([res.statusCode, res.json().error.code]).toEqual([409, 'assignment_missing'])
    const both = await Promise.all([1, 2].map(() => t.app.inject({ method: 'POST', url: `/api/official/items/${firstTable}/advice`, headers: s.headers, payload: advice })))
    expect(both.map((r) => r.statusCode)).toEqual([200, 200])
    const entries = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from audit_log where action = 'table.advice' and item_id = ${firstTable}`)
    expect(entries[0]?.n).toBe(2)
  })
})
