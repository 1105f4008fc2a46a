import { z } from 'zod'
import { SlugSchema } from '../schemas/common'
import { CouncilMeetingSchema, MeetingInputSchema, MeetingListSchema, PublicMeetingListSchema } from '../schemas/council-meeting'
import { defineRoute } from './route'

const errors = { 400: ['bad_request'], 401: ['unauthorized'], 403: ['forbidden'], 404: ['not_found'] } as const
const Params = z.object({ id: z.uuid() })

/** The participation council's periodic meetings: council members and officials write them, everyone reads the published ones. */
export const councilMeetingRoutes = {
  public: defineRoute({
    method: 'GET', path: '/municipalities/:slug/meetings', summary: 'Published meetings of the participation council: coming first, then past, with agenda, documents, minutes and agreements', tag: 'public', access: 'public',
    params: z.object({ slug: SlugSchema }),
    responses: { 200: PublicMeetingListSchema }, errors: { 400: ['bad_request'], 404: ['not_found'] },
  }),
  list: defineRoute({
    method: 'GET', path: '/official/meetings', summary: 'All meetings of my municipality\'s council, drafts included', tag: 'official', access: 'member',
    responses: { 200: MeetingListSchema }, errors,
  }),
  create: defineRoute({
    method: 'POST', path: '/official/meetings', summary: 'Plan a meeting', tag: 'official', access: 'member',
    body: MeetingInputSchema,
    responses: { 201: CouncilMeetingSchema }, errors,
  }),
  update: defineRoute({
    method: 'PUT', path: '/official/meetings/:id', summary: 'Edit a meeting: agenda, documents, afterwards minutes and agreements', tag: 'official', access: 'member',
    params: Params, body: MeetingInputSchema,
    responses: { 200: CouncilMeetingSchema }, errors,
  }),
  publish: defineRoute({
    method: 'POST', path: '/official/meetings/:id/publish', summary: 'Publish a meeting (residents see it); publishing it again changes nothing', tag: 'official', access: 'member',
    params: Params, body: z.object({}).strict().optional(),
    responses: { 200: CouncilMeetingSchema }, errors,
  }),
} as const
