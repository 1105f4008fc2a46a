import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import type { Notifier } from '../notify/notifier'

declare module 'fastify' {
  interface FastifyInstance {
    notifier: Notifier
    /** Base URL for links in messages. */
    publicUrl: string
  }
}

export const notifierPlugin = fp(async (app: FastifyInstance, options: { notifier: Notifier; publicUrl: string }) => {
  app.decorate('notifier', options.notifier)
  app.decorate('publicUrl', options.publicUrl)
  app.addHook('onClose', async () => options.notifier.close())
})
