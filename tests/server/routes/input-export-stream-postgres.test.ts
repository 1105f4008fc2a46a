import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { queryRows } from '../../../src/server/db/client'
import { itemCsv } from '../../../src/server/exports/item-export'
import { visibleAnswers } from '../../../src/server/repos/input-repo'
import { ownItem, streamInputExport } from '../../../src/server/services/input-service'
import { givenItem, givenMunicipality } from '../../support/factories'
import { givenOfficial, signIn, type Session } from '../../support/officials'
import { createSharedPostgresApps, type SharedPostgresApps } from '../../support/shared-postgres-apps'

const serverUrl = inject('postgresUrl')
let shared: SharedPostgresApps
let session: Session
let officialId: string

beforeAll(async () => {
  if (!serverUrl) throw new Error('These tests need PostgreSQL: install it (apt-get install -y postgresql) or set DATABASE_URL')
  shared = await createSharedPostgresApps(serverUrl, 1)
  const db = shared.apps[0]!.database.db
  await givenMunicipality(db)
  officialId = await givenOfficial(db, 'beverwijk')
  session = await signIn(shared.apps[0]!, 'official@beverwijk.nl')
})
afterAll(async () => shared?.close())

/** Answers enough for many chunks of the export (bulk-loaded), one in fifty hidden. */
async function givenAnswers(count: number): Promise<string> {
  const db = shared.apps[0]!.database.db
  const itemId = await givenItem(db, shared.clock.now)
  await db.execute(sql`insert into current_answers (item_id, device_key, submission_id, answered_at, answers, age_band, area, hidden)
    select ${itemId}::uuid, 'device-' || g, md5('export-' || g)::uuid, ${shared.clock.now}::timestamptz - (g % 600) * interval '1 second',
           jsonb_build_object('q1', case when g % 2 = 0 then 'ja' else 'nee' end, 'q4', 'tekst ' || g || E'\\n"met" \\\\ en\\t' || repeat('x', g % 7)),
           case when g % 3 = 0 then '18-23' end, case when g % 5 = 0 then E'Wijk\\taan Zee' end, g % 50 = 0
      from generate_series(1, ${count}::int) g`)
  return itemId
}

describe('the streamed CSV export on PostgreSQL', () => {
  it('streams what the row-object writer gives, also for text with tabs, line ends, quotes and backslashes', async () => {
    const app = shared.apps[0]!
    const itemId = await givenAnswers(3_000)
    const res = await app.inject({ method: 'GET', url: `/api/official/items/${itemId}/export?format=csv`, headers: session.headers })
    expect(res.statusCode).toBe(200)
    const reference = itemCsv(await ownItem(app.database.db, 'beverwijk', itemId, shared.clock.now), await visibleAnswers(app.database.db, itemId))
    expect(reference.split('\r\n')).toHaveLength(3_000 - 60 + 2)
    expect(res.body).toBe(reference)
  }, 120_000)

  it('stops reading, writes no audit entry and leaves the pool usable when the reader goes away halfway', async () => {
    const app = shared.apps[0]!
    const itemId = await givenAnswers(20_000)
    let writes = 0
    const broken = streamInputExport({ db: app.database.db, now: shared.clock.now }, { id: officialId, municipality: 'beverwijk' }, itemId, 'csv', {
      start: () => undefined,
      write: async () => {
        // The header, then two chunks of rows; the third chunk finds the reader gone.
        if (++writes === 4) throw new Error('The reader of the export went away')
      },
    })
    await expect(broken).rejects.toThrow('went away')
    expect(writes).toBe(4)
    expect(await queryRows(app.database.db, sql`select 1 from audit_log where action = 'item.export' and item_id = ${itemId}`)).toEqual([])
    // Every connection of the pool (4) is clean: as many exports at once as there are connections all run to the end.
    const again = await Promise.all(Array.from({ length: 4 }, () => app.inject({ method: 'GET', url: `/api/official/items/${itemId}/export?format=csv`, headers: session.headers })))
    for (const res of again) {
      expect(res.statusCode).toBe(200)
      expect(res.body.split('\r\n')).toHaveLength(20_000 - 400 + 2)
    }
    const audit = await queryRows<{ details: { rows: number } }>(app.database.db, sql`select details from audit_log where action = 'item.export' and item_id = ${itemId}`)
    expect(audit.map((a) => a.details.rows)).toEqual([19_600, 19_600, 19_600, 19_600])
  }, 120_000)
})
