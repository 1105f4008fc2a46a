import type { Duplex } from 'node:stream'
import pg from 'pg'
import type { Db } from './client'

/**
 * The PostgreSQL connection under a drizzle database or transaction, or null on the embedded
 * database. Inside `db.transaction(...)` it is the one connection the transaction runs on, so a
 * `COPY` sent on it sees (and ends with) the same transaction.
 */
export function postgresClientOf(db: Db): pg.ClientBase | null {
  const client = (db._.session as unknown as { client?: unknown }).client
  return client instanceof pg.Client ? client : null
}

/** What a pg client hands to a query object it runs (the driver's "submittable" interface). */
interface WireConnection {
  query(text: string): void
  stream: Duplex
}

/** Chunks waiting for the reader before the connection's socket is paused (back-pressure). */
const MAX_WAITING_CHUNKS = 4

/**
 * Runs `COPY (select of ONE text column) TO STDOUT` on a PostgreSQL connection and yields its
 * rows as they arrive, each turned into text by `lineOf`, joined into chunks of at least
 * `chunkChars` characters (with the number of rows in each).
 *
 * Why not a cursor: `COPY` hands rows over without a round trip per page, without the driver's
 * per-row result objects, and may run its query with parallel workers (a cursor never does).
 * The rows are read straight from the driver's CopyData messages (one per row), and
 * back-pressure pauses the socket while MAX_WAITING_CHUNKS chunks wait, so memory stays flat
 * however slow the reader is. If the reader stops early, the rest of the COPY is read and
 * dropped before the generator returns, so the connection is left ready for the next statement
 * (the caller's transaction then rolls back as usual).
 */
export async function* copyOutText(
  client: pg.ClientBase,
  copySql: string,
  lineOf: (row: string) => string,
  chunkChars: number,
): AsyncGenerator<{ text: string; rows: number }> {
  const waiting: { text: string; rows: number }[] = []
  let text = ''
  let rows = 0
  let finished = false
  let failure: unknown = null
  let dropping = false
  let wake: (() => void) | null = null
  // Known once the driver sends the statement; paused and resumed for back-pressure.
  const wire: { socket: Duplex | null; paused: boolean } = { socket: null, paused: false }
  const pause = () => {
    wire.paused = true
    wire.socket?.pause()
  }
  const resume = () => {
    if (!wire.paused) return
    wire.paused = false
    wire.socket?.resume()
  }
  const notify = () => {
    const woken = wake
    wake = null
    woken?.()
  }
  const flush = () => {
    if (rows === 0) return
    waiting.push({ text, rows })
    text = ''
    rows = 0
    if (waiting.length >= MAX_WAITING_CHUNKS) pause()
    notify()
  }
  const fail = (error: unknown) => {
    failure ??= error
    dropping = true
  }
  const query = {
    submit(connection: WireConnection) {
      wire.socket = connection.stream
      connection.query(copySql)
    },
    handleCopyData(message: { chunk: Buffer }) {
      if (dropping) return
      try {
        text += lineOf(copyTextRow(message.chunk))
        rows++
      } catch (error) {
        fail(error)
        return
      }
      if (text.length >= chunkChars) flush()
    },
    handleCommandComplete() {
      if (!dropping) flush()
    },
    handleReadyForQuery() {
      finished = true
      resume()
      notify()
    },
    // The driver calls this instead of handleReadyForQuery when the statement failed (or the connection broke).
    handleError(error: unknown) {
      fail(error)
      finished = true
      resume()
      notify()
    },
    handleRowDescription() {},
    handleDataRow() {},
    handleEmptyQuery() {},
    handlePortalSuspended() {},
    handleCopyInResponse() {},
  }
  // A query object with `submit` is run by the driver as it is (its types know only configs and streams).
  ;(client as unknown as { query(submittable: typeof query): unknown }).query(query)
  try {
    for (;;) {
      if (failure) throw failure
      const chunk = waiting.shift()
      if (chunk) {
        if (waiting.length < MAX_WAITING_CHUNKS) resume()
        yield chunk
        continue
      }
      if (finished) return
      await new Promise<void>((resolve) => (wake = resolve))
    }
  } finally {
    if (!finished) {
      // Stopped early: read the rest and drop it, so the connection is ready for what follows.
      dropping = true
      waiting.length = 0
      resume()
      while (!finished) await new Promise<void>((resolve) => (wake = resolve))
    }
  }
}

/**
 * One row of `COPY ... TO STDOUT` in text format, as the text it holds: without its line end,
 * and with the format's escapes undone (PostgreSQL writes a backslash as two and the control
 * characters \b \f \n \r \t \v as a backslash and a letter; nothing else is escaped on output).
 * A NULL (`\N`) is refused: the export's packed rows are never NULL.
 */
export function copyTextRow(chunk: Buffer): string {
  const line = chunk.toString('utf8', 0, chunk[chunk.length - 1] === 0x0a ? chunk.length - 1 : chunk.length)
  if (!line.includes('\\')) return line
  if (line === '\\N') throw new Error('COPY gave a NULL row where text was expected')
  return line.replace(/\\(.)/gs, (_escape, c: string) => COPY_TEXT_ESCAPES[c] ?? c)
}

const COPY_TEXT_ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' }
