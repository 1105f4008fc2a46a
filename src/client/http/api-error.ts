import type { ErrorBody, ErrorCode } from '../../shared/schemas/error'

/*
 * The API client's one error type, on its own so that code which only tells errors apart (the
 * outbox, the error texts) does not load the route table and its schemas with the first page.
 */

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
