import { z } from 'zod'
import { RedactionRequestSchema, RedactionResultSchema } from '../schemas/redaction'
import { defineRoute } from './route'

const AnswerParamsSchema = z.object({ id: z.uuid(), submissionId: z.uuid() })

/** Moderation per answer: officials remove the personal part of one text answer for good. */
export const officialRedactionRoutes = {
  redact: defineRoute({
    method: 'POST', path: '/official/items/:id/answers/:submissionId/redact',
    summary: 'Replace a part of one text answer (or all of it) by "[verwijderd]"; the original is erased from the database, the answer stays counted and exported',
    tag: 'official', access: 'official',
    params: AnswerParamsSchema, body: RedactionRequestSchema,
    responses: { 200: RedactionResultSchema },
    errors: { 400: ['bad_request'], 401: ['unauthorized'], 403: ['forbidden'], 404: ['not_found'], 409: ['redaction_outdated'] },
  }),
} as const
