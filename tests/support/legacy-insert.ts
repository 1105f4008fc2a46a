import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core'
import { sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../src/server/db/client'
import { items } from '../../src/server/db/schema'
import { pollQuestions } from './factories'

const DAY = 86_400_000

function toParam(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString()
  if (value !== null && typeof value === 'object') return JSON.stringify(value)
  return value
}

/**
 * Inserts rows naming only the columns given, as plain SQL. A data-migration test fills an older
 * schema this way: Drizzle's own insert names every column of today's schema, so a column added
 * by a later migration would break a test about an earlier one.
 */
export async function legacyInsert<T extends PgTable>(db: Db, table: T, row: Partial<T['$inferInsert']>): Promise<void> {
  const { name, columns } = getTableConfig(table)
  const byKey = new Map(Object.entries(table).filter(([, c]) => columns.includes(c as never)) as [string, (typeof columns)[number]][])
  const names: ReturnType<typeof sql.identifier>[] = []
  const values: SQL[] = []
  for (const [key, value] of Object.entries(row)) {
    const column = byKey.get(key)
    if (!column) throw new Error(`${name} has no column ${key}`)
    names.push(sql.identifier(column.name))
    const cast = column.getSQLType()
    values.push(sql`${toParam(value)}::${sql.raw(cast)}`)
  }
  await db.execute(sql`insert into ${sql.identifier(name)} (${sql.join(names, sql`, `)}) values (${sql.join(values, sql`, `)})`)
}

/** `givenItem` for an older schema: a published poll of Beverwijk open around `now`, by plain SQL. */
export async function givenLegacyItem(db: Db, now: Date, overrides: Partial<typeof items.$inferInsert> = {}): Promise<string> {
  const id = crypto.randomUUID()
  await legacyInsert(db, items, {
    id,
    municipality: 'beverwijk',
    kind: 'poll',
    title: 'Testpeiling',
    summary: 'Een korte peiling',
    theme: 'opgroeien',
    ladder: 'raadplegen',
    phase: 'agenda',
    opensAt: new Date(now.getTime() - DAY),
    closesAt: new Date(now.getTime() + 10 * DAY),
    feedbackDueAt: new Date(now.getTime() + 40 * DAY),
    questions: pollQuestions,
    publishedAt: new Date(now.getTime() - 2 * DAY),
    ...overrides,
  })
  return id
}
