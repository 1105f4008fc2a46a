import { z } from 'zod'
import { FeedbackFiguresSchema, type FeedbackFigures } from '../../shared/schemas/accountability'
import { ErrorBodySchema, type ErrorCode } from '../../shared/schemas/error'
import { InboxSchema, type Inbox } from '../../shared/schemas/inbox'
import { ItemListSchema, ItemSchema, type Item, type ItemList } from '../../shared/schemas/item'
import { MunicipalityListSchema, type Municipality } from '../../shared/schemas/municipality'
import { ResultsSchema, type Results } from '../../shared/schemas/results'
import {
  SubmissionBatchResultSchema,
  type SubmissionBatch,
  type SubmissionBatchResult,
} from '../../shared/schemas/submission'
import { OkSchema } from '../../shared/schemas/official'
import {
  MySignupSchema,
  RegistrationBatchResultSchema,
  type Interest,
  type MySignup,
  type TableSignup,
} from '../../shared/schemas/table'

type RegistrationBatchResult = z.infer<typeof RegistrationBatchResultSchema>

/**
 * What went wrong, in the terms the sync engine acts on:
 * - `network`: no answer at all (offline, dropped, timed out): retry later.
 * - `server`: an answer, but not a usable one (5xx, 408, 429, HTML from a captive portal, a body
 *   that fails the schema): retry later.
 * - `refused`: our API said no with a 4xx error body: retrying the same request will not help.
 */
export type ApiErrorKind = 'network' | 'server' | 'refused'

export class ApiError extends Error {
  override readonly name = 'ApiError'
  readonly kind: ApiErrorKind
  readonly status: number | undefined
  /** The contract's error code, when the server sent a proper error body. */
  readonly code: ErrorCode | undefined
  /** The server's `Retry-After`, in ms, when it sent one (429, 503). */
  readonly retryAfterMs: number | undefined
  /** A `network` error because no answer came within the timeout (not a refused connection). */
  readonly timedOut: boolean

  constructor(
    kind: ApiErrorKind,
    message: string,
    details: { status?: number; code?: ErrorCode; retryAfterMs?: number; timedOut?: boolean; cause?: unknown } = {},
  ) {
    super(message, { cause: details.cause })
    this.kind = kind
    this.status = details.status
    this.code = details.code
    this.retryAfterMs = details.retryAfterMs
    this.timedOut = details.timedOut ?? false
  }

  /** Whether the same request may succeed later. */
  get retryable(): boolean {
    return this.kind !== 'refused'
  }
}

/** Timers the request timeout runs on; injectable so tests can fire a timeout without waiting. */
export interface ApiTimers {
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export interface ApiOptions {
  /** Origin the API lives on; empty means the page's own origin (the app and API share a port). */
  baseUrl?: string
  fetch?: typeof fetch
  /** Give up on a request after this long: a phone on a dying connection can hang for minutes. */
  timeoutMs?: number
  timers?: ApiTimers
}

/** The typed face of the HTTP API; every answer is parsed with the shared schemas. */
export interface Api {
  getMunicipalities(): Promise<Municipality[]>
  getItems(municipality: string, since?: string): Promise<ItemList>
  getItem(id: string): Promise<Item>
  getResults(id: string): Promise<Results>
  postSubmissions(batch: SubmissionBatch): Promise<SubmissionBatchResult>
  /** Feedback and closings on items this device answered, after `since`. */
  getInbox(deviceId: string, since?: string): Promise<Inbox>
  /** How often and how fast a municipality's residents heard back ("Jij zei, wij deden"). */
  getFeedbackFigures(municipality: string): Promise<FeedbackFigures>
  /** Table sign-ups, exactly once per id (a change is the same id with a higher revision). */
  postSignups(batch: { signups: TableSignup[] }): Promise<RegistrationBatchResult>
  /** "Benader mij" registrations, same rules as sign-ups. */
  postInterests(batch: { interests: Interest[] }): Promise<RegistrationBatchResult>
  /** The sign-ups this device made, with the server's status (selected, waiting list ...). */
  getMySignups(deviceId: string): Promise<MySignup[]>
  /** Withdraws a sign-up; the server deletes the contact details at once. Needs the network. */
  withdrawSignup(deviceId: string, id: string): Promise<void>
  /** Leaves the interest network; the server deletes the contact details. Needs the network. */
  withdrawInterest(deviceId: string, id: string): Promise<void>
  /** A parent or guardian says yes to an under-16 registration, with the token from their e-mail. */
  confirmGuardian(token: string): Promise<void>
}

export const DEFAULT_TIMEOUT_MS = 15_000

const systemTimers: ApiTimers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
}

