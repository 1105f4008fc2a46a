import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { ErrorBodySchema } from '../../shared/schemas/error'
import { safeString } from '../../shared/schemas/safe-text'
import { ManagedItemSchema } from '../../shared/schemas/item-draft'
import { AdviceSchema, DrawSummarySchema, InterestCountSchema, InviteResultSchema, OfficialSignupSchema, TableAssignmentSchema } from '../../shared/schemas/table'
import { interestCounts } from '../repos/interest-repo'
import { drawTable, inviteInterested, publishTableAdvice, readSignups, setAssignment } from '../services/table-management-service'

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema, 409: ErrorBodySchema }
const Params = z.object({ id: z.uuid() })

/** Officials set a table's assignment, see sign-ups, run the selection, publish the advice, invite. */
export const officialTableRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preHandler', app.requireOfficial())
  const db = () => app.database.db
  const messenger = () => ({ notifier: app.notifier, log: app.log, publicUrl: app.publicUrl })
  const context = () => ({ db: db(), now: app.clock() })

  app.put(
    '/api/official/items/:id/table',
    { schema: { summary: 'Set the assignment (opdracht) of a table', tags: ['official'], params: Params, body: z.object({ assignment: TableAssignmentSchema }), response: { 200: ManagedItemSchema, ...errors } } },
    async (request) => setAssignment(context(), request.official!, request.params.id, request.body.assignment),
  )

  app.get(
    '/api/official/items/:id/signups',
    { schema: { summary: 'Sign-ups of a table with contact details (access is audited)', tags: ['official'], params: Params, response: { 200: z.array(OfficialSignupSchema), ...errors } } },
    async (request, reply) => {
      const signups = await readSignups(context(), request.official!, request.params.id)
      reply.header('cache-control', 'no-store')
      return signups
    },
  )

  app.post(
    '/api/official/items/:id/draw',
    {
      schema: {
        summary: 'Run the selection (by lot or first come) once sign-up has closed; publishes the draw',
        tags: ['official'],
        params: Params,
        body: z.object({ seed: safeString().min(8).max(128).optional() }).strict(),
        response: { 200: DrawSummarySchema, ...errors },
      },
    },
    async (request) => drawTable(context(), messenger(), request.official!, request.params.id, request.body.seed),
  )

  app.post(
    '/api/official/items/:id/advice',
    { schema: { summary: 'Publish the advice of a table', tags: ['official'], params: Params, body: AdviceSchema, response: { 200: ManagedItemSchema, ...errors } } },
    async (request) => publishTableAdvice(context(), request.official!, request.params.id, request.body),
  )

  app.get(
    '/api/official/interests',
    { schema: { summary: 'Interest network: active registrations per theme and age band', tags: ['official'], response: { 200: z.array(InterestCountSchema), ...errors } } },
    async (request) => interestCounts(db(), request.official!.municipality),
  )

  app.post(
    '/api/official/items/:id/invite-interested',
    { schema: { summary: 'Invite people in the interest network whose themes match this table', tags: ['official'], params: Params, body: z.object({}).strict().optional(), response: { 200: InviteResultSchema, ...errors } } },
    async (request) => inviteInterested(context(), messenger(), request.official!, request.params.id),
  )
}
