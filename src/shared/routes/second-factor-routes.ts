import { z } from 'zod'
import { MeSchema } from '../schemas/official'
import { defineRoute } from './route'

/** The code from an authenticator app: six digits (spaces allowed, as apps show them). */
const CodeSchema = z.string().trim().max(12).regex(/^[\d ]+$/, 'digits only')
const RecoveryCodeSchema = z.string().trim().min(1).max(40).regex(/^[A-Za-z0-9 -]+$/)

export const SecondFactorStatusSchema = z
  .object({ enrolled: z.boolean(), required: z.boolean(), recoveryCodesLeft: z.number().int() })
  .meta({ id: 'SecondFactorStatus' })
export type SecondFactorStatus = z.infer<typeof SecondFactorStatusSchema>

export const SecondFactorEnrolmentSchema = z
  .object({
    /** For typing in by hand (base32). */
    secret: z.string(),
    /** The otpauth:// address in the QR code. */
    uri: z.string(),
    /** The QR code as an SVG document. */
    qrSvg: z.string(),
  })
  .meta({ id: 'SecondFactorEnrolment' })
export type SecondFactorEnrolment = z.infer<typeof SecondFactorEnrolmentSchema>

export const SecondFactorEnrolledSchema = z.object({ recoveryCodes: z.array(z.string()), me: MeSchema }).meta({ id: 'SecondFactorEnrolled' })

const errors = { 401: ['unauthorized'], 403: ['forbidden'] } as const

/**
 * The second factor (TOTP) of password accounts. These routes also answer a sign-in that still
 * owes its second factor (and nothing else does until it is done).
 */
export const secondFactorRoutes = {
  status: defineRoute({
    method: 'GET', path: '/auth/second-factor', summary: 'Whether my second factor is set up and required', tag: 'auth', access: 'member',
    responses: { 200: SecondFactorStatusSchema }, errors,
  }),
  startEnrolment: defineRoute({
    method: 'POST', path: '/auth/second-factor/enrolment', summary: 'Start setting up my second factor (a new secret and its QR code)', tag: 'auth', access: 'member',
    body: z.object({}).strict().optional(),
    responses: { 200: SecondFactorEnrolmentSchema }, errors: { ...errors, 400: ['bad_request'], 409: ['second_factor_already_enrolled'], 429: ['rate_limited'] },
  }),
  confirmEnrolment: defineRoute({
    method: 'POST', path: '/auth/second-factor/enrolment/confirm', summary: 'Confirm my second factor with a first code; answers the recovery codes once', tag: 'auth', access: 'member',
    body: z.object({ code: CodeSchema }).strict(),
    responses: { 200: SecondFactorEnrolledSchema },
    errors: { 400: ['bad_request'], 401: ['unauthorized', 'second_factor_code_invalid'], 403: ['forbidden'], 409: ['second_factor_already_enrolled', 'second_factor_not_started'], 429: ['rate_limited'] },
  }),
  verify: defineRoute({
    method: 'POST', path: '/auth/second-factor/verify', summary: 'Finish signing in with the code from my app or a recovery code', tag: 'auth', access: 'member',
    body: z.object({ code: CodeSchema.optional(), recoveryCode: RecoveryCodeSchema.optional() }).strict().refine((b) => Boolean(b.code) !== Boolean(b.recoveryCode), 'send a code or a recovery code'),
    responses: { 200: MeSchema },
    errors: { 400: ['bad_request'], 401: ['unauthorized', 'second_factor_code_invalid'], 403: ['forbidden'], 409: ['second_factor_not_started'], 429: ['rate_limited'] },
  }),
} as const
