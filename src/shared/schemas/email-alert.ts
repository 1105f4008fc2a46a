import { z } from 'zod'
import { DateTimeSchema, UuidSchema } from './common'
import { safeString } from './safe-text'

/**
 * The text the resident agrees to when leaving an address for one item ("mail me when the
 * municipality responds"). A change to what is done with the address is a new version.
 */
export const EMAIL_ALERT_CONSENT_VERSION = 'email-alerts-2026-12'

/** The languages a resident can get mail in (the app's languages). */
export const MailLanguageSchema = z.enum(['nl', 'en'])

/** `POST /me/email-alerts`: one address for one item; asking again for the item replaces it. */
export const EmailAlertRequestSchema = z
  .object({
    itemId: UuidSchema,
    email: z.email().max(254),
    language: MailLanguageSchema,
    consentVersion: safeString().max(40),
  })
  .strict()
  .meta({ id: 'EmailAlertRequest' })
export type EmailAlertRequest = z.infer<typeof EmailAlertRequestSchema>

/** An alert as its device sees it (`GET /me/email-alerts`, `GET /me/data`). */
export const EmailAlertSchema = z
  .object({
    id: UuidSchema,
    itemId: UuidSchema,
    itemTitle: z.string(),
    email: z.string(),
    language: MailLanguageSchema,
    consentVersion: z.string(),
    createdAt: DateTimeSchema,
    /** Null until the link in the confirmation mail was opened: nothing else is mailed before. */
    confirmedAt: DateTimeSchema.nullable(),
  })
  .meta({ id: 'EmailAlert' })
export type EmailAlert = z.infer<typeof EmailAlertSchema>

/** The token from an alert mail's link (`#t=` in the link, sent in the body, never in a URL). */
export const EmailAlertTokenSchema = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{30,100}$/) }).strict().meta({ id: 'EmailAlertToken' })
export type EmailAlertToken = z.infer<typeof EmailAlertTokenSchema>

/** What the confirmation and unsubscribe links answer, so the page can name the item. */
export const EmailAlertLinkResultSchema = z.object({ ok: z.literal(true), itemTitle: z.string() }).meta({ id: 'EmailAlertLinkResult' })
export type EmailAlertLinkResult = z.infer<typeof EmailAlertLinkResultSchema>
