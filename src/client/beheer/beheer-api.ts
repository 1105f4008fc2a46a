import { z } from 'zod'
import { AccountabilitySchema, type Accountability } from '../../shared/schemas/accountability'
import { ErrorBodySchema, type ErrorCode } from '../../shared/schemas/error'
import type { FeedbackInput } from '../../shared/schemas/feedback'
import { ItemInputSchema, TextAnswerPageSchema, type HideReason, type ItemInput, type TextAnswerPage } from '../../shared/schemas/input'
import { ManagedItemListSchema, ManagedItemSchema, type ItemDraft, type ManagedItem } from '../../shared/schemas/item-draft'
import { MeSchema, OfficialSchema, OkSchema, type Me, type Official, type OfficialRole } from '../../shared/schemas/official'
import { AuditEntrySchema, type AuditEntry } from '../../shared/schemas/audit'
import {
  DrawSummarySchema,
  InterestCountSchema,
  InviteResultSchema,
  OfficialSignupSchema,
  type Advice,
  type DrawSummary,
  type InterestCount,
  type InviteResult,
  type OfficialSignup,
  type TableAssignment,
} from '../../shared/schemas/table'

/**
 * A failed back-office request. `code` is the contract's error code (`unauthorized`,
 * `rate_limited`, `conflict`...), or `network` when no answer came, or `invalid_response` when
 * the answer did not match the shared schema.
 */
export class BeheerApiError extends Error {
  override readonly name = 'BeheerApiError'
  constructor(
    readonly code: ErrorCode | 'network' | 'invalid_response',
    message: string,
    readonly status?: number,
  ) {
    super(message)
  }
}

export interface BeheerApiOptions {
  /** The token from `Me`; sent as `x-csrf-token` on every change. */
  csrf: () => string | undefined
  /** Called when the session turned out to be gone (401), so the app can forget the official. */
  onUnauthorized?: () => void
  fetch?: typeof fetch
}

type Method = 'GET' | 'POST' | 'PUT'

