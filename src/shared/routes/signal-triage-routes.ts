import {
  SignalCommentRequestSchema,
  SignalCouncilDecisionSchema,
  SignalDetailSchema,
  SignalIdParamsSchema,
  SignalListQuerySchema,
  SignalListSchema,
  SignalModerationRequestSchema,
  SignalRedactionRequestSchema,
  SignalResponseRequestSchema,
  SignalStatusRequestSchema,
} from '../schemas/signal-triage'
import { defineRoute } from './route'

const base = { 400: ['bad_request'], 401: ['unauthorized'], 403: ['forbidden'], 404: ['not_found'] } as const
const statusErrors = {
  ...base,
  400: ['bad_request', 'signal_link_required', 'signal_response_required', 'signal_reason_required'],
  409: ['signal_status_not_allowed'],
} as const

/**
 * Triage of residents' signals in the back office, always within the caller's own municipality:
 * officials see every signal and moderate, move and answer it; participation council members
 * (`member` routes) read the published ones, comment, and decide on requests for a meeting.
 */
export const signalTriageRoutes = {
  list: defineRoute({
    method: 'GET', path: '/official/signals', summary: 'Signals of the municipality, filtered and sorted (council members: published ones only)', tag: 'official', access: 'member',
    query: SignalListQuerySchema,
    responses: { 200: SignalListSchema }, errors: { 400: ['bad_request'], 401: ['unauthorized'], 403: ['forbidden'] },
  }),
  get: defineRoute({
    method: 'GET', path: '/official/signals/:id', summary: 'One signal with its comments (council members: published ones only)', tag: 'official', access: 'member',
    params: SignalIdParamsSchema,
    responses: { 200: SignalDetailSchema }, errors: base,
  }),
  moderate: defineRoute({
    method: 'POST', path: '/official/signals/:id/moderation', summary: 'Publish a signal after the check, or hide it with a reason', tag: 'official', access: 'official',
    params: SignalIdParamsSchema, body: SignalModerationRequestSchema,
    responses: { 200: SignalDetailSchema }, errors: base,
  }),
  redact: defineRoute({
    method: 'POST', path: '/official/signals/:id/redact', summary: 'Replace personal data in the title or body by "[verwijderd]"; the original is not kept', tag: 'official', access: 'official',
    params: SignalIdParamsSchema, body: SignalRedactionRequestSchema,
    responses: { 200: SignalDetailSchema }, errors: { ...base, 409: ['redaction_outdated'] },
  }),
  status: defineRoute({
    method: 'POST', path: '/official/signals/:id/status', summary: 'Move a signal on: considering, on the agenda (with a link), answered (with a response) or not taken up (with a reason)', tag: 'official', access: 'official',
    params: SignalIdParamsSchema, body: SignalStatusRequestSchema,
    responses: { 200: SignalDetailSchema }, errors: statusErrors,
  }),
  respond: defineRoute({
    method: 'POST', path: '/official/signals/:id/response', summary: 'The written answer: answered, or not taken up with a reason; it reaches the resident\'s inbox', tag: 'official', access: 'official',
    params: SignalIdParamsSchema, body: SignalResponseRequestSchema,
    responses: { 200: SignalDetailSchema }, errors: statusErrors,
  }),
  councilDecision: defineRoute({
    method: 'POST', path: '/official/signals/:id/council-decision', summary: 'On a request for a council meeting: put it on a meeting\'s agenda, or not (with a reason)', tag: 'official', access: 'member',
    params: SignalIdParamsSchema, body: SignalCouncilDecisionSchema,
    responses: { 200: SignalDetailSchema }, errors: { ...statusErrors, 409: ['signal_status_not_allowed', 'signal_not_published', 'signal_not_meeting_request'] },
  }),
  comment: defineRoute({
    method: 'POST', path: '/official/signals/:id/comments', summary: 'Comment on a published signal (council members and officials)', tag: 'official', access: 'member',
    params: SignalIdParamsSchema, body: SignalCommentRequestSchema,
    responses: { 201: SignalDetailSchema }, errors: { ...base, 409: ['signal_not_published'] },
  }),
} as const
