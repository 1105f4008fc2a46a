import { sql } from 'drizzle-orm'
import type { FastifyBaseLogger } from 'fastify'
import { errorForLog } from '../log-safety'
import type { Database } from './client'

/**
 * The tables that hold how to reach people and what they wrote about themselves. A deleted or
 * emptied row stays readable in the table's files until the page is rewritten, so these are
 * rewritten after a withdrawal or a retention run.
 */
export const PERSONAL_DATA_TABLES = ['contacts', 'table_signups', 'item_email_alerts'] as const

/**
 * Embedded: `VACUUM FULL` rewrites the table files with the live rows only and truncates the old
 * ones. Plain `VACUUM` is not enough: it marks the space free, and a removed row that sat next
 * to the free space keeps its bytes (measured: a withdrawn name stayed in the heap file). The
 * exclusive lock is brief on these small tables, and PGlite runs one statement at a time anyway.
 * PostgreSQL: plain `VACUUM` (no exclusive lock on a shared server; its autovacuum and page reuse
 * overwrite the space later). Write-ahead log segments keep old records until they are recycled.
 */
function scrubStatement(kind: Database['kind'], names: readonly string[]) {
  const tables = sql.raw(names.join(', '))
  return kind === 'embedded' ? sql`vacuum full ${tables}` : sql`vacuum ${tables}`
}

/**
 * The answers table, rewritten after an official redacts part of a text answer, so the removed
 * text is gone from the files too. Kept apart from the contact tables: it is the large one, and
 * a redaction is rare, so only a redaction pays for rewriting it.
 */
export const ANSWER_TABLES = ['current_answers'] as const

interface ScrubState {
  running: Promise<void> | null
  /** A run queued behind the current one; every request made meanwhile shares it. */
  queued: Promise<void> | null
}

/** Per database, one state per set of tables, so runs on the same tables coalesce. */
const states = new WeakMap<Database, Map<string, ScrubState>>()

/**
 * Rewrites the personal-data tables so deleted contact details are gone from the data files.
 * VACUUM cannot run inside a transaction: call this after the commit. Runs are serialised per
 * database and coalesced (a request during a run waits for one more run, which covers it). Never
 * rejects: a failure is logged (kind only) and the next withdrawal or retention run tries again.
 */
export function scrubPersonalData(database: Database, log: FastifyBaseLogger): Promise<void> {
  return scrubTables(database, log, PERSONAL_DATA_TABLES, 'rewriting the tables with contact details failed')
}

/** Rewrites the answers table after a redaction, with the same serialising and coalescing. */
export function scrubAnswers(database: Database, log: FastifyBaseLogger): Promise<void> {
  return scrubTables(database, log, ANSWER_TABLES, 'rewriting the answers table after a redaction failed')
}

function scrubTables(database: Database, log: FastifyBaseLogger, names: readonly string[], failure: string): Promise<void> {
  let byTables = states.get(database)
  if (!byTables) {
    byTables = new Map()
    states.set(database, byTables)
  }
  const key = names.join(',')
  let state = byTables.get(key)
  if (!state) {
    state = { running: null, queued: null }
    byTables.set(key, state)
  }
  const s = state
  const run = async (): Promise<void> => {
    try {
      await database.db.execute(scrubStatement(database.kind, names))
    } catch (error) {
      log.error({ err: errorForLog(error) }, failure)
    }
  }
  if (s.queued) return s.queued
  if (s.running) {
    const queued = s.running.then(async () => {
      s.queued = null
      s.running = queued
      await run()
      if (s.running === queued) s.running = null
    })
    s.queued = queued
    return queued
  }
  const running = run().then(() => {
    if (s.running === running) s.running = null
  })
  s.running = running
  return running
}

/** The tables that hold answers and their device keys; rewritten after answer retention ran. */
export const ANSWER_AND_RECEIPT_TABLES = ['current_answers', 'submission_receipts'] as const

/**
 * Rewrites the answer tables after the retention job deleted free text and replaced device keys,
 * so the old values are gone from the data files too (same statements and reasons as
 * `scrubPersonalData`). These tables are large, so this runs only after a run that changed them
 * (at most hourly). Never rejects: a failure is logged (kind only) and left for the next change.
 */
export async function scrubAnswerData(database: Database, log: FastifyBaseLogger): Promise<void> {
  const tables = sql.raw(ANSWER_AND_RECEIPT_TABLES.join(', '))
  try {
    await database.db.execute(database.kind === 'embedded' ? sql`vacuum full ${tables}` : sql`vacuum ${tables}`)
  } catch (error) {
    log.error({ err: errorForLog(error) }, 'rewriting the answer tables failed')
  }
}

/** The tables a resident's signals and their contact details live in; rewritten after an erasure removed some. */
export const SIGNAL_TABLES = ['signals', 'contacts'] as const

/** Rewrites the signal tables after an erasure, with the same serialising and coalescing as `scrubPersonalData`. */
export function scrubSignalData(database: Database, log: FastifyBaseLogger): Promise<void> {
  return scrubTables(database, log, SIGNAL_TABLES, 'rewriting the signal tables after an erasure failed')
}
