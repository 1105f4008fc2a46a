import type { Feedback } from '../../src/shared/schemas/feedback'
import type { InboxEntry } from '../../src/shared/schemas/inbox'
import type { Item } from '../../src/shared/schemas/item'
import type { Municipality } from '../../src/shared/schemas/municipality'
import {
  MAX_BATCH_BYTES,
  MAX_BATCH_SUBMISSIONS,
  SubmissionBatchSchema,
  type Submission,
  type SubmissionResult,
} from '../../src/shared/schemas/submission'
import {
  CONSENT_VERSION,
  InterestBatchSchema,
  SignupBatchSchema,
  type Interest,
  type MySignup,
  type RegistrationResult,
  type SignupStatus,
  type TableSignup,
} from '../../src/shared/schemas/table'
import { findAnswerIssues } from '../../src/shared/validation/answers'

/**
 * An in-memory stand-in for the Meepraat API, implementing the contract's idempotent
 * `POST /api/submissions` (and the item feed) so client sync code can be tested against the
 * promise "stored exactly once", with faults injected at the worst moments.
 */

/** What goes wrong with one request. */
export type Fault =
  /** The connection drops before the server sees the request. */
  | { kind: 'drop-before' }
  /** The server stores the batch, then the connection drops before the answer arrives. */
  | { kind: 'drop-after' }
  /** The server stores the batch and then never answers (the page is reloaded meanwhile). */
  | { kind: 'hang-after-commit' }
  /** No answer at all until the client gives up (times out). */
  | { kind: 'hang' }
  /** A plain status with an optional body and headers (500, 429, 400 ...). */
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  /** A captive portal: 200 with an HTML login page. */
  | { kind: 'html'; status?: number }

/** What a batch holding a poison submission gets: a 500, or a connection that drops (a proxy). */
export type PoisonFault = 'status-500' | 'drop'

export type Route = 'submissions' | 'items' | 'inbox' | 'signups' | 'interests'

/** A sign-up or registration as the fake server holds it: the newest revision, with its status. */
export interface StoredRegistration {
  kind: 'signup' | 'interest'
  payload: TableSignup | Interest
  status: SignupStatus
}

export interface ReceivedBatch {
  ids: string[]
}

export const FAKE_BASE_URL = 'http://meepraat.test'

const JSON_HEADERS = { 'content-type': 'application/json' }

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...JSON_HEADERS, ...headers } })
}

function errorBody(code: string, message: string) {
  return { error: { code, message } }
}

function abortError(): DOMException {
  return new DOMException('The operation was aborted.', 'AbortError')
}

/** A promise that never settles unless the request is aborted, like a dead connection. */
function hangUntilAborted(signal: AbortSignal | null | undefined): Promise<Response> {
  return new Promise((_, reject) => {
    signal?.addEventListener('abort', () => reject(abortError()), { once: true })
  })
}

/** A valid open poll with one required single-choice question `q1` (options `a`, `b`). */
export function makeItem(overrides: Partial<Item> = {}): Item {
  return {
    id: crypto.randomUUID(),
    municipality: 'testdorp',
    kind: 'poll',
    title: 'Skatepark in het centrum?',
    summary: 'Wil jij een skatepark?',
    theme: 'jeugd',
    ladder: 'raadplegen',
    phase: 'beleidsvorming',
    opensAt: '2025-01-01T00:00:00.000Z',
    closesAt: '2030-01-01T00:00:00.000Z',
    feedbackDueAt: '2030-02-01T00:00:00.000Z',
    status: 'open',
    resultsVisibility: 'direct',
    questions: [
      {
        id: 'q1',
        type: 'single',
        label: 'Wat vind jij?',
        required: true,
        options: [
          { id: 'a', label: 'Ja' },
          { id: 'b', label: 'Nee' },
        ],
      },
    ],
    feedback: [],
    ...overrides,
  }
}

