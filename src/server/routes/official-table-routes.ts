import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { HttpError, notFound } from '../errors'
import { mailTexts } from '../notify/mail-texts'
import { recordAudit } from '../repos/audit-repo'
import { contactsOf } from '../repos/contact-repo'
import { addDeviceMessages, devicesMessaged } from '../repos/device-message-repo'
import { interestCounts, interestedIn } from '../repos/interest-repo'
import { findManagedItem } from '../repos/managed-item-repo'
import { signupsOfItem } from '../repos/signup-repo'
import { findTable, publishAdvice, putAssignment } from '../repos/table-repo'
import { AlreadyDrawnError, runSelection, sendAll } from '../tables/table-service'
import { officialTableRoutes as routes } from '../../shared/routes/official-table-routes'
import { registerRoute } from './register-route'

/** Officials set a table's assignment, see sign-ups, run the selection, publish the advice, invite. */
export const officialTableRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preHandler', app.requireOfficial())
  const db = () => app.database.db
  const messenger = () => ({ notifier: app.notifier, log: app.log, publicUrl: app.publicUrl })

  async function ownTable(municipality: string, id: string) {
    const item = await findManagedItem(db(), municipality, id, app.clock())
    if (!item) throw notFound('item')
    if (item.kind !== 'table') throw new HttpError(409, 'conflict', 'This item is not a table')
    return item
  }

  registerRoute(app, routes.assignment,
    async (request) => {
      const official = request.official!
      const item = await ownTable(official.municipality, request.params.id)
      if ((await findTable(db(), item.id))?.drawnAt) throw new HttpError(409, 'conflict', 'The selection has been made; the assignment can no longer change')
      await putAssignment(db(), item.id, request.body.assignment)
      await recordAudit(db(), { officialId: official.id, municipality: official.municipality, action: 'table.assignment', itemId: item.id }, app.clock())
      return (await findManagedItem(db(), official.municipality, item.id, app.clock()))!
    },
  )

  registerRoute(app, routes.signups,
    async (request, reply) => {
      const official = request.official!
      const item = await ownTable(official.municipality, request.params.id)
      const rows = await signupsOfItem(db(), item.id)
      const contacts = await contactsOf(db(), 'signup', rows.map((r) => r.id))
      await recordAudit(db(), { officialId: official.id, municipality: official.municipality, action: 'table.signups.read', itemId: item.id, details: { count: rows.length } }, app.clock())
      reply.header('cache-control', 'no-store')
      return rows.map((r) => ({
        id: r.id,
        status: r.status,
        name: contacts.get(r.id)?.name ?? null,
        contact: contacts.get(r.id)?.contact ?? null,
        ageBand: r.ageBand,
        area: r.area,
        roles: r.roles,
        motivation: r.motivation,
        accessibilityNeeds: r.accessibilityNeeds,
        receivedAt: r.receivedAt.toISOString(),
        drawPosition: r.drawPosition,
      }))
    },
  )

  registerRoute(app, routes.draw,
    async (request) => {
      const official = request.official!
      const item = await ownTable(official.municipality, request.params.id)
      const table = await findTable(db(), item.id)
      if (!table) throw new HttpError(409, 'conflict', 'Set the assignment first')
      if (table.drawnAt) throw new HttpError(409, 'conflict', 'The selection has been made already')
      if (app.clock() < new Date(table.assignment.signupClosesAt)) throw new HttpError(409, 'conflict', 'Sign-up is still open')
      const outcome = await runSelection(db(), messenger(), { itemId: item.id, itemTitle: item.title, assignment: table.assignment, seed: request.body.seed }, app.clock()).catch((error: unknown) => {
        throw error instanceof AlreadyDrawnError ? new HttpError(409, 'conflict', 'The selection has been made already') : error
      })
      await recordAudit(db(), { officialId: official.id, municipality: official.municipality, action: 'table.draw', itemId: item.id, details: { panel: outcome.panel.length, waitlist: outcome.waitlist.length } }, app.clock())
      return { panel: outcome.panel.length, waitlist: outcome.waitlist.length, shortfalls: outcome.shortfalls }
    },
  )

  registerRoute(app, routes.advice,
    async (request) => {
      const official = request.official!
      const item = await ownTable(official.municipality, request.params.id)
      if (!(await findTable(db(), item.id))) throw new HttpError(409, 'conflict', 'Set the assignment first')
      await publishAdvice(db(), item.id, request.body, app.clock())
      await recordAudit(db(), { officialId: official.id, municipality: official.municipality, action: 'table.advice', itemId: item.id }, app.clock())
      return (await findManagedItem(db(), official.municipality, item.id, app.clock()))!
    },
  )

  registerRoute(app, routes.interests,
    async (request) => interestCounts(db(), request.official!.municipality),
  )

  registerRoute(app, routes.inviteInterested,
    async (request) => {
      const official = request.official!
      const item = await ownTable(official.municipality, request.params.id)
      const invitedBefore = await devicesMessaged(db(), item.id, 'invited')
      const people = (await interestedIn(db(), official.municipality, item.theme)).filter((p) => !invitedBefore.has(p.deviceKey))
      await addDeviceMessages(db(), people.map((p) => ({ deviceKey: p.deviceKey, itemId: item.id, kind: 'invited' as const })), app.clock())
      const link = `${app.publicUrl}/items/${item.id}`
      const emailed = await sendAll(
        messenger(),
        people.flatMap((p) => (p.contact?.contact.channel === 'email' ? [{ to: p.contact.contact.value, about: p.id, ...mailTexts.invited({ name: p.contact.name, itemTitle: item.title, link }) }] : [])),
      )
      await recordAudit(db(), { officialId: official.id, municipality: official.municipality, action: 'table.invite', itemId: item.id, details: { invited: people.length, emailed } }, app.clock())
      return { invited: people.length, emailed }
    },
  )
}
