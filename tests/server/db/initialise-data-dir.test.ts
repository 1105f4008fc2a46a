import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { sql } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createDatabase, queryRows } from '../../../src/server/db/client'

let dataDir: string
beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'meepraat-init-'))
})
afterEach(() => rmSync(dataDir, { recursive: true, force: true }))

async function answersOne(): Promise<boolean> {
  const database = await createDatabase({ dataDir })
  try {
    const [row] = await queryRows<{ one: number }>(database.db, sql`select 1 as one`)
    return row?.one === 1
  } finally {
    await database.close()
  }
}

describe('a new embedded database in DATA_DIR', () => {
  it('is created in a directory that already holds other files (its lock, mail)', async () => {
    mkdirSync(path.join(dataDir, 'mail'))
    writeFileSync(path.join(dataDir, 'mail', 'outbox.jsonl'), '')
    expect(await answersOne()).toBe(true)
    expect(existsSync(path.join(dataDir, 'PG_VERSION'))).toBe(true)
    expect(existsSync(path.join(dataDir, 'mail', 'outbox.jsonl'))).toBe(true)
    expect(readdirSync(dataDir)).not.toContain('.meepraat-init')
  })

  it('finishes a creation that was interrupted while moving the files in', async () => {
    const staging = path.join(dataDir, '.meepraat-init')
    await (await PGlite.create(staging)).close()
    for (const name of ['base', 'global', 'pg_wal']) renameSync(path.join(staging, name), path.join(dataDir, name))
    expect(await answersOne()).toBe(true)
    expect(readdirSync(dataDir)).not.toContain('.meepraat-init')
    expect(await answersOne()).toBe(true)
  })
})
