import { z } from 'zod'
import { SlugSchema } from '../schemas/common'
import { MeSchema } from '../schemas/official'
import { SignInSettingsSchema, SignInSettingsUpdateSchema, SsoCallbackSchema, SsoProviderSchema, SsoStartSchema } from '../schemas/sign-in-settings'
import { defineRoute } from './route'

/**
 * Single sign-on over OpenID Connect (authorization code flow with PKCE, state and nonce) and
 * the admins' settings for how their municipality signs in.
 */
export const signInRoutes = {
  ssoProviders: defineRoute({
    method: 'GET', path: '/auth/sso/providers', summary: 'Municipalities whose officials can sign in through their identity provider', tag: 'auth', access: 'public',
    responses: { 200: z.array(SsoProviderSchema) },
    errors: {},
  }),
  ssoStart: defineRoute({
    method: 'POST', path: '/auth/sso/:municipality/start', summary: 'Start signing in through the municipality\'s identity provider', tag: 'auth', access: 'public',
    params: z.object({ municipality: SlugSchema }), body: z.object({}).strict().optional(),
    responses: { 200: SsoStartSchema },
    errors: { 400: ['bad_request', 'sso_issuer_unreachable'], 403: ['forbidden'], 404: ['sso_not_configured'], 429: ['rate_limited'], 503: ['sso_secret_unreadable'] },
  }),
  ssoCallback: defineRoute({
    method: 'POST', path: '/auth/sso/callback', summary: 'Finish signing in with what the identity provider sent back', tag: 'auth', access: 'public',
    body: SsoCallbackSchema,
    responses: { 200: MeSchema },
    errors: {
      400: ['bad_request', 'sso_flow_invalid', 'sso_issuer_unreachable'], 401: ['sso_rejected'],
      403: ['forbidden', 'sso_no_role', 'sso_account_unknown', 'sso_wrong_municipality', 'account_disabled'], 404: ['sso_not_configured'], 429: ['rate_limited'], 503: ['sso_secret_unreadable'],
    },
  }),
  settings: defineRoute({
    method: 'GET', path: '/official/sign-in-settings', summary: 'How the officials of my municipality sign in', tag: 'admin', access: 'admin',
    responses: { 200: SignInSettingsSchema },
    errors: { 401: ['unauthorized'], 403: ['forbidden'] },
  }),
  updateSettings: defineRoute({
    method: 'PUT', path: '/official/sign-in-settings', summary: 'Change how the officials of my municipality sign in', tag: 'admin', access: 'admin',
    body: SignInSettingsUpdateSchema,
    responses: { 200: SignInSettingsSchema },
    errors: { 400: ['bad_request', 'sso_issuer_unreachable', 'sso_client_secret_missing'], 401: ['unauthorized'], 403: ['forbidden'], 409: ['password_sign_in_required'] },
  }),
} as const
