/**
 * From publishing feedback to the push message decrypted at the push service, per device: N
 * subscribed devices (each a distinct subscription with its own P-256 keys and auth secret, made
 * as a browser makes them, stored through `PUT /api/me/push-subscription`) follow one item; an
 * official publishes feedback through `POST /api/items/:id/feedback`; the app's own push worker
 * (woken by the route, as in production) encrypts and sends each message to the local stand-in
 * of tests/support/push-service.ts, which checks the VAPID signature and decrypts the payload.
 * Latency = the stand-in's receive time minus the moment the publish request started. The
 * stand-in runs in this process, so its decryption shares the CPU with the server.
 *
 *   npx tsx bench/push-latency.ts
 *   BENCH_TARGETS=embedded BENCH_PUSH_DEVICES=200 npx tsx bench/push-latency.ts
 */
import { randomBytes } from 'node:crypto'
import webpush from 'web-push'
import { buildApp } from '../src/server/app'
import type { Notifier } from '../src/server/notify/notifier'
import { deviceAuthorization } from '../src/shared/schemas/device-credentials'
import { isMain, log, round, runAsScript, withScope } from './lib/common'
import { openDatabase, type Target } from './lib/db'
import { percentiles, type Percentiles } from './lib/percentiles'
import { factories, officials, postgresCluster, pushServiceStandIn } from './lib/support'

export interface PushLatencyOptions {
  targets: Target[]
  devices: number
  /** Give up waiting for deliveries after this long. */
  timeoutMs: number
}

export interface PushLatencyRun {
  target: Target
  devices: number
  delivered: number
  /** Pushes the stand-in refused (bad VAPID signature or payload that did not decrypt): should be 0. */
  faults: number
  /** How long the publish request took (the pushes are queued in its transaction). */
  publishMs: number
  /** Publish start to decrypted at the stand-in, per device. */
  latencyMs: Percentiles
  /** Publish start to the last device's delivery. */
  totalMs: number
  deliveriesPerS: number
}

export interface PushLatencyOutcome {
  runs: PushLatencyRun[]
  failures: { target: Target; error: string }[]
}

export const defaultPushLatencyOptions: PushLatencyOptions = { targets: ['embedded', 'postgres'], devices: 1000, timeoutMs: 5 * 60_000 }

const silentNotifier: Notifier = { send: async () => undefined, close: async () => undefined }

async function runOne(target: Target, o: PushLatencyOptions): Promise<PushLatencyRun> {
  return withScope(async (scope) => {
    const service = await (await pushServiceStandIn()).startPushServiceStandIn()
    scope.defer('stop the push stand-in', () => service.close())
    const where = target === 'postgres' ? { url: await startCluster(scope) } : { dataDir: scope.tempDir('meepraat-push-bench-') }
    const database = await openDatabase(scope, where)
    const app = await buildApp({
      database,
      ownsDatabase: false,
      notifier: silentNotifier,
      publicUrl: 'http://127.0.0.1:8080',
      adminSecondFactor: 'optional',
      // No timer round during the run: only the route's wake sends, as right after a publish.
      push: { vapid: { ...webpush.generateVAPIDKeys(), subject: 'mailto:bench@meepraat.test' }, allowPrivate: true, intervalMs: 3_600_000 },
    })
    scope.defer('close the app', () => app.close())
    const f = await factories()
    await f.givenMunicipality(database.db)
    const itemId = await f.givenItem(database.db, new Date())
    const o2 = await officials()
    await o2.givenOfficial(database.db, 'beverwijk')
    const session = await o2.signIn(app, 'official@beverwijk.nl')

    log(`push ${target}: subscribing ${o.devices} devices`)
    for (let i = 0; i < o.devices; i++) {
      const sub = service.subscribe()
      const res = await app.inject({
        method: 'PUT', url: '/api/me/push-subscription',
        // Each device from its own address, as phones are: the per-address rate limit is not what is measured.
        remoteAddress: `198.51.${(i >> 8) & 255}.${i & 255}`,
        headers: { authorization: deviceAuthorization(randomBytes(32).toString('base64url')) },
        payload: { endpoint: sub.endpoint, keys: sub.keys, language: i % 5 === 0 ? 'en' : 'nl', municipality: 'beverwijk', topics: [itemId] },
      })
      if (res.statusCode !== 200) throw new Error(`subscribing failed: ${res.statusCode} ${res.body}`)
    }

    log(`push ${target}: publishing feedback`)
    const started = Date.now()
    const t0 = performance.now()
    const res = await app.inject({ method: 'POST', url: `/api/items/${itemId}/feedback`, headers: session.headers, payload: { outcome: 'in_progress', summary: 'We lezen alle antwoorden en laten in juni weten wat we ermee doen.' } })
    const publishMs = performance.now() - t0
    if (res.statusCode !== 201) throw new Error(`publishing failed: ${res.statusCode} ${res.body}`)
    const deadline = Date.now() + o.timeoutMs
    while (service.received.length + service.faults.length < o.devices && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5))
    const latencies = service.received.map((r) => r.receivedAt - started)
    const totalMs = Math.max(0, ...latencies)
    return {
      target,
      devices: o.devices,
      delivered: service.received.length,
      faults: service.faults.length,
      publishMs: round(publishMs),
      latencyMs: percentiles(latencies),
      totalMs,
      deliveriesPerS: totalMs > 0 ? Math.round((service.received.length / totalMs) * 1000) : 0,
    }
  })
}

async function startCluster(scope: import('./lib/common').Scope): Promise<string> {
  const cluster = await (await postgresCluster()).startPostgresCluster({ durable: true })
  scope.defer('stop PostgreSQL', () => cluster.stop())
  return cluster.url
}

export async function runPushLatency(o: PushLatencyOptions = defaultPushLatencyOptions): Promise<PushLatencyOutcome> {
  const outcome: PushLatencyOutcome = { runs: [], failures: [] }
  for (const target of o.targets) {
    try {
      outcome.runs.push(await runOne(target, o))
    } catch (error) {
      outcome.failures.push({ target, error: error instanceof Error ? error.message : String(error) })
    }
  }
  return outcome
}

export function pushLatencyOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): PushLatencyOptions {
  return {
    targets: env.BENCH_TARGETS ? (env.BENCH_TARGETS.split(',') as Target[]) : defaultPushLatencyOptions.targets,
    devices: env.BENCH_PUSH_DEVICES ? Number(env.BENCH_PUSH_DEVICES) : defaultPushLatencyOptions.devices,
    timeoutMs: defaultPushLatencyOptions.timeoutMs,
  }
}

export function printPushLatency(o: PushLatencyOutcome): string {
  const lines = ['| push, publish feedback -> decrypted at the stand-in | result |', '|---|---|']
  for (const r of o.runs) {
    lines.push(`| ${r.target}, ${r.devices.toLocaleString('en')} devices following one item | delivered ${r.delivered}/${r.devices} (faults ${r.faults}); per device p50 ${r.latencyMs.p50} ms, p95 ${r.latencyMs.p95} ms, max ${r.latencyMs.max} ms; all delivered after ${r.totalMs} ms (${r.deliveriesPerS}/s); the publish request itself ${r.publishMs} ms |`)
  }
  for (const f of o.failures) lines.push(`| ${f.target} | error: ${f.error.split('\n')[0]} |`)
  const table = lines.join('\n')
  console.log(table)
  return table
}

if (isMain(import.meta.url)) runAsScript(async () => printPushLatency(await runPushLatency(pushLatencyOptionsFromEnv())))
