import { sql, type SQL } from 'drizzle-orm'
import { createDatabase, queryRows, type Database, type Db } from '../../src/server/db/client'
import { migrateDatabase } from '../../src/server/db/migrate'
import type { Scope } from './common'

export type Target = 'embedded' | 'postgres'

/** Opens and migrates a database; the scope closes it (closing twice is harmless). */
export async function openDatabase(scope: Scope, where: { url?: string; dataDir?: string }): Promise<Database> {
  const database = await createDatabase(where.url ? { url: where.url } : { dataDir: where.dataDir ?? 'memory://' })
  let closed = false
  const close = async () => {
    if (closed) return
    closed = true
    await database.close()
  }
  scope.defer(`close ${database.kind} database`, close)
  await migrateDatabase(database)
  return { ...database, close }
}

/** One number from a query that returns one row with a column `n`. */
export async function scalar(db: Db, query: SQL): Promise<number> {
  const [row] = await queryRows<{ n: string | number | bigint }>(db, query)
  return Number(row?.n ?? 0)
}

/** How many of `ids` have a receipt (in chunks, so the array parameter stays small). */
export async function countReceiptsOf(db: Db, ids: string[]): Promise<number> {
  let found = 0
  for (let i = 0; i < ids.length; i += 5000) {
    const chunk = `{${ids.slice(i, i + 5000).join(',')}}`
    found += await scalar(db, sql`select count(*) as n from submission_receipts where id = any(${chunk}::uuid[])`)
  }
  return found
}
