import { ContactConfirmationResultSchema, ContactConfirmationSchema } from '../schemas/contact-confirmation'
import { defineRoute } from './route'

/** Residents confirm, from the link in their e-mail, that an address is theirs or that they stay in Benader mij. */
export const contactConfirmationRoutes = {
  confirmContact: defineRoute({
    method: 'POST', path: '/contact-confirmations', summary: 'Confirm an e-mail address of a sign-up or Benader mij registration, or the yearly yes to staying', tag: 'public', access: 'public',
    body: ContactConfirmationSchema,
    responses: { 200: ContactConfirmationResultSchema },
    errors: { 400: ['bad_request'], 404: ['contact_link_invalid'], 429: ['rate_limited'] },
  }),
} as const
