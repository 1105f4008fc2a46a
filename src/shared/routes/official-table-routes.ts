import { z } from 'zod'
import { ManagedItemSchema } from '../schemas/item-draft'
import { safeString } from '../schemas/safe-text'
import { AdviceSchema, DrawSummarySchema, InterestCountSchema, InviteResultSchema, OfficialSignupSchema, TableAssignmentSchema } from '../schemas/table'
import { defineRoute } from './route'

const errors = { 400: ['bad_request'], 401: ['unauthorized'], 403: ['forbidden'], 404: ['not_found'], 409: ['conflict'] } as const
const Params = z.object({ id: z.uuid() })

/** Officials set a table's assignment, see sign-ups, run the selection, publish the advice, invite. */
export const officialTableRoutes = {
  assignment: defineRoute({
    method: 'PUT', path: '/official/items/:id/table', summary: 'Set the assignment (opdracht) of a table', tag: 'official', access: 'official',
    params: Params, body: z.object({ assignment: TableAssignmentSchema }),
    responses: { 200: ManagedItemSchema }, errors: { ...errors, 409: ['conflict', 'item_not_table', 'assignment_frozen'] },
  }),
  signups: defineRoute({
    method: 'GET', path: '/official/items/:id/signups', summary: 'Sign-ups of a table with contact details (access is audited)', tag: 'official', access: 'official',
    params: Params,
    responses: { 200: z.array(OfficialSignupSchema) }, errors: { ...errors, 409: ['conflict', 'item_not_table'] },
  }),
  draw: defineRoute({
    method: 'POST', path: '/official/items/:id/draw', summary: 'Run the selection (by lot or first come) once sign-up has closed; publishes the draw', tag: 'official', access: 'official',
    params: Params, body: z.object({ seed: safeString().min(8).max(128).optional() }).strict(),
    responses: { 200: DrawSummarySchema }, errors: { ...errors, 409: ['conflict', 'item_not_table', 'assignment_missing', 'selection_already_made', 'signup_still_open'] },
  }),
  advice: defineRoute({
    method: 'POST', path: '/official/items/:id/advice', summary: 'Publish the advice of a table', tag: 'official', access: 'official',
    params: Params, body: AdviceSchema,
    responses: { 200: ManagedItemSchema }, errors: { ...errors, 409: ['conflict', 'item_not_table', 'assignment_missing'] },
  }),
  interests: defineRoute({
    method: 'GET', path: '/official/interests', summary: 'Interest network: active registrations per theme and age band', tag: 'official', access: 'official',
    responses: { 200: z.array(InterestCountSchema) }, errors,
  }),
  inviteInterested: defineRoute({
    method: 'POST', path: '/official/items/:id/invite-interested', summary: 'Invite people in the interest network whose themes match this table', tag: 'official', access: 'official',
    params: Params, body: z.object({}).strict().optional(),
    responses: { 200: InviteResultSchema }, errors: { ...errors, 409: ['conflict', 'item_not_table'] },
  }),
} as const
