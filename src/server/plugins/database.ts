import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import type { Database } from '../db/client'

declare module 'fastify' {
  interface FastifyInstance {
    database: Database
    /** The server's clock; tests inject a fixed one. The server, not the client, decides time. */
    clock: () => Date
  }
}

export interface DatabasePluginOptions {
  database: Database
  clock: () => Date
  /** Close the database when the app closes (the app owns it). */
  closeOnShutdown: boolean
}

export const databasePlugin = fp(async (app: FastifyInstance, options: DatabasePluginOptions) => {
  app.decorate('database', options.database)
  app.decorate('clock', options.clock)
  if (options.closeOnShutdown) app.addHook('onClose', async () => options.database.close())
})
