import { z } from 'zod'
import { AuditExportQuerySchema, AuditPageSchema, AuditQuerySchema } from '../schemas/audit-log'
import { defineRoute } from './route'

const errors = { 400: ['bad_request'], 401: ['unauthorized'], 403: ['forbidden'] } as const

/** Admins read their municipality's audit log page by page, filtered, and export it as CSV. */
export const auditRoutes = {
  entries: defineRoute({
    method: 'GET', path: '/official/audit/entries', summary: 'Audit log of my municipality: filtered, newest first, paged by cursor', tag: 'admin', access: 'admin',
    query: AuditQuerySchema,
    responses: { 200: AuditPageSchema }, errors,
  }),
  export: defineRoute({
    method: 'GET', path: '/official/audit/export', summary: 'Every matching audit entry as CSV (UTF-8 with BOM), streamed; the export is audited itself', tag: 'admin', access: 'admin',
    query: AuditExportQuerySchema,
    produces: ['text/csv'],
    responses: { 200: z.unknown() }, errors,
  }),
} as const
