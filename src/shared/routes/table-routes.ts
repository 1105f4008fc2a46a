import { z } from 'zod'
import { OkSchema } from '../schemas/official'
import { DeviceIdSchema } from '../schemas/submission'
import { GuardianConfirmationSchema, GuardianLinkInfoSchema, InterestBatchSchema, MySignupSchema, RegistrationBatchResultSchema, SignupBatchSchema } from '../schemas/table'
import { defineRoute } from './route'

const registrationErrors = { 400: ['bad_request'], 404: ['not_found', 'guardian_link_invalid'], 409: ['conflict'], 429: ['rate_limited'] } as const
const DeviceRegistrationParams = z.object({ deviceId: DeviceIdSchema, id: z.uuid() })

/** Residents sign up for tables and the interest network; their device is their key. */
export const tableRoutes = {
  signup: defineRoute({
    method: 'POST', path: '/table-signups', summary: 'Sign up for tables, exactly once per sign-up id', tag: 'public', access: 'public',
    body: SignupBatchSchema,
    responses: { 200: RegistrationBatchResultSchema },
    errors: registrationErrors,
  }),
  interest: defineRoute({
    method: 'POST', path: '/interests', summary: '"Benader mij": be invited to future tables on themes', tag: 'public', access: 'public',
    body: InterestBatchSchema,
    responses: { 200: RegistrationBatchResultSchema },
    errors: registrationErrors,
  }),
  mySignups: defineRoute({
    method: 'GET', path: '/devices/:deviceId/signups', summary: 'The sign-ups this device made, with their details', tag: 'public', access: 'device', deprecated: true,
    params: z.object({ deviceId: DeviceIdSchema }),
    responses: { 200: z.array(MySignupSchema) },
    errors: registrationErrors,
  }),
  withdrawSignup: defineRoute({
    method: 'POST', path: '/devices/:deviceId/signups/:id/withdraw', summary: 'Withdraw a sign-up: contact details are deleted at once', tag: 'public', access: 'device', deprecated: true,
    params: DeviceRegistrationParams,
    body: z.object({}).strict().optional(),
    responses: { 200: OkSchema },
    errors: registrationErrors,
  }),
  withdrawInterest: defineRoute({
    method: 'POST', path: '/devices/:deviceId/interests/:id/withdraw', summary: 'Withdraw from the interest network: contact details are deleted', tag: 'public', access: 'device', deprecated: true,
    params: DeviceRegistrationParams,
    body: z.object({}).strict().optional(),
    responses: { 200: OkSchema },
    errors: registrationErrors,
  }),
  confirmGuardian: defineRoute({
    method: 'POST', path: '/guardian-confirmations', summary: 'A parent or guardian confirms an under-16 registration', tag: 'public', access: 'public',
    body: GuardianConfirmationSchema,
    responses: { 200: OkSchema },
    errors: registrationErrors,
  }),
  guardianLinkInfo: defineRoute({
    method: 'POST', path: '/guardian-confirmations/lookup', summary: 'What a guardian link confirms (table and municipality), without using it', tag: 'public', access: 'public',
    body: GuardianConfirmationSchema,
    responses: { 200: GuardianLinkInfoSchema },
    errors: registrationErrors,
  }),
  drawRecord: defineRoute({
    method: 'GET', path: '/items/:id/draw', summary: 'The published draw of a table: seed, algorithm, quotas, hashed registrations, panel', tag: 'public', access: 'public',
    params: z.object({ id: z.uuid() }),
    responses: { 200: z.record(z.string(), z.unknown()) },
    errors: registrationErrors,
  }),
} as const
