/**
 * Simulated residents' devices for the scale-out test: each device posts its answers in batches
 * and retries a batch exactly like the PWA's sync engine does (same submission ids again) on a
 * network error, a 5xx, or a 404/405/408/429; a 200 makes every result final.
 */
import type { Question } from '../../src/shared/schemas/question'
import type { Submission } from '../../src/shared/schemas/submission'

export type FinalStatus = 'accepted' | 'duplicate' | 'rejected'

/** A seeded PRNG (mulberry32): the same fleet on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Answers valid for the factories' poll questions (single q1, multiple q2 max 2, scale q3, text q4). */
export function randomPollAnswers(random: () => number): Submission['answers'] {
  const answers: Submission['answers'] = { q1: random() < 0.6 ? 'ja' : 'nee' }
  const r = random()
  if (r < 0.3) answers.q2 = ['a']
  else if (r < 0.5) answers.q2 = ['b', 'c']
  if (random() < 0.7) answers.q3 = 1 + Math.floor(random() * 5)
  if (random() < 0.2) answers.q4 = 'iets'
  return answers
}

export interface FleetLog {
  /** Every final status each submission id got, in order (a retry of a stored id adds `duplicate`). */
  statuses: Map<string, FinalStatus[]>
  /** Submissions with a final status (accepted, duplicate or rejected) so far. */
  finished: number
  requests: number
  retries: number
  /** Why batches were retried: `network` or the HTTP status. */
  retryReasons: Map<string, number>
  /** Responses per backend (HAProxy's `x-backend` header). */
  backends: Map<string, number>
}

export function newFleetLog(): FleetLog {
  return { statuses: new Map(), finished: 0, requests: 0, retries: 0, retryReasons: new Map(), backends: new Map() }
}

const RETRY_STATUSES = new Set([404, 405, 408, 429])
const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1)

/**
 * Posts `batches` one after the other, each until it has final results; gives up after
 * `deadline` (ms epoch). `gate` is awaited before each batch: the test holds the fleet with it.
 */
export async function runDevice(url: string, batches: Submission[][], log: FleetLog, deadline: number, gate: () => Promise<void> = async () => undefined): Promise<void> {
  for (const batch of batches) {
    await gate()
    const body = JSON.stringify({ submissions: batch })
    for (let attempt = 0; ; attempt++) {
      if (Date.now() > deadline) throw new Error(`device gave up: batch ${batch[0]?.id} still not stored after ${attempt} attempts`)
      let reason: string
      try {
        log.requests += 1
        const res = await fetch(`${url}/api/submissions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
        const backend = res.headers.get('x-backend')
        if (backend) bump(log.backends, backend)
        if (res.status === 200) {
          const { results } = (await res.json()) as { results: { id: string; status: FinalStatus }[] }
          for (const r of results) {
            const seen = log.statuses.get(r.id) ?? []
            if (seen.length === 0) log.finished += 1
            seen.push(r.status)
            log.statuses.set(r.id, seen)
          }
          break
        }
        await res.arrayBuffer()
        if (res.status < 500 && !RETRY_STATUSES.has(res.status)) throw new Error(`batch refused as a whole: ${res.status}`)
        reason = String(res.status)
      } catch (error) {
        if (error instanceof Error && error.message.startsWith('batch refused')) throw error
        reason = 'network'
      }
      log.retries += 1
      bump(log.retryReasons, reason)
      // Backoff with jitter, short: the test wants many retries while a process is down.
      await new Promise((resolve) => setTimeout(resolve, Math.min(500, 25 * 2 ** Math.min(attempt, 5)) * (0.5 + Math.random())))
    }
  }
}

export interface PlannedSubmission {
  submission: Submission
  /** Position in the device's own sequence: a later one replaces an earlier one on the same item. */
  sequence: number
}

/** `devices` x `perDevice` submissions over `itemIds`, answeredAt one second apart per device. */
export function planFleet(itemIds: string[], devices: number, perDevice: number, batchSize: number, start: Date, seed = 16): { deviceId: string; batches: Submission[][] }[] {
  const random = prng(seed)
  return Array.from({ length: devices }, (_, d) => {
    const deviceId = `scale-device-${String(d).padStart(3, '0')}-${crypto.randomUUID().replace(/-/g, '')}`
    const all: Submission[] = Array.from({ length: perDevice }, (_, i) => ({
      id: crypto.randomUUID(),
      itemId: itemIds[Math.floor(random() * itemIds.length)]!,
      deviceId,
      answeredAt: new Date(start.getTime() + i * 1000).toISOString(),
      answers: randomPollAnswers(random),
    }))
    const batches: Submission[][] = []
    for (let i = 0; i < all.length; i += batchSize) batches.push(all.slice(i, i + batchSize))
    return { deviceId, batches }
  })
}

/** The tallies the fleet's answers must produce: per item, the device's last answer counts. */
export function expectedTallies(fleet: { deviceId: string; batches: Submission[][] }[], questions: readonly Question[], countKeys: (q: readonly Question[], a: Submission['answers']) => { questionId: string; valueKey: string }[]): Map<string, number> {
  const last = new Map<string, Submission>()
  for (const device of fleet) for (const s of device.batches.flat()) last.set(`${s.itemId}|${s.deviceId}`, s)
  const tallies = new Map<string, number>()
  for (const s of last.values()) {
    for (const k of [{ questionId: '', valueKey: '' }, ...countKeys(questions, s.answers)]) {
      const key = `${s.itemId}|${k.questionId}|${k.valueKey}`
      tallies.set(key, (tallies.get(key) ?? 0) + 1)
    }
  }
  return tallies
}
