import { z } from 'zod'
import { defineRoute } from './route'

/** The OpenAPI document of this API (generated from this route table). */
export const openapiRoutes = {
  document: defineRoute({
    method: 'GET', path: '/openapi.json', summary: 'This OpenAPI document', tag: 'public', access: 'public', hidden: true,
    responses: { 200: z.record(z.string(), z.unknown()) }, errors: {},
  }),
} as const
