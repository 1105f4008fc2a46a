import { AcceptInvitationSchema, ChangePasswordSchema, InvitationInfoSchema, InvitationLookupSchema, InviteOfficialSchema, ResetPasswordSchema, ResetRequestSchema } from '../schemas/account'
import { MeSchema, OkSchema } from '../schemas/official'
import { defineRoute } from './route'

/**
 * Invitations, password resets and changing one's own password. The link tokens travel in the
 * body (and in the e-mail link's #fragment), never in a URL the server or a proxy logs.
 */
export const accountRoutes = {
  invite: defineRoute({
    method: 'POST', path: '/official/invitations', summary: 'Invite a colleague to my municipality by e-mail (one-time link, 72 hours)', tag: 'admin', access: 'admin',
    body: InviteOfficialSchema,
    responses: { 201: OkSchema },
    errors: { 400: ['bad_request'], 401: ['unauthorized'], 403: ['forbidden'], 409: ['email_taken'] },
  }),
  lookUpInvitation: defineRoute({
    method: 'POST', path: '/auth/invitation', summary: 'Which account an invitation link is for (does not use the link)', tag: 'auth', access: 'public',
    body: InvitationLookupSchema,
    responses: { 200: InvitationInfoSchema },
    errors: { 400: ['bad_request'], 403: ['forbidden'], 410: ['account_link_invalid'], 429: ['rate_limited'] },
  }),
  acceptInvitation: defineRoute({
    method: 'POST', path: '/auth/invitation/accept', summary: 'Accept an invitation with a password of my own; the link is then used up', tag: 'auth', access: 'public',
    body: AcceptInvitationSchema,
    responses: { 201: OkSchema },
    errors: { 400: ['bad_request', 'password_too_weak'], 403: ['forbidden'], 409: ['email_taken'], 410: ['account_link_invalid'], 429: ['rate_limited'] },
  }),
  requestReset: defineRoute({
    method: 'POST', path: '/auth/password-reset/request', summary: 'Ask for a reset link; the same answer whether the address has an account or not', tag: 'auth', access: 'public',
    body: ResetRequestSchema,
    responses: { 200: OkSchema },
    errors: { 400: ['bad_request'], 403: ['forbidden'], 429: ['rate_limited'] },
  }),
  resetPassword: defineRoute({
    method: 'POST', path: '/auth/password-reset', summary: 'Set a new password with a reset link; every session of the account ends', tag: 'auth', access: 'public',
    body: ResetPasswordSchema,
    responses: { 200: OkSchema },
    errors: { 400: ['bad_request', 'password_too_weak'], 403: ['forbidden'], 410: ['account_link_invalid'], 429: ['rate_limited'] },
  }),
  changePassword: defineRoute({
    method: 'POST', path: '/auth/password', summary: 'Change my own password (current one required); every session ends and this browser gets a fresh one', tag: 'auth', access: 'member',
    body: ChangePasswordSchema,
    responses: { 200: MeSchema },
    errors: { 400: ['bad_request', 'password_too_weak'], 401: ['unauthorized'], 403: ['forbidden', 'current_password_wrong'], 429: ['rate_limited'] },
  }),
} as const
