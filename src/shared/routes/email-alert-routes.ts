import { z } from 'zod'
import { EmailAlertLinkResultSchema, EmailAlertRequestSchema, EmailAlertSchema, EmailAlertTokenSchema } from '../schemas/email-alert'
import { OkSchema } from '../schemas/official'
import { defineRoute } from './route'

/**
 * "Mail me when the municipality responds": a device asks for one item; the address counts only
 * after the link in the confirmation mail (double opt-in); every mail has a one-click way out.
 * The links carry their token in the fragment (`#t=`): the page sends it in the body, so it never
 * appears in a URL that a proxy logs.
 */
export const emailAlertRoutes = {
  ask: defineRoute({
    method: 'POST', path: '/me/email-alerts', summary: 'Ask for an e-mail when the municipality responds on one item (a confirmation mail goes first)', tag: 'public', access: 'device', deviceAuth: true,
    body: EmailAlertRequestSchema,
    responses: { 201: EmailAlertSchema },
    errors: { 400: ['bad_request'], 404: ['not_found'], 409: ['consent_outdated', 'item_not_published', 'feedback_final'], 429: ['rate_limited'] },
  }),
  mine: defineRoute({
    method: 'GET', path: '/me/email-alerts', summary: 'The e-mail alerts of this device', tag: 'public', access: 'device', deviceAuth: true,
    responses: { 200: z.array(EmailAlertSchema) },
    errors: { 400: ['bad_request'], 429: ['rate_limited'] },
  }),
  remove: defineRoute({
    method: 'DELETE', path: '/me/email-alerts/:id', summary: 'Delete one of this device’s e-mail alerts (the address goes at once)', tag: 'public', access: 'device', deviceAuth: true,
    params: z.object({ id: z.uuid() }),
    responses: { 200: OkSchema },
    errors: { 400: ['bad_request'], 404: ['not_found'], 429: ['rate_limited'] },
  }),
  confirm: defineRoute({
    method: 'POST', path: '/email-alerts/confirm', summary: 'Confirm an e-mail alert from the link in the confirmation mail', tag: 'public', access: 'public',
    body: EmailAlertTokenSchema,
    responses: { 200: EmailAlertLinkResultSchema },
    errors: { 400: ['bad_request'], 404: ['alert_link_invalid'], 429: ['rate_limited'] },
  }),
  unsubscribe: defineRoute({
    method: 'POST', path: '/email-alerts/unsubscribe', summary: 'Stop an e-mail alert with the link in any of its mails (the address is deleted)', tag: 'public', access: 'public',
    body: EmailAlertTokenSchema,
    responses: { 200: EmailAlertLinkResultSchema },
    errors: { 400: ['bad_request'], 404: ['alert_link_invalid'], 429: ['rate_limited'] },
  }),
} as const
