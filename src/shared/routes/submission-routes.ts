import { SubmissionBatchResultSchema, SubmissionBatchSchema } from '../schemas/submission'
import { defineRoute } from './route'

export const submissionRoutes = {
  submit: defineRoute({
    method: 'POST', path: '/submissions', summary: 'Batch ingest of answers, exactly once per submission id', tag: 'public', access: 'public',
    body: SubmissionBatchSchema,
    responses: { 200: SubmissionBatchResultSchema },
    errors: { 400: ['bad_request'], 413: ['payload_too_large'], 415: ['unsupported_media_type'] },
  }),
} as const
