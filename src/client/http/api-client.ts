import { fillPath, type RouteBodyInput, type RouteDefinition, type RouteParamsInput, type RouteQueryInput, type RouteResult } from '../../shared/routes/route'
import { ErrorBodySchema, type ErrorBody, type ErrorCode } from '../../shared/schemas/error'

/**
 * The one HTTP client of both apps: calls a route of the shared route table, parses the answer
 * with the route's own schema, gives up after a timeout, and fails with one error type.
 */

/** Where the clients reach the API (the alias of `/api/v1`, which the fake servers in tests speak too). */
export const CLIENT_API_PREFIX = '/api'

/**
 * What went wrong, in the terms callers act on:
 * - `network`: no answer at all (offline, dropped, timed out): retry later.
 * - `server`: an answer, but not a usable one (5xx, 408, 429, HTML from a captive portal, a body
 *   that fails the schema): retry later.
 * - `refused`: our API said no with a 4xx problem body: retrying the same request will not help.
 */
export type ApiErrorKind = 'network' | 'server' | 'refused'

/**
 * The problem's `code` when the API sent one; otherwise `network` (no answer), `invalid_response`
 * (a success that broke the contract), or what the status means (`rate_limited`, `internal`).
 */
export type ApiErrorCode = ErrorCode | 'network' | 'invalid_response'

export class ApiError extends Error {
  override readonly name = 'ApiError'
  readonly kind: ApiErrorKind
  readonly status: number | undefined
  readonly code: ApiErrorCode | undefined
  /** The problem+json body as the API sent it, when it sent one. */
  readonly problem: ErrorBody | undefined
  /** The server's `Retry-After`, in ms, when it sent one (429, 503). */
  readonly retryAfterMs: number | undefined
  /** A `network` error because no answer came within the timeout (not a refused connection). */
  readonly timedOut: boolean

  constructor(
    kind: ApiErrorKind,
    message: string,
    details: { status?: number; code?: ApiErrorCode; problem?: ErrorBody; retryAfterMs?: number; timedOut?: boolean; cause?: unknown } = {},
  ) {
    super(message, { cause: details.cause })
    this.kind = kind
    this.status = details.status
    this.code = details.code ?? (kind === 'network' ? 'network' : undefined)
    this.problem = details.problem
    this.retryAfterMs = details.retryAfterMs
    this.timedOut = details.timedOut ?? false
  }

  /** Whether the same request may succeed later. */
  get retryable(): boolean {
    return this.kind !== 'refused'
  }
}

