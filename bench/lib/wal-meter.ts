import pg from 'pg'
import { round } from './common'

/**
 * What a PostgreSQL cluster wrote to its WAL during a measured run (pg_stat_wal, pg_stat_database): how
 * often it flushed the WAL to disk (each commit waits for one; concurrent commits share it), how
 * many transactions committed, and how many bytes it wrote. Read per row or submission stored,
 * this says how much each costs the disk, and how many a flush carries.
 */
export interface WalFigures {
  /** WAL flushes to disk (fsync or fdatasync) per second. */
  syncsPerS: number
  /** Committed transactions per second, in every database of the cluster (reads in autocommit count too). */
  commitsPerS: number
  /** WAL written, in MB per second. */
  mbPerS: number
}

interface Counters {
  at: number
  syncs: number
  commits: number
  bytes: number
}

async function read(client: pg.Client): Promise<Counters> {
  const { rows } = await client.query<{ syncs: string; commits: string; bytes: string }>(
    'select wal_sync as syncs, wal_bytes as bytes, (select sum(xact_commit) from pg_stat_database) as commits from pg_stat_wal',
  )
  const row = rows[0]!
  return { at: performance.now(), syncs: Number(row.syncs), commits: Number(row.commits), bytes: Number(row.bytes) }
}

/**
 * Reads the counters `fromMs` into a run and again at `toMs`, while the load still runs: busy
 * backends flush their counters about once a second, idle ones only after up to ten, so both
 * readings lag the same second and the rate between them holds.
 */
export async function walDuring(url: string, fromMs: number, toMs: number): Promise<WalFigures> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
  const t0 = performance.now()
  try {
    await sleep(fromMs)
    const before = await read(client)
    await sleep(Math.max(0, toMs - (performance.now() - t0)))
    const after = await read(client)
    const seconds = (after.at - before.at) / 1000
    return {
      syncsPerS: round((after.syncs - before.syncs) / seconds, 0),
      commitsPerS: round((after.commits - before.commits) / seconds, 0),
      mbPerS: round((after.bytes - before.bytes) / 1e6 / seconds, 2),
    }
  } finally {
    await client.end().catch(() => undefined)
  }
}

/**
 * The processes of the cluster at `url` (its backends and background processes, from
 * pg_stat_activity), so CPU meters count this cluster and not every postgres on the machine
 * (other work on a shared machine may run clusters of its own).
 */
export async function clusterPids(url: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows } = await client.query<{ pid: number }>('select pid from pg_stat_activity where pid <> pg_backend_pid()')
    return rows.map((r) => r.pid)
  } finally {
    await client.end().catch(() => undefined)
  }
}
