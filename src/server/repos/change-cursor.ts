import { sql, type SQL } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'
import { queryRows, type Db } from '../db/client'

/**
 * `since` cursors of the item feed and the device inbox, ordered by commit, not by clock.
 *
 * A time stamp or a sequence number is handed out before its transaction commits, so a change
 * can commit behind a cursor that was read in the meantime and be skipped for good. Instead,
 * every change row stores the id of the transaction that wrote it (`pg_current_xact_id()`), and
 * a read hands out the snapshot it read in (`pg_current_snapshot()`, taken inside the same
 * repeatable-read transaction as the reads). The next read with that cursor returns exactly the
 * rows whose transaction that snapshot did not see as committed: a change that commits after
 * the cursor was handed out is in the next page, however its transaction was ordered, on any
 * number of connections and processes. The embedded database (one connection) is the case of a
 * snapshot without transactions in progress.
 *
 * The cursor also holds the time of the read (items open and close by the clock, without any
 * write) and the database's identity: a cursor from another database (a restore on a new
 * server, or into another database of the same server), or from a transaction id this database
 * has not reached, reads everything again, which is safe because clients merge pages by id.
 */
export interface ChangeCursor {
  /** The server time of the read: items that open or close later are news for this cursor. */
  at: Date
  system: bigint
  snapshot: Snapshot
}

/** A PostgreSQL snapshot: ids below `xmin` had ended, ids in `xip` or from `xmax` on had not. */
export interface Snapshot {
  xmin: bigint
  xmax: bigint
  xip: bigint[]
}

/** What a `since` value turned out to be. */
export type ParsedCursor = { kind: 'cursor'; cursor: ChangeCursor } | { kind: 'legacy' } | { kind: 'invalid' }

const VERSION = '2'
/** The shared CursorSchema allows 100 characters. */
const MAX_LENGTH = 100
const MAX_U64 = (1n << 64n) - 1n
// The contract's date range; also keeps a forged time from reaching PostgreSQL as a year it cannot parse.
const EARLIEST = Date.UTC(2000, 0, 1)
const LATEST = Date.UTC(2100, 0, 1)

function parseBase36(text: string): bigint | null {
  if (!/^[0-9a-z]{1,13}$/.test(text)) return null
  let value = 0n
  for (const char of text) value = value * 36n + BigInt(Number.parseInt(char, 36))
  return value <= MAX_U64 ? value : null
}

/**
 * Encodes a cursor in the characters the shared CursorSchema allows. When many transactions
 * were in progress the list would not fit: it is then widened to "nothing from `xmin` on was
 * seen", which returns a few entries twice but never skips one.
 */
export function encodeCursor(cursor: ChangeCursor): string {
  const { at, system, snapshot } = cursor
  const head = [VERSION, at.getTime().toString(36), system.toString(36), snapshot.xmin.toString(36)]
  const exact = [...head, (snapshot.xmax - snapshot.xmin).toString(36), ...snapshot.xip.map((x) => (x - snapshot.xmin).toString(36))].join('_')
  return exact.length <= MAX_LENGTH ? exact : [...head, '0'].join('_')
}

/**
 * Reads a `since` value. Cursors of earlier versions (a time in ms for the inbox, `seq_time`
 * for the item feed) are `legacy`: they could have skipped changes, so the caller reads
 * everything again. Anything this API never handed out is `invalid` (a 400).
 */