function parseRetryAfter(header: string | null): number | undefined {
  if (header === null) return undefined
  const seconds = Number(header)
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000
  const at = Date.parse(header)
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now())
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch {
    return { ok: false }
  }
}

/**
 * Classifies a non-2xx answer. A 4xx counts as `refused` only when it carries our API's error
 * body: a 4xx HTML page comes from something in between (proxy, captive portal, a deploy in
 * progress), and parking answers because of it would strand them for good.
 */
function errorFor(response: Response, text: string): ApiError {
  const { status } = response
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'))
  const json = parseJson(text)
  const body = json.ok ? ErrorBodySchema.safeParse(json.value) : undefined
  const code = body?.success ? body.data.error.code : undefined
  // 408 and 429 are about timing, never about what was sent.
  if (status === 408 || status === 429 || status >= 500 || status < 400) {
    return new ApiError('server', `Server answered ${status}`, { status, code, retryAfterMs })
  }
  if (code === undefined) {
    return new ApiError('server', `Answer ${status} did not come from the API`, { status, retryAfterMs })
  }
  const message = body?.success ? body.data.error.message : `Refused with ${status}`
  return new ApiError('refused', message, { status, code })
}

/** Builds the API client. Tests pass a fake `fetch` and timers; the app uses the defaults. */
export function createApi(options: ApiOptions = {}): Api {
  const baseUrl = (options.baseUrl ?? '').replace(/\/+$/, '')
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init))
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const timers = options.timers ?? systemTimers

  async function request<T>(path: string, schema: z.ZodType<T>, init: RequestInit = {}): Promise<T> {
    const controller = new AbortController()
    let timedOut = false
    const timer = timers.setTimeout(() => {
      timedOut = true
      controller.abort()
    }, timeoutMs)
    try {
      let response: Response
      let text: string
      try {
        response = await doFetch(`${baseUrl}${path}`, { ...init, signal: controller.signal })
        // Reading the body is still network: the connection can drop halfway through it.
        text = await response.text()
      } catch (cause) {
        const message = timedOut ? `No answer within ${timeoutMs} ms` : 'Network request failed'
        throw new ApiError('network', message, { cause, timedOut })
      }
      if (!response.ok) throw errorFor(response, text)
      const json = parseJson(text)
      if (!json.ok) throw new ApiError('server', 'Answer was not JSON', { status: response.status })
      const parsed = schema.safeParse(json.value)
      if (!parsed.success) {
        throw new ApiError('server', 'Answer did not match the contract', { status: response.status, cause: parsed.error })
      }
      return parsed.data
    } finally {
      timers.clearTimeout(timer)
    }
  }

  const enc = encodeURIComponent
  const post = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  return {
    getMunicipalities: () => request('/api/municipalities', MunicipalityListSchema),
    getItems(municipality, since) {
      const query = new URLSearchParams({ municipality })
      if (since !== undefined) query.set('since', since)
      return request(`/api/items?${query.toString()}`, ItemListSchema)
    },
    getItem: (id) => request(`/api/items/${enc(id)}`, ItemSchema),
    getResults: (id) => request(`/api/items/${enc(id)}/results`, ResultsSchema),
    postSubmissions: (batch) =>
      request('/api/submissions', SubmissionBatchResultSchema, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(batch),
      }),
    getInbox(deviceId, since) {
      const query = since === undefined ? '' : `?${new URLSearchParams({ since }).toString()}`
      // The device id is a secret: never cached (the server says no-store too).
      return request(`/api/devices/${enc(deviceId)}/inbox${query}`, InboxSchema, { cache: 'no-store' })
    },
    getFeedbackFigures: (municipality) => request(`/api/municipalities/${enc(municipality)}/feedback-figures`, FeedbackFiguresSchema),
    postSignups: (batch) => request('/api/table-signups', RegistrationBatchResultSchema, post(batch)),
    postInterests: (batch) => request('/api/interests', RegistrationBatchResultSchema, post(batch)),
    getMySignups: (deviceId) => request(`/api/devices/${enc(deviceId)}/signups`, z.array(MySignupSchema), { cache: 'no-store' }),
    async withdrawSignup(deviceId, id) {
      await request(`/api/devices/${enc(deviceId)}/signups/${enc(id)}/withdraw`, OkSchema, post({}))
    },
    async withdrawInterest(deviceId, id) {
      await request(`/api/devices/${enc(deviceId)}/interests/${enc(id)}/withdraw`, OkSchema, post({}))
    },
    async confirmGuardian(token) {
      await request('/api/guardian-confirmations', OkSchema, post({ token }))
    },
  }
}
