import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { HealthSchema } from '../../shared/schemas/health'

export const healthRoutes: FastifyPluginAsyncZod<{ version: string }> = async (app, options) => {
  app.get(
    '/api/health',
    { schema: { summary: 'Is the service up', tags: ['public'], response: { 200: HealthSchema } } },
    async () => ({ status: 'ok' as const, database: app.database.kind, version: options.version }),
  )
}
