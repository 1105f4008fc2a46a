/**
 * Scale-out on real parts: a throwaway PostgreSQL cluster, three server processes, and Debian's
 * HAProxy in front of them. 50 devices send 10,000 submissions through the balancer while one
 * process is killed with SIGKILL and started again; afterwards every id is stored exactly once
 * and the tallies are exact. Run with `npm run test:scale` (needs initdb/pg_ctl and haproxy).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDatabase } from '../../src/server/db/client'
import { migrateDatabase } from '../../src/server/db/migrate'
import { countKeys } from '../../src/server/repos/result-counts'
import { expectedTallies, newFleetLog, planFleet, runDevice, type FleetLog } from '../support/device-fleet'
import { givenItem, givenMunicipality, pollQuestions } from '../support/factories'
import { startHaproxy, waitForBackends, type Balancer } from '../support/haproxy'
import { givenOfficial, TEST_PASSWORD } from '../support/officials'
import { startPostgresCluster, type PostgresCluster } from '../support/postgres-cluster'
import { startServerProcess, type ServerProcess } from '../support/server-process'

const DEVICES = 50
const PER_DEVICE = 200
const BATCH = 10
const ITEMS = 5
const TOTAL = DEVICES * PER_DEVICE
const SESSION_SECRET = 'scale-out-test-session-secret-0123456789'
// Shared by every process, as in production: each has its own DATA_DIR, so none may make up its own.
const DEVICE_KEY_SECRET = 'scale-out-test-device-key-secret-0123456789'

let cluster: PostgresCluster
let pool: pg.Pool
let balancer: Balancer
const servers: ServerProcess[] = []
const dataDirs: string[] = []
let env: Record<string, string>
let itemIds: string[]
let fleet: ReturnType<typeof planFleet>
const log: FleetLog = newFleetLog()
let killedAt: Date
let killedBackendRequests = 0

async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

async function count(query: string, params: unknown[] = []): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(query, params)
  return Number(rows[0]?.n ?? 0)
}

beforeAll(async () => {
  cluster = await startPostgresCluster()
  const database = await createDatabase({ url: cluster.url })
  await migrateDatabase(database)
  await givenMunicipality(database.db)
  const now = new Date()
  itemIds = []
  for (let i = 0; i < ITEMS; i++) itemIds.push(await givenItem(database.db, now, { title: `Schaal ${i + 1}` }))
  await givenOfficial(database.db, 'beverwijk')
  await database.close()
  pool = new pg.Pool({ connectionString: cluster.url, max: 2 })

  env = { DATABASE_URL: cluster.url, DEMO: '0', STATIC_DIR: '/nonexistent', SESSION_SECRET, DEVICE_KEY_SECRET }
  const started = await Promise.all(
    [0, 1, 2].map(() => {
      const dataDir = mkdtempSync(path.join(tmpdir(), 'meepraat-scale-'))
      dataDirs.push(dataDir)
      return startServerProcess({ ...env, DATA_DIR: dataDir })
    }),
  )
  servers.push(...started)
  balancer = await startHaproxy(servers.map((s) => s.port))
  // Answered an hour ago, one second apart per device: never capped at the server's clock.
  fleet = planFleet(itemIds, DEVICES, PER_DEVICE, BATCH, new Date(now.getTime() - 60 * 60 * 1000))
}, 180_000)

afterAll(async () => {
  await balancer?.stop()
  await Promise.all(servers.map((s) => s.stop()))
  await pool?.end()
  cluster?.stop()
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true })
})

describe('three server processes behind HAProxy on one PostgreSQL', () => {
  it('store 10,000 submissions from 50 devices exactly once while one process is killed and restarted', async () => {
    const deadline = Date.now() + 240_000
    // Past 60% the devices wait for the restarted process to be back in rotation, so it takes
    // part of the load (a condition, not a clock: start-up time varies from machine to machine).
    let backInRotation!: () => void
    const restarted = new Promise<void>((resolve) => (backInRotation = resolve))
    const gate = () => (log.finished >= TOTAL * 0.6 ? restarted : Promise.resolve())
    const load = Promise.all(fleet.map((d) => runDevice(balancer.url, d.batches, log, deadline, gate)))
    load.catch(() => undefined)

    await waitFor('30% of the submissions', () => log.finished >= TOTAL * 0.3, 120_000)
    const victim = servers[1]!
    killedBackendRequests = log.backends.get('api2') ?? 0
    killedAt = new Date()
    victim.child.kill('SIGKILL')
    await victim.stop()
    // The other two carry the load for a while; then the process comes back on its port.
    const atKill = log.finished
    await waitFor('more submissions with one process down', () => log.finished >= atKill + TOTAL * 0.15, 120_000)
    servers[1] = await startServerProcess({ ...env, DATA_DIR: dataDirs[1]! }, victim.port)
    await waitForBackends(balancer, 3, 30_000)
    backInRotation()
    const victimBeforeRestart = log.backends.get('api2') ?? 0

    await load
    // Figures for the report, not assertions: how the kill showed up on the way.
    const stats = await balancer.stats()
    console.log(
      [
        `scale-out: ${log.requests} requests from the devices, ${log.retries} device retries (${[...log.retryReasons].map(([k, v]) => `${k}: ${v}`).join(', ') || 'none'})`,
        `responses per backend: ${[...log.backends].map(([k, v]) => `${k} ${v}`).join(', ')}; api2 ${killedBackendRequests} before the kill, ${(log.backends.get('api2') ?? 0) - victimBeforeRestart} after its restart`,
        `HAProxy (since the restart for api2): ${stats.map((s) => `${s.server} ${s.status} ${s.requests} requests, ${s.retries} retries, ${s.redispatches} redispatches`).join('; ')}`,
      ].join('\n'),
    )
    expect(killedBackendRequests).toBeGreaterThan(0)
    expect((log.backends.get('api2') ?? 0) - victimBeforeRestart).toBeGreaterThan(0)
    expect(log.finished).toBe(TOTAL)

    // 0 lost: every id was answered accepted or duplicate, and has exactly one receipt.
    const finals = [...log.statuses.values()]
    expect(finals.filter((s) => s.includes('rejected'))).toEqual([])
    // 0 duplicated: no id was ever accepted twice (a retry of a stored id answers duplicate).
    expect(finals.filter((s) => s.filter((x) => x === 'accepted').length > 1)).toEqual([])
    const ids = [...log.statuses.keys()]
    expect(await count('select count(*) as n from submission_receipts where id = any($1::uuid[])', [ids])).toBe(TOTAL)
    expect(await count('select count(*) as n from submission_receipts where item_id = any($1::uuid[])', [itemIds])).toBe(TOTAL)
  })

  it('keep the results exact: tallies equal a recount over current_answers and the fleet`s last answers', async () => {
    expect(log.finished).toBe(TOTAL)
    const { rows: answers } = await pool.query<{ item_id: string; answers: Record<string, unknown> }>(
      'select item_id, answers from current_answers where item_id = any($1::uuid[]) and not hidden',
      [itemIds],
    )
    const recount = new Map<string, number>()
    for (const row of answers) {
      for (const k of [{ questionId: '', valueKey: '' }, ...countKeys(pollQuestions, row.answers as never)]) {
        const key = `${row.item_id}|${k.questionId}|${k.valueKey}`
        recount.set(key, (recount.get(key) ?? 0) + 1)
      }
    }
    const { rows: tallies } = await pool.query<{ item_id: string; question_id: string; value_key: string; count: string }>(
      // A tally is the sum of its shards.
      'select item_id, question_id, value_key, sum(count) as count from result_counts where item_id = any($1::uuid[]) group by item_id, question_id, value_key having sum(count) <> 0',
      [itemIds],
    )
    const stored = new Map(tallies.map((t) => [`${t.item_id}|${t.question_id}|${t.value_key}`, Number(t.count)]))
    const sorted = (m: Map<string, number>) => [...m].sort(([a], [b]) => a.localeCompare(b))
    expect(sorted(stored)).toEqual(sorted(recount))
    expect(sorted(stored)).toEqual(sorted(expectedTallies(fleet, pollQuestions, countKeys as never)))

    // Respondents are distinct devices per item.
    const { rows: devices } = await pool.query<{ item_id: string; n: string }>(
      'select item_id, count(distinct device_key) as n from current_answers where item_id = any($1::uuid[]) group by item_id',
      [itemIds],
    )
    for (const d of devices) {
      const sent = new Set(fleet.filter((f) => f.batches.flat().some((s) => s.itemId === d.item_id)).map((f) => f.deviceId))
      expect(Number(d.n)).toBe(sent.size)
      expect(stored.get(`${d.item_id}||`)).toBe(sent.size)
    }
  })

  it('let a device whose process dies under it send the same ids again until they are stored, once each', async () => {
    // Through HAProxy the kill above is absorbed by its retries; straight at one process the
    // device itself sees the failure and retries like the PWA.
    const device = planFleet(itemIds, 1, 200, BATCH, new Date(Date.now() - 30 * 60 * 1000), 61)[0]!
    const direct = newFleetLog()
    const victim = servers[2]!
    const run = runDevice(victim.url, device.batches, direct, Date.now() + 120_000)
    run.catch(() => undefined)
    await waitFor('a few batches stored', () => direct.finished >= 30, 60_000)
    victim.child.kill('SIGKILL')
    await victim.stop()
    await waitFor('the device to see the failure', () => (direct.retryReasons.get('network') ?? 0) > 0, 60_000)
    servers[2] = await startServerProcess({ ...env, DATA_DIR: dataDirs[2]! }, victim.port)
    await run
    console.log(`direct device: ${direct.requests} requests, retries: ${[...direct.retryReasons].map(([k, v]) => `${k} ${v}`).join(', ')}; duplicates answered: ${[...direct.statuses.values()].filter((f) => f.includes('duplicate')).length}`)
    const finals = [...direct.statuses.values()]
    expect(finals).toHaveLength(200)
    expect(finals.filter((f) => f.includes('rejected') || f.filter((x) => x === 'accepted').length > 1)).toEqual([])
    expect(await count('select count(*) as n from submission_receipts where id = any($1::uuid[])', [[...direct.statuses.keys()]])).toBe(200)
  })

  it('honour an official`s session made on one process on the others, and its sign-out everywhere', async () => {
    const login = await fetch(`${servers[0]!.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'official@beverwijk.nl', password: TEST_PASSWORD }),
    })
    expect(login.status).toBe(200)
    const cookie = login.headers.getSetCookie().find((c) => c.startsWith('meepraat_session='))!.split(';')[0]!
    const { csrfToken } = (await login.json()) as { csrfToken: string }
    for (const other of [servers[1]!, servers[2]!]) {
      const me = await fetch(`${other.url}/api/auth/me`, { headers: { cookie } })
      expect(me.status).toBe(200)
      expect(((await me.json()) as { email: string }).email).toBe('official@beverwijk.nl')
    }
    const logout = await fetch(`${servers[2]!.url}/api/auth/logout`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken } })
    expect(logout.status).toBeLessThan(300)
    expect((await fetch(`${servers[1]!.url}/api/auth/me`, { headers: { cookie } })).status).toBe(401)
  })
})

describe('with the shared rate-limit store', () => {
  it('hold a per-address limit across the three processes', async () => {
    const device = `scale-limit-${crypto.randomUUID().replace(/-/g, '')}`
    const first = await fetch(`${servers[0]!.url}/api/devices/${device}/inbox`)
    const limit = Number(first.headers.get('x-ratelimit-limit'))
    expect(limit).toBeGreaterThan(0)
    const statuses = [first.status]
    for (let i = 1; i < limit + 30; i++) statuses.push((await fetch(`${servers[i % 3]!.url}/api/devices/${device}/inbox`)).status)
    // Per-process counters would let 3 x limit through; a shared store lets `limit` through.
    expect(statuses.filter((s) => s === 200)).toHaveLength(limit)
    expect(statuses.filter((s) => s === 429)).toHaveLength(30)
  })
})

describe('with one runner per job', () => {
  it('ran the retention job once while three processes started at the same moment', async () => {
    expect(killedAt).toBeDefined()
    // Each run of a scheduled job leaves one installation-wide audit entry.
    const runs = await count("select count(*) as n from audit_log where action = 'job.retention' and at < $1", [killedAt])
    expect(runs).toBe(1)
  })
})
