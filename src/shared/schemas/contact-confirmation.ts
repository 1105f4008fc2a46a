import { z } from 'zod'

/** The token from a confirmation e-mail (an adult's address, or the yearly Benader mij yes). */
export const ContactConfirmationSchema = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{30,100}$/) }).meta({ id: 'ContactConfirmation' })
export type ContactConfirmation = z.infer<typeof ContactConfirmationSchema>

/**
 * What the link confirmed, so the page can say what happens next: a table sign-up whose address
 * now counts, a Benader mij registration that now counts, or a member who stays another period.
 */
export const ContactConfirmationResultSchema = z
  .object({ ok: z.literal(true), confirmed: z.enum(['signup', 'interest', 'renewal']) })
  .meta({ id: 'ContactConfirmationResult' })
export type ContactConfirmationResult = z.infer<typeof ContactConfirmationResultSchema>
