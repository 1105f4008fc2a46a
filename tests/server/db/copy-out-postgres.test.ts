import type { Duplex } from 'node:stream'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { copyOutText } from '../../../src/server/db/copy-out'
import { createPostgresTestDatabase } from '../../support/test-database'

let created: Awaited<ReturnType<typeof createPostgresTestDatabase>>
let client: pg.Client

beforeAll(async () => {
  const serverUrl = inject('postgresUrl')
  if (!serverUrl) throw new Error('These tests need PostgreSQL: install it (apt-get install -y postgresql) or set DATABASE_URL')
  created = await createPostgresTestDatabase(serverUrl)
  client = new pg.Client({ connectionString: created.url })
  await client.connect()
})
afterAll(async () => {
  await client?.end()
  await created?.drop()
})

/** The socket the client's connection reads from (what back-pressure pauses). */
const socketOf = (c: pg.Client) => (c as unknown as { connection: { stream: Duplex } }).connection.stream

async function collect(copySql: string, chunkChars: number): Promise<{ lines: string[]; chunks: number }> {
  const lines: string[] = []
  let chunks = 0
  for await (const chunk of copyOutText(client, copySql, (row) => `${row}\u0000`, chunkChars)) {
    chunks++
    const got = chunk.text.split('\u0000').slice(0, -1)
    expect(got).toHaveLength(chunk.rows)
    lines.push(...got)
  }
  return { lines, chunks }
}

describe('COPY ... TO STDOUT read row by row', () => {
  it('gives every row its text exactly, with the text format escapes undone (tabs, line ends, backslashes, control characters, unicode)', async () => {
    const texts = ['gewoon', 'met\ttab', 'twee\nregels', 'terug\rloop', 'a\\b', '\\N', '\\\\n', '\b\f\v', 'unit\x1fsep', '\x1erecord', 'Café Ümit', 'مرحبا', 'Дякую 🙏🏽', '"quoted", ok', '']
    await client.query('create temporary table copy_texts (n int, t text)')
    for (const [n, t] of texts.entries()) await client.query('insert into copy_texts values ($1, $2)', [n, t])
    const { lines } = await collect('copy (select t from copy_texts order by n) to stdout', 1)
    expect(lines).toEqual(texts)
    // JSON text as PostgreSQL writes it (escaped quotes and backslashes, \u0000-style controls) comes through unchanged.
    const json = await collect(`copy (select jsonb_build_object('t', t)::text from copy_texts order by n) to stdout`, 1)
    expect(json.lines.map((l) => (JSON.parse(l) as { t: string }).t)).toEqual(texts)
  })

  it('joins rows into chunks of at least the given size, and hands over the rest at the end', async () => {
    const { lines, chunks } = await collect(`copy (select lpad(g::text, 9, '0') from generate_series(1, 1000) g) to stdout`, 100)
    expect(lines).toEqual(Array.from({ length: 1000 }, (_, i) => String(i + 1).padStart(9, '0')))
    // Ten characters per row: ten rows per chunk of at least 100.
    expect(chunks).toBe(100)
  })

  it('pauses the connection while the reader is behind, and reads on once it catches up', async () => {
    const total = 200_000
    let mapped = 0
    const rows = copyOutText(client, `copy (select repeat('x', 50) || g from generate_series(1, ${total}) g) to stdout`, (row) => (mapped++, row), 1000)
    const socket = socketOf(client)
    const paused = new Promise<void>((resolve) => socket.once('pause', () => resolve()))
    const first = await rows.next()
    expect(first.done).toBe(false)
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('the socket was never paused')), 10_000)))
    await Promise.race([paused, timeout]).finally(() => clearTimeout(timer))
    // Paused with a few chunks waiting: nowhere near every row was read while nobody took them.
    expect(mapped).toBeLessThan(total / 4)
    let read = (first.value as { rows: number }).rows
    for await (const chunk of rows) read += chunk.rows
    expect(read).toBe(total)
    expect(socket.isPaused()).toBe(false)
  })

  it('leaves the connection ready for the next statement when the reader stops early, inside a transaction too', async () => {
    await client.query('begin')
    for await (const chunk of copyOutText(client, `copy (select g::text from generate_series(1, 100000) g) to stdout`, (row) => row, 100)) {
      expect(chunk.rows).toBeGreaterThan(0)
      break
    }
    const { rows } = await client.query<{ n: number }>('select 2 as n')
    expect(rows).toEqual([{ n: 2 }])
    await client.query('commit')
    expect(socketOf(client).isPaused()).toBe(false)
  })

  it('fails with the database error of a statement that breaks off midway, and the connection stays usable', async () => {
    const failing = collect(`copy (select (10 / (5000 - g))::text from generate_series(1, 10000) g) to stdout`, 100)
    await expect(failing).rejects.toThrow(/division by zero/)
    const { rows } = await client.query<{ n: number }>('select 3 as n')
    expect(rows).toEqual([{ n: 3 }])
  })

  it('fails when the text of a row cannot be written, reads the rest, and leaves the connection usable', async () => {
    const rows = copyOutText(client, `copy (select g::text from generate_series(1, 50000) g) to stdout`, (row) => {
      if (row === '777') throw new Error('no line for row 777')
      return row
    }, 100)
    await expect((async () => {
      for await (const _chunk of rows) void _chunk
    })()).rejects.toThrow('no line for row 777')
    const { rows: after } = await client.query<{ n: number }>('select 4 as n')
    expect(after).toEqual([{ n: 4 }])
  })
})