export function parseCursor(value: string): ParsedCursor {
  if (/^[0-9]{1,13}$/.test(value)) {
    const ms = Number(value)
    return ms >= EARLIEST && ms < LATEST ? { kind: 'legacy' } : { kind: 'invalid' }
  }
  if (/^[0-9a-z]{1,13}_[0-9a-z]{1,13}$/.test(value)) return { kind: 'legacy' }
  const [version, at, system, xmin, xmaxOffset, ...xipOffsets] = value.split('_')
  if (version !== VERSION || at === undefined || system === undefined || xmin === undefined || xmaxOffset === undefined) return { kind: 'invalid' }
  const numbers = [at, system, xmin, xmaxOffset, ...xipOffsets].map(parseBase36)
  if (numbers.some((n) => n === null)) return { kind: 'invalid' }
  const [atMs, systemId, low, width, ...offsets] = numbers as bigint[]
  const time = Number(atMs)
  const snapshot: Snapshot = { xmin: low!, xmax: low! + width!, xip: offsets.map((o) => low! + o) }
  // PostgreSQL's own rules for a snapshot: 0 < xmin <= xmax, xip ascending within [xmin, xmax).
  const ascending = offsets.every((o, i) => o < width! && (i === 0 || o > offsets[i - 1]!))
  if (time < EARLIEST || time >= LATEST || snapshot.xmin === 0n || snapshot.xmax > MAX_U64 || !ascending) return { kind: 'invalid' }
  return { kind: 'cursor', cursor: { at: new Date(time), system: systemId!, snapshot } }
}

function parseSnapshot(text: string): Snapshot {
  const [xmin, xmax, xip] = text.split(':')
  return { xmin: BigInt(xmin!), xmax: BigInt(xmax!), xip: xip ? xip.split(',').map((x) => BigInt(x)) : [] }
}

const snapshotText = (s: Snapshot): string => `${s.xmin}:${s.xmax}:${s.xip.join(',')}`

/**
 * Which database a cursor belongs to. The system identifier alone names the server (cluster):
 * its databases share one transaction counter but not their rows, so a cursor of one database
 * must not count as seen on another (a backup restored beside its source). The database's oid
 * (32 bits) is mixed into the high half; the result stays within the 64 bits a cursor holds.
 */
export function databaseIdentity(systemIdentifier: bigint, databaseOid: bigint): bigint {
  return (systemIdentifier ^ (databaseOid << 32n)) & MAX_U64
}

/** A read in one snapshot, the cursor that continues after it, and the cursor it continues (if usable). */
export interface ConsistentRead {
  tx: Db
  /** The cursor to hand out with this read's result. */
  next: ChangeCursor
  /** The caller's cursor, or undefined when everything must be read (none, legacy, or another database's). */
  since: ChangeCursor | undefined
}

/**
 * Runs `read` in a read-only repeatable-read transaction whose snapshot is the one handed out in
 * the cursor, so what the read returns and what the cursor says was seen are the same thing.
 */
export async function readInOneSnapshot<T>(db: Db, since: ChangeCursor | undefined, now: Date, read: (r: ConsistentRead) => Promise<T>): Promise<T> {
  return db.transaction(
    async (tx) => {
      const [row] = await queryRows<{ snapshot: string; system: string; database: string }>(
        tx,
        sql`select pg_current_snapshot()::text as snapshot, (select system_identifier::text from pg_control_system()) as system,
            (select oid::text from pg_database where datname = current_database()) as database`,
      )
      const next: ChangeCursor = { at: now, system: databaseIdentity(BigInt(row!.system), BigInt(row!.database)), snapshot: parseSnapshot(row!.snapshot) }
      // A cursor from another database, or beyond this one's transaction ids, cannot say what was seen here.
      const usable = since !== undefined && since.system === next.system && since.snapshot.xmax <= next.snapshot.xmax
      return read({ tx, next, since: usable ? since : undefined })
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  )
}

/**
 * True for rows written by a transaction the cursor's snapshot had not seen committed; always
 * true without a cursor. With a cursor, a null transaction id (nothing written yet) is no news.
 */
export function writtenAfter(column: AnyPgColumn, since: ChangeCursor | undefined): SQL<boolean> {
  if (!since) return sql<boolean>`true`
  const snapshot = snapshotText(since.snapshot)
  return sql<boolean>`(${column} >= ${since.snapshot.xmin.toString()}::xid8 and not pg_visible_in_snapshot(${column}, ${snapshot}::pg_snapshot))`
}
