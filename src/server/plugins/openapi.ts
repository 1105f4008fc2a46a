import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { openapiRoutes } from '../../shared/routes/openapi-routes'
import { buildOpenApiDocument, type OpenApiOptions } from '../openapi/openapi-document'
import { registerRoute } from '../routes/register-route'

/** Serves the OpenAPI 3.1 document, generated once from the shared route table. */
export const openapiPlugin = fp(async (app: FastifyInstance, options: Omit<OpenApiOptions, 'routes'>) => {
  let document: Record<string, unknown> | undefined
  registerRoute(app, openapiRoutes.document, async () => (document ??= buildOpenApiDocument(options)))
})
