import { z } from 'zod'
import { AuditEntrySchema } from '../schemas/audit'
import { CreateOfficialSchema, OfficialSchema, OkSchema } from '../schemas/official'
import { defineRoute } from './route'

const errors = { 400: ['bad_request'], 401: ['unauthorized'], 403: ['forbidden'], 404: ['not_found'], 409: ['conflict'] } as const

/** Admins manage the officials of their own municipality and read its audit log. */
export const adminRoutes = {
  officials: defineRoute({
    method: 'GET', path: '/official/officials', summary: 'Officials of my municipality', tag: 'admin', access: 'admin',
    responses: { 200: z.array(OfficialSchema) }, errors,
  }),
  createOfficial: defineRoute({
    method: 'POST', path: '/official/officials', summary: 'Add an official to my municipality', tag: 'admin', access: 'admin',
    body: CreateOfficialSchema,
    responses: { 201: OkSchema }, errors: { ...errors, 409: ['conflict', 'email_taken'] },
  }),
  disableOfficial: defineRoute({
    method: 'POST', path: '/official/officials/:id/disable', summary: 'Disable an official of my municipality', tag: 'admin', access: 'admin',
    params: z.object({ id: z.uuid() }), body: z.object({}).strict().optional(),
    responses: { 200: OkSchema }, errors: { ...errors, 409: ['conflict', 'cannot_disable_self'] },
  }),
  audit: defineRoute({
    method: 'GET', path: '/official/audit', summary: 'Audit log of my municipality', tag: 'admin', access: 'admin',
    responses: { 200: z.array(AuditEntrySchema) }, errors,
  }),
} as const
