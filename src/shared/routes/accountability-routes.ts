import { z } from 'zod'
import { AccountabilitySchema, FeedbackFiguresSchema } from '../schemas/accountability'
import { SlugSchema } from '../schemas/common'
import { defineRoute } from './route'

/** How often and how fast residents hear back: public figures, and the officials' to-do list. */
export const accountabilityRoutes = {
  feedbackFigures: defineRoute({
    method: 'GET', path: '/municipalities/:slug/feedback-figures', summary: 'Share of closed items with feedback and median days to first feedback', tag: 'public', access: 'public',
    params: z.object({ slug: SlugSchema }),
    responses: { 200: FeedbackFiguresSchema },
    errors: { 400: ['bad_request'], 404: ['not_found'] },
  }),
  official: defineRoute({
    method: 'GET', path: '/official/accountability', summary: 'Items whose feedback is overdue or due within 14 days, overdue council advice, and the feedback figures', tag: 'official', access: 'member',
    responses: { 200: AccountabilitySchema },
    errors: { 401: ['unauthorized'], 403: ['forbidden'] },
  }),
} as const