/** A table open for sign-up, with a full assignment. */
export function makeTableItem(overrides: Partial<Item> = {}): Item {
  return makeItem({
    kind: 'table',
    title: 'Tafel respijtzorg',
    questions: [],
    table: {
      assignment: {
        question: 'Hoe maken we respijtzorg makkelijker te vinden voor mantelzorgers?',
        meetings: [{ startsAt: '2030-03-01T18:00:00.000Z', place: 'Stadhuis, zaal 2', online: false, accessibility: 'Rolstoeltoegankelijk, ringleiding' }],
        startsAt: '2030-03-01T00:00:00.000Z',
        endsAt: '2030-05-01T00:00:00.000Z',
        adviceDueAt: '2030-05-15T00:00:00.000Z',
        allowance: { kind: 'amount', euros: 25, per: 'meeting' },
        hoursExpected: 12,
        seats: 10,
        reserved: { clientOrExpert: 3, youth: 2 },
        signupOpensAt: '2025-01-01T00:00:00.000Z',
        signupClosesAt: '2030-02-01T00:00:00.000Z',
        selectionMethod: 'lot',
      },
      signupOpen: true,
    },
    ...overrides,
  })
}

export function createFakeServer(options: { items?: Item[]; municipalities?: Municipality[] } = {}) {
  const items = new Map<string, { item: Item; version: number }>()
  let version = 0
  const stored = new Map<string, Submission>()
  /** Ids in the order the server accepted them: an id appearing twice would break the contract. */
  const acceptLog: string[] = []
  /** Every submissions batch the server actually received (a dropped-before request never arrives). */
  const receiveLog: ReceivedBatch[] = []
  const requests: Array<{ method: string; url: string; authorization?: string }> = []
  const faults: Record<Route, Fault[]> = { submissions: [], items: [], inbox: [], signups: [], interests: [] }
  const registrations = new Map<string, StoredRegistration>()
  /** `id@revision` in the order the server accepted them: the same pair twice would break the contract. */
  const registrationLog: string[] = []
  const guardianTokens = new Set<string>()
  /** Inbox entries with the sequence number that orders them; the cursor is the last number. */
  const inbox: Array<{ seq: number; entry: InboxEntry }> = []
  let inboxSeq = 0
  let beforeAnswer: (() => Promise<void>) | undefined
  let offline = false
  let poison: { matches: (submission: Submission) => boolean; fault: PoisonFault } | undefined

  function putItem(item: Item): void {
    version += 1
    items.set(item.id, { item, version })
  }
  for (const item of options.items ?? []) putItem(item)

  function judge(submission: Submission): SubmissionResult {
    if (stored.has(submission.id)) return { id: submission.id, status: 'duplicate' }
    const item = items.get(submission.itemId)?.item
    if (item === undefined) return { id: submission.id, status: 'rejected', reason: 'item_unknown' }
    if (item.status !== 'open') return { id: submission.id, status: 'rejected', reason: 'item_closed' }
    if (findAnswerIssues(item.questions, submission.answers).length > 0) {
      return { id: submission.id, status: 'rejected', reason: 'invalid_answers' }
    }
    stored.set(submission.id, submission)
    acceptLog.push(submission.id)
    return { id: submission.id, status: 'accepted' }
  }

  /** Validates and stores a batch; returns the response, or a refusal. */
  function ingest(body: string): Response | { results: SubmissionResult[] } {
    if (new TextEncoder().encode(body).length > MAX_BATCH_BYTES) {
      return json(errorBody('payload_too_large', 'Too large'), 413)
    }
    let raw: unknown
    try {
      raw = JSON.parse(body)
    } catch {
      return json(errorBody('bad_request', 'Bad JSON'), 400)
    }
    const count = (raw as { submissions?: unknown[] } | null)?.submissions?.length ?? 0
    if (count > MAX_BATCH_SUBMISSIONS) return json(errorBody('payload_too_large', 'Too many'), 413)
    const parsed = SubmissionBatchSchema.safeParse(raw)
    if (!parsed.success) return json(errorBody('bad_request', parsed.error.message), 400)
    receiveLog.push({ ids: parsed.data.submissions.map((s) => s.id) })
    // As a shared transaction did: one poison submission fails the whole request.
    if (poison !== undefined && parsed.data.submissions.some(poison.matches)) {
      if (poison.fault === 'drop') throw new TypeError('fetch failed')
      return json(errorBody('internal', 'Internal server error'), 500)
    }
    return { results: parsed.data.submissions.map(judge) }
  }

  async function postSubmissions(body: string, fault: Fault | undefined, signal?: AbortSignal | null) {
    if (fault?.kind === 'drop-before') throw new TypeError('fetch failed')
    if (fault?.kind === 'hang') return hangUntilAborted(signal)
    if (fault?.kind === 'status') return json(fault.body ?? errorBody('internal', 'Boom'), fault.status, fault.headers)
    if (fault?.kind === 'html') {
      return new Response('<html><body>Log in op het wifi</body></html>', {
        status: fault.status ?? 200,
        headers: { 'content-type': 'text/html' },
      })
    }
    const outcome = ingest(body)
    if (outcome instanceof Response) return outcome
    if (fault?.kind === 'drop-after') throw new TypeError('fetch failed')
    if (fault?.kind === 'hang-after-commit') return hangUntilAborted(signal)
    await beforeAnswer?.()
    return json(outcome)
  }

  /** The contract's rules for sign-ups and registrations: exactly once per id and revision. */
  function judgeRegistration(kind: 'signup' | 'interest', payload: TableSignup | Interest): RegistrationResult {
    const existing = registrations.get(payload.id)
    const reject = (reason: NonNullable<RegistrationResult['reason']>): RegistrationResult => ({ id: payload.id, status: 'rejected', reason })
    if (existing && existing.payload.deviceId !== payload.deviceId) return reject('not_yours')
    if (existing?.status === 'withdrawn') return reject('withdrawn')
    if (existing && payload.revision <= existing.payload.revision) return { id: payload.id, status: 'duplicate' }
    if (kind === 'signup') {
      const item = items.get((payload as TableSignup).itemId)?.item
      if (item === undefined) return reject('item_unknown')
      if (item.kind !== 'table' || item.table === undefined) return reject('not_a_table')
      if (!item.table.signupOpen) return reject('signup_closed')
    }
    if (payload.consentVersion !== CONSENT_VERSION) return reject('consent_outdated')
    const status: SignupStatus = existing?.status ?? (payload.ageBand === '<16' ? 'pending_guardian' : 'eligible')
    registrations.set(payload.id, { kind, payload, status })
    registrationLog.push(`${payload.id}@${payload.revision}`)
    return { id: payload.id, status: 'accepted' }
  }

  async function postRegistrations(kind: 'signup' | 'interest', body: string, fault: Fault | undefined) {
    if (fault?.kind === 'drop-before') throw new TypeError('fetch failed')
    if (fault?.kind === 'status') return json(fault.body ?? errorBody('internal', 'Boom'), fault.status, fault.headers)
    if (fault?.kind === 'html') return new Response('<html></html>', { status: fault.status ?? 200, headers: { 'content-type': 'text/html' } })
    let raw: unknown
    try {
      raw = JSON.parse(body)
    } catch {
      return json(errorBody('bad_request', 'Bad JSON'), 400)
    }
    const parsed = kind === 'signup' ? SignupBatchSchema.safeParse(raw) : InterestBatchSchema.safeParse(raw)
    if (!parsed.success) return json(errorBody('bad_request', parsed.error.message), 400)
    const list: Array<TableSignup | Interest> = 'signups' in parsed.data ? parsed.data.signups : parsed.data.interests
    receiveLog.push({ ids: list.map((r) => r.id) })
    const results = list.map((r) => judgeRegistration(kind, r))
    if (fault?.kind === 'drop-after') throw new TypeError('fetch failed')
    return json({ results })
  }

  function mySignups(deviceId: string): MySignup[] {
    return [...registrations.values()].flatMap((r) => {
      if (r.kind !== 'signup' || r.payload.deviceId !== deviceId) return []
      const s = r.payload as TableSignup
      const gone = r.status === 'withdrawn'
      return [{ id: s.id, itemId: s.itemId, status: r.status, revision: s.revision, name: gone ? null : s.name, contact: gone ? null : s.contact, ageBand: s.ageBand, area: s.area ?? null, roles: s.roles, consentVersion: s.consentVersion }]
    })
  }

  function withdraw(kind: 'signup' | 'interest', deviceId: string, id: string): Response {
    const found = registrations.get(id)
    if (!found || found.kind !== kind || found.payload.deviceId !== deviceId) return json(errorBody('not_found', 'Not found'), 404)
    found.status = 'withdrawn'
    return json({ ok: true })
  }

  /** Table news for a device's sign-up (selected, waiting list ...), as the server's inbox has it. */
  function publishTableNews(itemId: string, status: Extract<InboxEntry, { kind: 'table' }>['status'], at = new Date().toISOString()): InboxEntry {
    const entry: InboxEntry = { kind: 'table', id: `table:${itemId}:${status}:${inboxSeq + 1}`, itemId, itemTitle: items.get(itemId)?.item.title ?? '', at, status }
    inbox.push({ seq: ++inboxSeq, entry })
    return entry
  }

  function getItems(url: URL): Response {
    const municipality = url.searchParams.get('municipality')
    const since = url.searchParams.get('since')
    const after = since === null ? 0 : Number(since.replace(/^v/, ''))
    if (Number.isNaN(after)) return json(errorBody('bad_request', 'Bad cursor'), 400)
    const changed = [...items.values()].filter((e) => e.item.municipality === municipality && e.version > after)
    return json({ items: changed.map((e) => e.item), cursor: `v${version}` })
  }

  /** Publishes feedback on an item: every device that answered it finds it in its inbox. */
  function publishFeedback(itemId: string, feedback: Feedback): InboxEntry {
    const found = items.get(itemId)
    if (found) putItem({ ...found.item, feedback: [...found.item.feedback, feedback] })
    const entry: InboxEntry = { kind: 'feedback', id: `feedback:${feedback.id}`, itemId, itemTitle: found?.item.title ?? '', at: feedback.publishedAt, feedback }
    inbox.push({ seq: ++inboxSeq, entry })
    return entry
  }

  function getInbox(deviceId: string, url: URL): Response {
    const since = url.searchParams.get('since')
    if (since !== null && !/^[0-9]+$/.test(since)) return json(errorBody('bad_request', 'Bad cursor'), 400)
    const after = since === null ? 0 : Number(since)
    const answered = new Set([...stored.values()].filter((s) => s.deviceId === deviceId).map((s) => s.itemId))
    for (const signup of mySignups(deviceId)) answered.add(signup.itemId)
    const entries = inbox.filter((e) => e.seq > after && 'itemId' in e.entry && answered.has(e.entry.itemId)).map((e) => e.entry)
    return json({ entries, cursor: String(inboxSeq) })
  }

  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    if (init.signal?.aborted) throw abortError()
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url)
    const method = init.method ?? 'GET'
    const authorization = new Headers(init.headers).get('authorization') ?? undefined
    requests.push({ method, url: url.toString(), ...(authorization ? { authorization } : {}) })
    // The device routes take the id as `Authorization: Device <id>`, as the real server does.
    const deviceId = /^Device (\S+)$/.exec(authorization ?? '')?.[1] ?? ''
    if (offline) throw new TypeError('fetch failed')
    // Let the caller's other work interleave, as with a real network.
    await Promise.resolve()
    if (method === 'POST' && url.pathname === '/api/submissions') {
      return postSubmissions(typeof init.body === 'string' ? init.body : '', faults.submissions.shift(), init.signal)
    }
    if (method === 'POST' && url.pathname === '/api/table-signups') {
      return postRegistrations('signup', typeof init.body === 'string' ? init.body : '', faults.signups.shift())
    }
    if (method === 'POST' && url.pathname === '/api/interests') {
      return postRegistrations('interest', typeof init.body === 'string' ? init.body : '', faults.interests.shift())
    }
    if (method === 'GET' && url.pathname === '/api/me/signups') return json(mySignups(deviceId))
    const withdrawMatch = /^\/api\/me\/(signups|interests)\/([^/]+)\/withdraw$/.exec(url.pathname)
    if (method === 'POST' && withdrawMatch?.[2] !== undefined) {
      return withdraw(withdrawMatch[1] === 'signups' ? 'signup' : 'interest', deviceId, decodeURIComponent(withdrawMatch[2]))
    }
    if (method === 'POST' && url.pathname === '/api/guardian-confirmations') {
      const token = (JSON.parse(typeof init.body === 'string' ? init.body : '{}') as { token?: string }).token ?? ''
      if (!guardianTokens.delete(token)) return json(errorBody('guardian_link_invalid', 'This link is unknown, used already, or expired'), 404)
      return json({ ok: true })
    }
    if (method === 'GET' && url.pathname === '/api/items') {
      const fault = faults.items.shift()
      if (fault?.kind === 'drop-before') throw new TypeError('fetch failed')
      if (fault?.kind === 'hang') return hangUntilAborted(init.signal)
      if (fault?.kind === 'status') return json(fault.body ?? errorBody('internal', 'Boom'), fault.status)
      return getItems(url)
    }
    if (method === 'GET' && url.pathname === '/api/me/inbox') {
      const fault = faults.inbox.shift()
      if (fault?.kind === 'drop-before') throw new TypeError('fetch failed')
      if (fault?.kind === 'hang') return hangUntilAborted(init.signal)
      if (fault?.kind === 'status') return json(fault.body ?? errorBody('internal', 'Boom'), fault.status)
      return getInbox(deviceId, url)
    }
    if (method === 'GET' && url.pathname === '/api/municipalities') {
      return json(options.municipalities ?? [{ slug: 'testdorp', name: 'Testdorp' }])
    }
    const itemMatch = /^\/api\/items\/([^/]+)$/.exec(url.pathname)
    const found = itemMatch?.[1] === undefined ? undefined : items.get(itemMatch[1])
    if (found) return json(found.item)
    return json(errorBody('not_found', 'Not found'), 404)
  }

  return {
    fetch: fetch as typeof globalThis.fetch,
    baseUrl: FAKE_BASE_URL,
    stored,
    acceptLog,
    receiveLog,
    requests,
    putItem,
    publishFeedback,
    publishTableNews,
    registrations,
    registrationLog,
    guardianTokens,
    /** What an official's draw does to a sign-up. */
    setSignupStatus(id: string, status: SignupStatus): void {
      const found = registrations.get(id)
      if (found) found.status = status
    },
    /** Queues faults for the next requests to a route, one per request, in order. */
    failNext(route: Route, ...next: Fault[]): void {
      faults[route].push(...next)
    },
    /** While offline, every request fails before it leaves the phone, as `fetch` does without a network. */
    setOffline(value: boolean): void {
      offline = value
    },
    /**
     * Makes every submissions batch holding a matching submission fail as a whole (500, or a dropped
     * connection), as one bad value in a shared transaction did; `undefined` heals the server.
     */
    setPoison(matches: ((submission: Submission) => boolean) | undefined, fault: PoisonFault = 'status-500'): void {
      poison = matches === undefined ? undefined : { matches, fault }
    },
    /** Runs before each successful submissions answer is sent; lets a test hold answers back. */
    setBeforeAnswer(hook: (() => Promise<void>) | undefined): void {
      beforeAnswer = hook
    },
    /** How often the server received each id, across all batches. */
    receiveCounts(): Map<string, number> {
      const counts = new Map<string, number>()
      for (const batch of receiveLog) for (const id of batch.ids) counts.set(id, (counts.get(id) ?? 0) + 1)
      return counts
    },
  }
}

