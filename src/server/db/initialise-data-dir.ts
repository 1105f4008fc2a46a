import { closeSync, existsSync, fsyncSync, openSync, readdirSync, renameSync, rmSync } from 'node:fs'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { DurableNodeFS } from './durable-node-fs'

/** Where a new database is created before it moves into DATA_DIR. */
const STAGING = '.meepraat-init'

/**
 * Creates the PostgreSQL files of a new embedded database in DATA_DIR. PostgreSQL's initdb
 * refuses a directory that holds anything, and DATA_DIR already holds our lock file (and may
 * hold mail or keys). So the database is created in an empty subdirectory and its entries are
 * then renamed into DATA_DIR, PG_VERSION last: until PG_VERSION is in place the directory counts
 * as new, and an interrupted move is finished by the next start. Call with the lock held.
 */
export async function initialiseDataDir(dataDir: string): Promise<void> {
  const staging = path.join(dataDir, STAGING)
  if (existsSync(path.join(dataDir, 'PG_VERSION'))) {
    // Left over when a start died between the last rename and removing the (empty) staging dir.
    if (existsSync(staging)) rmSync(staging, { recursive: true, force: true })
    return
  }
  if (!existsSync(path.join(staging, 'PG_VERSION'))) {
    // No staging dir, or one whose initdb never finished: (re)create it from scratch.
    rmSync(staging, { recursive: true, force: true })
    const created = await PGlite.create({ fs: new DurableNodeFS(staging) })
    await created.close()
  }
  const entries = readdirSync(staging).filter((name) => name !== 'PG_VERSION')
  for (const name of entries) {
    const target = path.join(dataDir, name)
    if (existsSync(target)) throw new Error(`Cannot create the database in ${dataDir}: it already holds ${name}. Use an empty DATA_DIR.`)
    renameSync(path.join(staging, name), target)
  }
  syncDirectory(dataDir)
  renameSync(path.join(staging, 'PG_VERSION'), path.join(dataDir, 'PG_VERSION'))
  syncDirectory(dataDir)
  rmSync(staging, { recursive: true, force: true })
}

/** Makes renames into a directory durable. */
function syncDirectory(dir: string): void {
  const fd = openSync(dir, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}
