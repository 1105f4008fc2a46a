import type { z } from 'zod'
import type { ErrorCode } from '../error-codes'

/**
 * One route of the HTTP API, declared once: the server registers its handler against it, the
 * OpenAPI document is generated from it and both clients call it through the typed HTTP client.
 */
export type RouteMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/**
 * Who may call a route: anyone (`public`), a resident's device that proves itself with its device
 * id (`device`), a signed-in official or admin (`official`, with the CSRF header on changes), an
 * admin of the official's municipality (`admin`), anyone signed in to the back office including
 * participation council members (`member`), or council members only (`council`).
 */
export type RouteAccess = 'public' | 'device' | 'official' | 'admin' | 'member' | 'council'

/** The access levels that need a signed-in back-office account. */
export const SIGNED_IN_ACCESS: readonly RouteAccess[] = ['official', 'admin', 'member', 'council']

/** Schemas of the successful answers, by status. */
export type SuccessResponses = Partial<Record<200 | 201 | 204, z.ZodType>>

/** The error codes a route can answer, by status (every one is a problem+json body). */
export type ErrorResponses = Partial<Record<400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 503, readonly ErrorCode[]>>

export interface RouteDefinition {
  method: RouteMethod
  /** Below the API base (`/api/v1`, alias `/api`), with `:name` parameters: `/items/:id`. */
  path: `/${string}`
  summary: string
  /** The group in the OpenAPI document. */
  tag: string
  access: RouteAccess
  params?: z.ZodObject
  query?: z.ZodObject
  body?: z.ZodType
  responses: SuccessResponses
  /** Media types of the 200 answer when it is not (only) JSON, e.g. an export. */
  produces?: readonly string[]
  errors: ErrorResponses
  /** An error body with more than the problem members (the default is the shared error body). */
  errorSchemas?: Partial<Record<keyof ErrorResponses, z.ZodType>>
  /** Whether the route is left out of the OpenAPI document (the document itself). */
  hidden?: boolean
  /**
   * The device proves itself with `Authorization: Device <deviceId>` (scheme `deviceAuth`);
   * without one it sees an empty result and can change nothing.
   */
  deviceAuth?: true
  /** Still answered, with `Deprecation` and `Sunset` headers, until its successor has replaced it. */
  deprecated?: true
}

/** Declares a route, keeping its literal types so the server and clients infer from it. */
export function defineRoute<const R extends RouteDefinition>(route: R): R {
  return route
}

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined
type Sent<S> = S extends z.ZodType ? z.input<S> : undefined

/** What the server reads from a request after validation. */
export type RouteParams<R extends RouteDefinition> = Parsed<R['params']>
export type RouteQuery<R extends RouteDefinition> = Parsed<R['query']>
export type RouteBody<R extends RouteDefinition> = Parsed<R['body']>

/** What a client sends (schema input types, before defaults and transforms). */
export type RouteParamsInput<R extends RouteDefinition> = Sent<R['params']>
export type RouteQueryInput<R extends RouteDefinition> = Sent<R['query']>
export type RouteBodyInput<R extends RouteDefinition> = Sent<R['body']>

/** The success status of a route: 201 when it declares one, otherwise 200. */
export type SuccessStatus<R extends RouteDefinition> = keyof R['responses'] & number
/** What the handler answers (the serializer's input) and the client receives (its output). */
export type RouteReply<R extends RouteDefinition> = Sent<R['responses'][SuccessStatus<R>]>
export type RouteResult<R extends RouteDefinition> = Parsed<R['responses'][SuccessStatus<R>]>

/** `/items/:id` with `{ id: 'x' }` -> `/items/x` (each value URI-encoded). */
export function fillPath(path: string, params: Record<string, string | number> | undefined): string {
  return path.replace(/:(\w+)/g, (_, name: string) => {
    const value = params?.[name]
    if (value === undefined) throw new Error(`missing path parameter ${name} for ${path}`)
    return encodeURIComponent(String(value))
  })
}
