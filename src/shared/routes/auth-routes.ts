import { LoginRequestSchema, MeSchema, OkSchema } from '../schemas/official'
import { defineRoute } from './route'

/** Officials sign in and out; the session is a cookie, changes carry the CSRF token. */
export const authRoutes = {
  login: defineRoute({
    method: 'POST', path: '/auth/login', summary: 'Sign in an official with e-mail and password', tag: 'auth', access: 'public',
    body: LoginRequestSchema,
    responses: { 200: MeSchema },
    errors: { 400: ['bad_request'], 401: ['unauthorized'], 403: ['forbidden', 'password_sign_in_off'], 429: ['rate_limited'] },
  }),
  logout: defineRoute({
    method: 'POST', path: '/auth/logout', summary: 'Sign out', tag: 'auth', access: 'member',
    responses: { 200: OkSchema },
    errors: { 400: ['bad_request'], 401: ['unauthorized'], 403: ['forbidden'] },
  }),
  me: defineRoute({
    method: 'GET', path: '/auth/me', summary: 'The signed-in official', tag: 'auth', access: 'member',
    responses: { 200: MeSchema },
    errors: { 401: ['unauthorized'] },
  }),
} as const
