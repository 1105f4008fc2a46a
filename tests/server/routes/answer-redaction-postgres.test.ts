import { readFileSync } from 'node:fs'
import path from 'node:path'
import { sql } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { queryRows } from '../../../src/server/db/client'
import { aSubmission, givenItem, givenMunicipality } from '../../support/factories'
import { givenOfficial, signIn, type Session } from '../../support/officials'
import { createSharedPostgresApps, type SharedPostgresApps } from '../../support/shared-postgres-apps'

const serverUrl = inject('postgresUrl')
let shared: SharedPostgresApps
let app: FastifyInstance
let session: Session

beforeAll(async () => {
  if (!serverUrl) throw new Error('These tests need PostgreSQL: install it (apt-get install -y postgresql) or set DATABASE_URL')
  shared = await createSharedPostgresApps(serverUrl, 1)
  app = shared.apps[0]!
  await givenMunicipality(app.database.db)
  await givenOfficial(app.database.db, 'beverwijk')
  session = await signIn(app, 'official@beverwijk.nl')
})
afterAll(async () => shared?.close())

/** The bytes of a table's heap file and its TOAST table's, as PostgreSQL wrote them at a checkpoint. */
async function tableFiles(table: string): Promise<Buffer> {
  const db = app.database.db
  await db.execute(sql`checkpoint`)
  const [dir] = await queryRows<{ data_directory: string }>(db, sql`select setting as data_directory from pg_settings where name = 'data_directory'`)
  const files = await queryRows<{ file: string | null }>(
    db,
    sql`select pg_relation_filepath(c.oid) as file from pg_class c where c.oid = ${table}::regclass or c.oid = (select reltoastrelid from pg_class where oid = ${table}::regclass)`,
  )
  return Buffer.concat(files.flatMap((f) => (f.file ? [readFileSync(path.join(dir!.data_directory, f.file))] : [])))
}

describe('redacting a text answer on PostgreSQL', () => {
  it('erases the removed part from the table, leaves the rest counted, and vacuums the old row version away', async () => {
    const now = shared.clock.now
    const itemId = await givenItem(app.database.db, now)
    const tag = crypto.randomUUID().slice(0, 8)
    const secret = `06-${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`
    const kept = `Probelantaarn${tag}`
    const text = `${kept} bij de school, bel ${secret}`
    const others = Array.from({ length: 30 }, (_, i) => aSubmission(itemId, { answeredAt: now.toISOString(), answers: { q1: 'nee', q4: `Ander antwoord ${i} ${tag}` } }))
    const sub = aSubmission(itemId, { answeredAt: now.toISOString(), answers: { q1: 'ja', q4: text } })
    const posted = await app.inject({ method: 'POST', url: '/api/submissions', payload: { submissions: [...others, sub] } })
    expect(posted.statusCode).toBe(200)
    expect((await tableFiles('current_answers')).includes(secret), 'the file search sees the stored answer').toBe(true)

    const start = text.indexOf(secret)
    const res = await app.inject({
      method: 'POST',
      url: `/api/official/items/${itemId}/answers/${sub.id}/redact`,
      headers: session.headers,
      payload: { questionId: 'q4', part: { start, end: start + secret.length, text: secret } },
    })
    expect(res.statusCode, res.body).toBe(200)

    const [row] = await queryRows<{ answers: Record<string, string> }>(app.database.db, sql`select answers from current_answers where submission_id = ${sub.id}`)
    expect(row?.answers).toEqual({ q1: 'ja', q4: `${kept} bij de school, bel [verwijderd]` })
    const input = (await app.inject({ method: 'GET', url: `/api/official/items/${itemId}/input`, headers: session.headers })).json() as { results: { respondents: number } }
    expect(input.results.respondents).toBe(31)
    const files = await tableFiles('current_answers')
    expect(files.includes(kept)).toBe(true)
    expect(files.includes(secret)).toBe(false)
  })
})