export type FakeServer = ReturnType<typeof createFakeServer>

/**
 * A clock whose time only moves when the test says so. Timers due at or before the new time fire
 * on `advance`, so backoff and timeouts are tested without real waiting.
 */
export function createFakeClock(start = Date.parse('2025-06-01T12:00:00.000Z')) {
  let now = start
  let nextId = 1
  const timers = new Map<number, { at: number; callback: () => void }>()
  return {
    now: () => now,
    setTimeout(callback: () => void, ms: number): unknown {
      const id = nextId++
      timers.set(id, { at: now + ms, callback })
      return id
    },
    clearTimeout(handle: unknown): void {
      timers.delete(handle as number)
    },
    /** Delays of the timers still waiting, from now. */
    pendingDelays(): number[] {
      return [...timers.values()].map((t) => t.at - now).sort((a, b) => a - b)
    },
    advance(ms: number): void {
      now += ms
      const due = [...timers.entries()].filter(([, t]) => t.at <= now).sort(([, a], [, b]) => a.at - b.at)
      for (const [id, timer] of due) {
        timers.delete(id)
        timer.callback()
      }
    },
  }
}

export type FakeClock = ReturnType<typeof createFakeClock>

/**
 * Lets IndexedDB (fake-indexeddb schedules with setImmediate) and promises run until `check`
 * holds. Counts event-loop turns, never wall-clock time.
 */
export async function until(check: () => boolean | Promise<boolean>, turns = 100_000): Promise<void> {
  for (let turn = 0; turn < turns; turn++) {
    if (await check()) return
    await new Promise((resolve) => setImmediate(resolve))
  }
  throw new Error('condition not reached')
}

/** An in-memory LockManager with the exclusive, `ifAvailable` behaviour of the Web Locks API. */
export function createFakeLockManager(): LockManager {
  const held = new Set<string>()
  const manager = {
    async request(name: string, _options: LockOptions, callback: (lock: Lock | null) => unknown) {
      if (held.has(name)) return callback(null)
      held.add(name)
      try {
        return await callback({ name, mode: 'exclusive' })
      } finally {
        held.delete(name)
      }
    },
  }
  return manager as unknown as LockManager
}
