import { z } from 'zod'
import { NetworkInviteResultSchema, NetworkInviteSchema, NetworkMemberSchema, NetworkOptOutSchema } from '../schemas/network'
import { OkSchema } from '../schemas/official'
import { defineRoute } from './route'

const errors = { 400: ['bad_request'], 401: ['unauthorized'], 403: ['forbidden'], 404: ['not_found'], 429: ['rate_limited'] } as const

/**
 * The Benader mij network in use: officials invite members to any item; admins read and export
 * the list of people who consented to be approached (every read and export audited); a member
 * leaves with the one-click link in an invitation.
 */
export const networkRoutes = {
  invite: defineRoute({
    method: 'POST', path: '/official/items/:id/invite-network', summary: 'Invite Benader mij members with these themes (and areas) to this item, each at most once', tag: 'official', access: 'official',
    params: z.object({ id: z.uuid() }), body: NetworkInviteSchema,
    responses: { 200: NetworkInviteResultSchema },
    errors: { ...errors, 409: ['conflict', 'item_not_published', 'item_not_open', 'theme_not_in_vocabulary'] },
  }),
  members: defineRoute({
    method: 'GET', path: '/official/network', summary: 'The people who consented to be approached, with contact details (admins; every view audited)', tag: 'official', access: 'admin',
    responses: { 200: z.array(NetworkMemberSchema) }, errors,
  }),
  export: defineRoute({
    method: 'GET', path: '/official/network/export', summary: 'The Benader mij contact list as CSV, UTF-8 with BOM (admins; every export audited)', tag: 'official', access: 'admin',
    produces: ['text/csv'],
    responses: { 200: z.unknown() }, errors,
  }),
  optOut: defineRoute({
    method: 'POST', path: '/network/opt-out', summary: 'Leave Benader mij with the link in an invitation: the registration and its contact details are deleted', tag: 'public', access: 'public',
    body: NetworkOptOutSchema,
    responses: { 200: OkSchema },
    errors: { 400: ['bad_request'], 404: ['network_link_invalid'], 429: ['rate_limited'] },
  }),
} as const
