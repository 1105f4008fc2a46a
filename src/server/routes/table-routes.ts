import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { ErrorBodySchema } from '../../shared/schemas/error'
import { OkSchema } from '../../shared/schemas/official'
import { DeviceIdSchema } from '../../shared/schemas/submission'
import { GuardianConfirmationSchema, InterestBatchSchema, MySignupSchema, RegistrationBatchResultSchema, SignupBatchSchema } from '../../shared/schemas/table'
import { signupsOfDevice } from '../repos/signup-repo'
import { deviceKeyOf } from '../repos/submission-repo'
import { publishedDraw, registerInterests, registerSignups, withdrawOwnInterest } from '../services/registration-service'
import { confirmGuardianLink, withdrawOwnSignup } from '../services/table-service'

const errors = { 400: ErrorBodySchema, 404: ErrorBodySchema, 409: ErrorBodySchema, 429: ErrorBodySchema }
const deviceLimit = { rateLimit: { max: 120, timeWindow: '1 minute' } }

/** Residents sign up for tables and the interest network; their device is their key. */
export const tableRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.database.db
  const messenger = () => ({ notifier: app.notifier, log: app.log, publicUrl: app.publicUrl })
  const eraser = () => ({ database: app.database, notifier: app.notifier, log: app.log })

  app.post(
    '/api/table-signups',
    { config: deviceLimit, schema: { summary: 'Sign up for tables, exactly once per sign-up id', tags: ['public'], body: SignupBatchSchema, response: { 200: RegistrationBatchResultSchema, ...errors } } },
    async (request) => registerSignups(db(), messenger(), request.body.signups, app.clock()),
  )

  app.post(
    '/api/interests',
    { config: deviceLimit, schema: { summary: '"Benader mij": be invited to future tables on themes', tags: ['public'], body: InterestBatchSchema, response: { 200: RegistrationBatchResultSchema, ...errors } } },
    async (request) => registerInterests(db(), messenger(), request.body.interests, app.clock()),
  )

  app.get(
    '/api/devices/:deviceId/signups',
    { config: deviceLimit, schema: { summary: 'The sign-ups this device made, with their details', tags: ['public'], params: z.object({ deviceId: DeviceIdSchema }), response: { 200: z.array(MySignupSchema), ...errors } } },
    async (request, reply) => {
      reply.header('cache-control', 'no-store')
      return signupsOfDevice(db(), deviceKeyOf(request.params.deviceId))
    },
  )

  app.post(
    '/api/devices/:deviceId/signups/:id/withdraw',
    {
      config: deviceLimit,
      schema: {
        summary: 'Withdraw a sign-up: contact details are deleted at once',
        tags: ['public'],
        params: z.object({ deviceId: DeviceIdSchema, id: z.uuid() }),
        body: z.object({}).strict().optional(),
        response: { 200: OkSchema, ...errors },
      },
    },
    async (request) => {
      await withdrawOwnSignup(db(), messenger(), eraser(), request.params.id, deviceKeyOf(request.params.deviceId), app.clock())
      return { ok: true as const }
    },
  )

  app.post(
    '/api/devices/:deviceId/interests/:id/withdraw',
    {
      config: deviceLimit,
      schema: { summary: 'Withdraw from the interest network: contact details are deleted', tags: ['public'], params: z.object({ deviceId: DeviceIdSchema, id: z.uuid() }), body: z.object({}).strict().optional(), response: { 200: OkSchema, ...errors } },
    },
    async (request) => {
      await withdrawOwnInterest(db(), eraser(), request.params.id, deviceKeyOf(request.params.deviceId), app.clock())
      return { ok: true as const }
    },
  )

  app.post(
    '/api/guardian-confirmations',
    { config: deviceLimit, schema: { summary: 'A parent or guardian confirms an under-16 registration', tags: ['public'], body: GuardianConfirmationSchema, response: { 200: OkSchema, ...errors } } },
    async (request) => {
      await confirmGuardianLink(db(), request.body.token, app.clock())
      return { ok: true as const }
    },
  )

  app.get(
    '/api/items/:id/draw',
    { schema: { summary: 'The published draw of a table: seed, algorithm, quotas, hashed registrations, panel', tags: ['public'], params: z.object({ id: z.uuid() }), response: { 200: z.record(z.string(), z.unknown()), ...errors } } },
    async (request) => publishedDraw(db(), request.params.id),
  )
}
