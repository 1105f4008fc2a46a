import { z } from 'zod'
import { ItemIdSchema } from '../schemas/item-draft'
import { OkSchema } from '../schemas/official'
import { OnBehalfBatchSchema, PartnerDraftSchema, PartnerListSchema, PartnerSchema } from '../schemas/on-behalf'
import { SubmissionBatchResultSchema } from '../schemas/submission'
import { defineRoute } from './route'

const errors = { 400: ['bad_request'], 401: ['unauthorized'], 403: ['forbidden'], 404: ['not_found'] } as const
const PartnerIdSchema = z.object({ id: z.uuid() })

/** Officials enter answers collected offline, and keep the list of partner organisations that collect them. */
export const onBehalfRoutes = {
  submit: defineRoute({
    method: 'POST', path: '/official/items/:id/on-behalf', summary: 'Enter answers collected on paper, by phone or at a meeting; each exactly once by its id', tag: 'official', access: 'official',
    params: ItemIdSchema, body: OnBehalfBatchSchema,
    responses: { 200: SubmissionBatchResultSchema }, errors: { ...errors, 409: ['partner_unknown'], 413: ['payload_too_large'] },
  }),
  partners: defineRoute({
    method: 'GET', path: '/official/partners', summary: 'The partner organisations of the municipality', tag: 'official', access: 'official',
    responses: { 200: PartnerListSchema }, errors: { 401: ['unauthorized'], 403: ['forbidden'] },
  }),
  addPartner: defineRoute({
    method: 'POST', path: '/official/partners', summary: 'Register a partner organisation (names are unique per municipality)', tag: 'official', access: 'official',
    body: PartnerDraftSchema,
    responses: { 201: PartnerSchema }, errors: { ...errors, 409: ['partner_name_taken'] },
  }),
  updatePartner: defineRoute({
    method: 'PUT', path: '/official/partners/:id', summary: 'Rename a partner organisation or change its kind', tag: 'official', access: 'official',
    params: PartnerIdSchema, body: PartnerDraftSchema,
    responses: { 200: PartnerSchema }, errors: { ...errors, 409: ['partner_name_taken'] },
  }),
  deletePartner: defineRoute({
    method: 'DELETE', path: '/official/partners/:id', summary: 'Remove a partner organisation no answers were entered for', tag: 'official', access: 'official',
    params: PartnerIdSchema,
    responses: { 200: OkSchema }, errors: { ...errors, 409: ['partner_in_use'] },
  }),
} as const
