import { z } from 'zod'
import { FeedbackInputSchema } from '../schemas/feedback'
import { ManagedItemSchema } from '../schemas/item-draft'
import { defineRoute } from './route'

const errors = { 400: ['bad_request'], 401: ['unauthorized'], 403: ['forbidden'], 404: ['not_found'], 409: ['conflict'] } as const

/** Officials publish terugkoppeling on their municipality's items, and correct it openly. */
export const feedbackRoutes = {
  publish: defineRoute({
    method: 'POST', path: '/items/:id/feedback', summary: 'Publish feedback: what was done with the input', tag: 'official', access: 'official',
    params: z.object({ id: z.uuid() }), body: FeedbackInputSchema,
    responses: { 201: ManagedItemSchema }, errors: { ...errors, 409: ['conflict', 'item_not_published', 'translation_language_not_offered'] },
  }),
  correct: defineRoute({
    method: 'POST', path: '/items/:id/feedback/:feedbackId/correction', summary: 'Correct a feedback entry; the original stays visible, marked as corrected', tag: 'official', access: 'official',
    params: z.object({ id: z.uuid(), feedbackId: z.uuid() }), body: FeedbackInputSchema,
    responses: { 201: ManagedItemSchema }, errors: { ...errors, 409: ['conflict', 'item_not_published', 'feedback_already_corrected', 'translation_language_not_offered'] },
  }),
} as const
