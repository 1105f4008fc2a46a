import { z } from 'zod'
import { AdviceDraftSchema, AdviceListSchema, AdviceResponseInputSchema, ApproachProposalInputSchema, ApproachProposalListSchema, ApproachProposalSchema, CouncilAdviceSchema } from '../schemas/advice'
import { SlugSchema } from '../schemas/common'
import { defineRoute } from './route'

const errors = { 400: ['bad_request'], 401: ['unauthorized'], 403: ['forbidden'], 404: ['not_found'] } as const
const Params = z.object({ id: z.uuid() })

/**
 * Advice of the participation council: council members write and submit it, officials answer it
 * per recommendation, everyone reads submitted advice with its answer and due date.
 */
export const adviceRoutes = {
  public: defineRoute({
    method: 'GET', path: '/municipalities/:slug/advice', summary: 'Submitted advice of the participation council (asked and unasked) with the response and its due date', tag: 'public', access: 'public',
    params: z.object({ slug: SlugSchema }),
    responses: { 200: AdviceListSchema }, errors: { 400: ['bad_request'], 404: ['not_found'] },
  }),
  list: defineRoute({
    method: 'GET', path: '/official/advice', summary: 'Advice of my municipality (council members also see their drafts)', tag: 'official', access: 'member',
    responses: { 200: AdviceListSchema }, errors,
  }),
  create: defineRoute({
    method: 'POST', path: '/official/advice', summary: 'Start a draft advice (council members)', tag: 'official', access: 'council',
    body: AdviceDraftSchema,
    responses: { 201: CouncilAdviceSchema }, errors,
  }),
  update: defineRoute({
    method: 'PUT', path: '/official/advice/:id', summary: 'Edit a draft advice (council members)', tag: 'official', access: 'council',
    params: Params, body: AdviceDraftSchema,
    responses: { 200: CouncilAdviceSchema }, errors: { ...errors, 409: ['advice_not_draft'] },
  }),
  submit: defineRoute({
    method: 'POST', path: '/official/advice/:id/submit', summary: 'Submit a draft advice: it becomes public and the response is due', tag: 'official', access: 'council',
    params: Params, body: z.object({}).strict().optional(),
    responses: { 200: CouncilAdviceSchema }, errors: { ...errors, 409: ['advice_not_draft'] },
  }),
  respond: defineRoute({
    method: 'POST', path: '/official/advice/:id/response', summary: 'Answer a submitted advice: a summary and a decision per recommendation', tag: 'official', access: 'official',
    params: Params, body: AdviceResponseInputSchema,
    responses: { 200: CouncilAdviceSchema }, errors: { ...errors, 409: ['advice_not_awaiting_response', 'advice_response_incomplete'] },
  }),
  approachProposals: defineRoute({
    method: 'GET', path: '/official/agenda-entries/:id/approach-proposals', summary: 'The council\'s proposals for how to involve residents in an agenda entry', tag: 'official', access: 'member',
    params: Params,
    responses: { 200: ApproachProposalListSchema }, errors,
  }),
  proposeApproach: defineRoute({
    method: 'POST', path: '/official/agenda-entries/:id/approach-proposals', summary: 'Propose forms, ladder step and whom to reach for an agenda entry (council members)', tag: 'official', access: 'council',
    params: Params, body: ApproachProposalInputSchema,
    responses: { 201: ApproachProposalSchema }, errors,
  }),
} as const