export function createBeheerApi(options: BeheerApiOptions) {
  async function request<T>(method: Method, path: string, schema: z.ZodType<T>, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' }
    if (method !== 'GET') {
      headers['content-type'] = 'application/json'
      const token = options.csrf()
      if (token) headers['x-csrf-token'] = token
    }
    let response: Response
    try {
      // Looked up per call so tests can stub the global fetch after the API was made.
      const doFetch = options.fetch ?? globalThis.fetch
      response = await doFetch(path, {
        method,
        headers,
        credentials: 'same-origin',
        // Official data must never land in the HTTP cache of a shared computer.
        cache: 'no-store',
        body: method === 'GET' ? undefined : JSON.stringify(body ?? {}),
      })
    } catch (error) {
      throw new BeheerApiError('network', error instanceof Error ? error.message : 'network error')
    }
    const json: unknown = await response.json().catch(() => undefined)
    if (!response.ok) {
      const parsed = ErrorBodySchema.safeParse(json)
      const code = parsed.success ? parsed.data.error.code : response.status === 429 ? 'rate_limited' : 'internal'
      const error = new BeheerApiError(code, parsed.success ? parsed.data.error.message : `HTTP ${response.status}`, response.status)
      if (response.status === 401 && path !== '/api/auth/login') options.onUnauthorized?.()
      throw error
    }
    const parsed = schema.safeParse(json)
    if (!parsed.success) throw new BeheerApiError('invalid_response', parsed.error.message, response.status)
    return parsed.data
  }

  const item = (id: string) => `/api/official/items/${encodeURIComponent(id)}`

  return {
    login: (email: string, password: string): Promise<Me> => request('POST', '/api/auth/login', MeSchema, { email, password }),
    logout: () => request('POST', '/api/auth/logout', OkSchema),
    me: (): Promise<Me> => request('GET', '/api/auth/me', MeSchema),

    listItems: async (): Promise<ManagedItem[]> => (await request('GET', '/api/official/items', ManagedItemListSchema)).items,
    getItem: (id: string): Promise<ManagedItem> => request('GET', item(id), ManagedItemSchema),
    createItem: (draft: ItemDraft): Promise<ManagedItem> => request('POST', '/api/official/items', ManagedItemSchema, draft),
    updateItem: (id: string, draft: ItemDraft): Promise<ManagedItem> => request('PUT', item(id), ManagedItemSchema, draft),
    publishItem: (id: string): Promise<ManagedItem> => request('POST', `${item(id)}/publish`, ManagedItemSchema),
    closeItem: (id: string): Promise<ManagedItem> => request('POST', `${item(id)}/close`, ManagedItemSchema),

    getInput: (id: string): Promise<ItemInput> => request('GET', `${item(id)}/input`, ItemInputSchema),
    getTextAnswers(id: string, query: { question?: string; search?: string; page: number; pageSize: number }): Promise<TextAnswerPage> {
      const params = new URLSearchParams({ page: String(query.page), pageSize: String(query.pageSize) })
      if (query.question) params.set('question', query.question)
      if (query.search) params.set('search', query.search)
      return request('GET', `${item(id)}/answers?${params}`, TextAnswerPageSchema)
    },
    hideAnswer: (id: string, submissionId: string, reason: HideReason) =>
      request('POST', `${item(id)}/answers/${encodeURIComponent(submissionId)}/hide`, OkSchema, { reason }),
    unhideAnswer: (id: string, submissionId: string) => request('POST', `${item(id)}/answers/${encodeURIComponent(submissionId)}/unhide`, OkSchema),
    /** A plain link target: the browser downloads it with the session cookie. */
    exportUrl: (id: string, format: 'csv' | 'json'): string => `${item(id)}/export?format=${format}`,

    publishFeedback: (id: string, entry: FeedbackInput): Promise<ManagedItem> =>
      request('POST', `/api/items/${encodeURIComponent(id)}/feedback`, ManagedItemSchema, entry),
    correctFeedback: (id: string, feedbackId: string, entry: FeedbackInput): Promise<ManagedItem> =>
      request('POST', `/api/items/${encodeURIComponent(id)}/feedback/${encodeURIComponent(feedbackId)}/correction`, ManagedItemSchema, entry),
    putAssignment: (id: string, assignment: TableAssignment): Promise<ManagedItem> => request('PUT', `${item(id)}/table`, ManagedItemSchema, { assignment }),
    getSignups: (id: string): Promise<OfficialSignup[]> => request('GET', `${item(id)}/signups`, z.array(OfficialSignupSchema)),
    runDraw: (id: string): Promise<DrawSummary> => request('POST', `${item(id)}/draw`, DrawSummarySchema, {}),
    publishAdvice: (id: string, advice: Advice): Promise<ManagedItem> => request('POST', `${item(id)}/advice`, ManagedItemSchema, advice),
    inviteInterested: (id: string): Promise<InviteResult> => request('POST', `${item(id)}/invite-interested`, InviteResultSchema, {}),
    interests: (): Promise<InterestCount[]> => request('GET', '/api/official/interests', z.array(InterestCountSchema)),
    /** The public draw record (JSON), a plain link anyone may download and check. */
    drawRecordUrl: (id: string): string => `/api/items/${encodeURIComponent(id)}/draw`,
    accountability: (): Promise<Accountability> => request('GET', '/api/official/accountability', AccountabilitySchema),

    listOfficials: (): Promise<Official[]> => request('GET', '/api/official/officials', z.array(OfficialSchema)),
    createOfficial: (input: { email: string; password: string; role: OfficialRole }) => request('POST', '/api/official/officials', OkSchema, input),
    disableOfficial: (id: string) => request('POST', `/api/official/officials/${encodeURIComponent(id)}/disable`, OkSchema),
    audit: (): Promise<AuditEntry[]> => request('GET', '/api/official/audit', z.array(AuditEntrySchema)),
  }
}

export type BeheerApi = ReturnType<typeof createBeheerApi>
