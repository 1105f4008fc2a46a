import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify'
import type { z } from 'zod'
import type { RouteBody, RouteDefinition, RouteParams, RouteQuery, RouteReply } from '../../shared/routes/route'
import { ErrorBodySchema } from '../../shared/schemas/error'

/** Where every route is served; `/api/v1/...` reaches the same routes (see app.ts). */
export const API_PREFIX = '/api'

/** The request a handler gets: params, query and body already parsed with the route's schemas. */
export type RouteRequest<R extends RouteDefinition> = FastifyRequest<{
  Params: RouteParams<R>
  Querystring: RouteQuery<R>
  Body: RouteBody<R>
}>

/** A handler answers the declared success body, or sends its own reply (a status, an export). */
export type RouteHandler<R extends RouteDefinition> = (request: RouteRequest<R>, reply: FastifyReply) => Promise<RouteReply<R> | FastifyReply>

/** What a route adds on top of its declaration: rate limits, body limits, its own hooks. */
export type RouteExtras = Omit<RouteShorthandOptions, 'schema'>

/** The Fastify schema of a declared route: Zod schemas validate requests and serialise answers. */
export function fastifySchemaOf(route: RouteDefinition) {
  const response: Record<number, z.ZodType | undefined> = { ...route.responses }
  for (const status of Object.keys(route.errors)) {
    const code = Number(status) as keyof RouteDefinition['errors']
    response[code] = route.errorSchemas?.[code] ?? ErrorBodySchema
  }
  return {
    summary: route.summary,
    tags: [route.tag],
    ...(route.params ? { params: route.params } : {}),
    ...(route.query ? { querystring: route.query } : {}),
    ...(route.body ? { body: route.body } : {}),
    response,
  }
}

/**
 * Registers a handler for a route of the shared route table, with the request and answer types
 * inferred from its declaration. Access is enforced by the route plugin's hooks, as before; the
 * route-access test checks both agree.
 */
export function registerRoute<R extends RouteDefinition>(app: FastifyInstance, route: R, handler: RouteHandler<R>): void
export function registerRoute<R extends RouteDefinition>(app: FastifyInstance, route: R, extras: RouteExtras, handler: RouteHandler<R>): void
export function registerRoute<R extends RouteDefinition>(app: FastifyInstance, route: R, ...rest: [RouteHandler<R>] | [RouteExtras, RouteHandler<R>]): void {
  const [extras, handler] = rest.length === 1 ? [{}, rest[0]] : rest
  app.route({
    ...extras,
    method: route.method,
    url: `${API_PREFIX}${route.path}`,
    schema: fastifySchemaOf(route),
    handler: handler as (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>,
  })
}
