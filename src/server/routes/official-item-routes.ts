import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { ErrorBodySchema } from '../../shared/schemas/error'
import { ItemDraftSchema, ItemIdSchema, ManagedItemListSchema, ManagedItemSchema, PublishRequestSchema } from '../../shared/schemas/item-draft'
import { listManagedItems } from '../repos/managed-item-repo'
import { closeOwnItem, createItem, managedItem, publishOwnItem, updateItem } from '../services/item-service'

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema, 409: ErrorBodySchema }

/** Officials write, publish and close the items of their own municipality. */
export const officialItemRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preHandler', app.requireOfficial())
  const db = () => app.database.db
  const context = () => ({ db: db(), now: app.clock() })

  app.get(
    '/api/official/items',
    { schema: { summary: 'All items of my municipality, drafts included', tags: ['official'], response: { 200: ManagedItemListSchema, ...errors } } },
    async (request) => ({ items: await listManagedItems(db(), request.official!.municipality, app.clock()) }),
  )

  app.post(
    '/api/official/items',
    { schema: { summary: 'Create a draft item', tags: ['official'], body: ItemDraftSchema, response: { 201: ManagedItemSchema, ...errors } } },
    async (request, reply) => reply.status(201).send(await createItem(context(), request.official!, request.body)),
  )

  app.get(
    '/api/official/items/:id',
    { schema: { summary: 'One item of my municipality', tags: ['official'], params: ItemIdSchema, response: { 200: ManagedItemSchema, ...errors } } },
    async (request) => managedItem(context(), request.official!.municipality, request.params.id),
  )

  app.put(
    '/api/official/items/:id',
    {
      schema: { summary: 'Edit an item; published items keep answers intact', tags: ['official'], params: ItemIdSchema, body: ItemDraftSchema, response: { 200: ManagedItemSchema, ...errors } },
    },
    async (request) => updateItem(context(), request.official!, request.params.id, request.body),
  )

  app.post(
    '/api/official/items/:id/publish',
    {
      schema: {
        summary: 'Publish an item; it opens for residents at its opening time (scheduled when in the future)',
        tags: ['official'],
        params: ItemIdSchema,
        body: PublishRequestSchema.optional(),
        response: { 200: ManagedItemSchema, ...errors },
      },
    },
    async (request) => publishOwnItem(context(), request.official!, request.params.id),
  )

  app.post(
    '/api/official/items/:id/close',
    {
      schema: { summary: 'Close an open item early', tags: ['official'], params: ItemIdSchema, body: z.object({}).strict().optional(), response: { 200: ManagedItemSchema, ...errors } },
    },
    async (request) => closeOwnItem(context(), request.official!, request.params.id),
  )
}