/** Timers for the timeout, injectable so tests can fire it without waiting; without them AbortSignal.timeout runs it. */
export interface ApiTimers {
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export interface HttpClientOptions {
  /** Origin the API lives on; empty means the page's own origin (the app and API share a port). */
  baseUrl?: string
  /** Looked up per call when absent, so tests can stub the global fetch after the client was made. */
  fetch?: typeof fetch
  /** Give up on a request after this long: a phone on a dying connection can hang for minutes. */
  timeoutMs: number
  timers?: ApiTimers
  /** Headers for one call (the CSRF token on changes, say). */
  headers?: (route: RouteDefinition) => Record<string, string | undefined>
  /** Fetch settings every call shares (credentials, cache). */
  init?: RequestInit
  /** Sees every error before it is thrown (the back office forgets a lapsed session here). */
  onError?: (error: ApiError, route: RouteDefinition) => void
}

/** What a call sends: the route's params, query and body, typed from its declaration. */
export type CallInput<R extends RouteDefinition> = (R['params'] extends object ? { params: RouteParamsInput<R> } : { params?: undefined }) &
  (R['query'] extends object ? { query?: RouteQueryInput<R> } : { query?: undefined }) &
  (R['body'] extends object ? { body?: RouteBodyInput<R> } : { body?: undefined }) & {
    /** Per-call fetch settings, e.g. `cache: 'no-store'` for answers that hold a secret. */
    init?: RequestInit
    /** A body sent as it is (an uploaded file) instead of JSON, with its media type. */
    raw?: { contentType: string; data: Blob | ArrayBuffer }
  }

export interface HttpClient {
  call<R extends RouteDefinition>(route: R, input?: CallInput<R>): Promise<RouteResult<R>>
  /** The address of a route, for plain links (downloads). */
  url<R extends RouteDefinition>(route: R, input?: Pick<CallInput<R>, 'params' | 'query'>): string
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
 * Classifies a non-2xx answer. A 4xx counts as `refused` only when it carries our API's problem
 * body: a 4xx HTML page comes from something in between (proxy, captive portal, a deploy in
 * progress), and giving up on a request because of it would strand it for good.
 */
export function errorForAnswer(status: number, text: string, retryAfter: string | null): ApiError {
  const retryAfterMs = parseRetryAfter(retryAfter)
  const json = parseJson(text)
  const body = json.ok ? ErrorBodySchema.safeParse(json.value) : undefined
  const problem = body?.success ? body.data : undefined
  const code: ApiErrorCode = problem?.error.code ?? (status === 429 ? 'rate_limited' : 'internal')
  // 408 and 429 are about timing, never about what was sent.
  if (status === 408 || status === 429 || status >= 500 || status < 400) {
    return new ApiError('server', problem?.error.message ?? `Server answered ${status}`, { status, code, problem, retryAfterMs })
  }
  if (!problem) return new ApiError('server', `Answer ${status} did not come from the API`, { status, code, retryAfterMs })
  return new ApiError('refused', problem.error.message, { status, code, problem })
}

function queryString(query: Record<string, unknown> | undefined): string {
  if (!query) return ''
  const search = new URLSearchParams()
  for (const [name, value] of Object.entries(query)) if (value !== undefined) search.set(name, String(value))
  const text = search.toString()
  return text ? `?${text}` : ''
}

/** A signal that aborts after `ms`, and whether it was the timeout that fired. */
function timeoutSignal(ms: number, timers: ApiTimers | undefined): { signal: AbortSignal; timedOut: () => boolean; done: () => void } {
  if (!timers) {
    const signal = AbortSignal.timeout(ms)
    return { signal, timedOut: () => signal.aborted, done: () => {} }
  }
  const controller = new AbortController()
  let fired = false
  const handle = timers.setTimeout(() => {
    fired = true
    controller.abort(new DOMException(`No answer within ${ms} ms`, 'TimeoutError'))
  }, ms)
  return { signal: controller.signal, timedOut: () => fired, done: () => timers.clearTimeout(handle) }
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const baseUrl = (options.baseUrl ?? '').replace(/\/+$/, '')

  function url(route: RouteDefinition, input?: { params?: unknown; query?: unknown }): string {
    const params = input?.params as Record<string, string | number> | undefined
    return `${baseUrl}${CLIENT_API_PREFIX}${fillPath(route.path, params)}${queryString(input?.query as Record<string, unknown> | undefined)}`
  }

  async function send<R extends RouteDefinition>(route: R, input: CallInput<R> | undefined): Promise<RouteResult<R>> {
    const headers: Record<string, string> = { accept: 'application/json' }
    for (const [name, value] of Object.entries(options.headers?.(route) ?? {})) if (value !== undefined) headers[name] = value
    // A call's own headers (a device's `Authorization`) join the client's.
    new Headers(input?.init?.headers).forEach((value, name) => {
      headers[name] = value
    })
    const init: RequestInit = { ...options.init, ...input?.init, method: route.method, headers }
    if (input?.raw) {
      headers['content-type'] = input.raw.contentType
      init.body = input.raw.data
    } else if (route.method !== 'GET') {
      headers['content-type'] = 'application/json'
      init.body = JSON.stringify(input?.body ?? {})
    }
    const timeout = timeoutSignal(options.timeoutMs, options.timers)
    try {
      let response: Response
      let text: string
      try {
        const doFetch = options.fetch ?? globalThis.fetch
        response = await doFetch(url(route, input), { ...init, signal: timeout.signal })
        // Reading the body is still network: the connection can drop halfway through it.
        text = await response.text()
      } catch (cause) {
        const timedOut = timeout.timedOut()
        throw new ApiError('network', timedOut ? `No answer within ${options.timeoutMs} ms` : 'Network request failed', { cause, timedOut })
      }
      if (!response.ok) throw errorForAnswer(response.status, text, response.headers.get('retry-after'))
      const json = parseJson(text)
      if (!json.ok) throw new ApiError('server', 'Answer was not JSON', { status: response.status, code: 'invalid_response' })
      const schema = route.responses[response.status as keyof typeof route.responses] ?? Object.values(route.responses)[0]
      const parsed = schema ? schema.safeParse(json.value) : { success: true as const, data: json.value }
      if (!parsed.success) {
        throw new ApiError('server', 'Answer did not match the contract', { status: response.status, code: 'invalid_response', cause: parsed.error })
      }
      return parsed.data as RouteResult<R>
    } finally {
      timeout.done()
    }
  }

  return {
    url,
    async call(route, input) {
      try {
        return await send(route, input)
      } catch (error) {
        if (error instanceof ApiError) options.onError?.(error, route)
        throw error
      }
    },
  }
}
