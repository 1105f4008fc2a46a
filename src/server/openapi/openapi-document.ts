import { STATUS_CODES } from 'node:http'
import { z } from 'zod'
import { allRoutes, type RouteDefinition } from '../../shared/routes'
import { SIGNED_IN_ACCESS } from '../../shared/routes/route'
import { CSRF_HEADER, SESSION_COOKIE } from '../plugins/auth'

/**
 * The OpenAPI 3.1 document, generated from the shared route table and the Zod schemas that also
 * validate requests, shaped by the NLGov REST API Design Rules: `servers` with the major version,
 * `info.contact`, problem+json errors with one Problem schema, the `API-Version` header on every
 * answer, and the security schemes callers actually use.
 */
export interface OpenApiOptions {
  version: string
  contact: { name: string; url: string; email: string }
  /** The versioned base path the routes live under. */
  basePath: string
  routes?: RouteDefinition[]
}

type JsonSchema = Record<string, unknown>
type Io = 'input' | 'output'

const PROBLEM_JSON = 'application/problem+json'
const REF_PREFIX = '#/components/schemas/'

/** `/items/:id` -> `/items/{id}`. */
export function openapiPath(path: string): string {
  return path.replace(/:(\w+)/g, '{$1}')
}

function withoutDialect(schema: JsonSchema): JsonSchema {
  // Component schemas must not carry an `$id` (a `#` in it is invalid) or their own `$schema`.
  const { $id: _id, $schema: _schema, ...rest } = schema
  return rest
}

/**
 * Converts every named schema of the global registry plus the route's unnamed ones in one pass,
 * so named schemas become `$ref`s to components and each is written once.
 */
function convert(io: Io, anonymous: Map<z.ZodType, string>) {
  const registry = z.registry<{ id?: string }>()
  for (const [id, schema] of z.globalRegistry._idmap) registry.add(schema, { id })
  for (const [schema, id] of anonymous) if (!registry.has(schema)) registry.add(schema, { id })
  const suffix = io === 'input' ? 'Input' : ''
  const { schemas } = z.toJSONSchema(registry, { io, unrepresentable: 'any', uri: (id) => `${REF_PREFIX}${id}${suffix}` })
  const out = new Map<string, JsonSchema>()
  for (const [id, schema] of Object.entries(schemas)) out.set(id, withoutDialect(schema as JsonSchema))
  return out
}

function refsIn(value: unknown, found: Set<string>): void {
  if (Array.isArray(value)) for (const v of value) refsIn(v, found)
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === '$ref' && typeof v === 'string' && v.startsWith(REF_PREFIX)) found.add(v.slice(REF_PREFIX.length))
      else refsIn(v, found)
    }
  }
}

function accepts(schema: z.ZodType, value: unknown): boolean {
  return schema.safeParse(value).success
}

const versionHeader = { $ref: '#/components/headers/ApiVersion' }

export function buildOpenApiDocument(options: OpenApiOptions): Record<string, unknown> {
  const routes = (options.routes ?? allRoutes()).filter((r) => !r.hidden)

  // Unnamed schemas of the routes get a temporary id; they are inlined below, named ones referenced.
  const anonymous = new Map<z.ZodType, string>()
  const temp = (schema: z.ZodType | undefined): string | undefined => {
    if (!schema) return undefined
    const named = z.globalRegistry.get(schema)?.id
    if (typeof named === 'string') return named
    let id = anonymous.get(schema)
    if (!id) {
      id = `__route_${anonymous.size}`
      anonymous.set(schema, id)
    }
    return id
  }
  for (const r of routes) {
    for (const s of [r.params, r.query, r.body, ...Object.values(r.responses), ...Object.values(r.errorSchemas ?? {})]) temp(s)
  }
  const inputs = convert('input', anonymous)
  const outputs = convert('output', anonymous)

  const schemaRef = (schema: z.ZodType, io: Io): JsonSchema => {
    const id = temp(schema) as string
    if (id.startsWith('__route_')) return (io === 'input' ? inputs : outputs).get(id) as JsonSchema
    return { $ref: `${REF_PREFIX}${id}${io === 'input' ? 'Input' : ''}` }
  }

  const parametersOf = (route: RouteDefinition): JsonSchema[] => {
    const parameters: JsonSchema[] = []
    for (const [where, schema] of [['path', route.params], ['query', route.query]] as const) {
      if (!schema) continue
      // The object's own conversion: its properties, with named schemas as references.
      const id = temp(schema) as string
      const json = inputs.get(id) as { properties?: Record<string, JsonSchema>; required?: string[] }
      for (const [name, field] of Object.entries(json.properties ?? {})) {
        const { description, ...fieldSchema } = field
        parameters.push({
          name,
          in: where,
          required: where === 'path' || (json.required ?? []).includes(name),
          ...(typeof description === 'string' ? { description } : {}),
          schema: fieldSchema,
        })
      }
    }
    return parameters
  }

  const securityOf = (route: RouteDefinition): JsonSchema[] => {
    if (SIGNED_IN_ACCESS.includes(route.access)) {
      return route.method === 'GET' ? [{ sessionCookie: [] }] : [{ sessionCookie: [], csrfToken: [] }]
    }
    if (route.deviceAuth) return [{ deviceAuth: [] }]
    return []
  }

  const paths: Record<string, Record<string, unknown>> = {}
  for (const route of routes) {
    const responses: Record<string, unknown> = {}
    for (const [status, schema] of Object.entries(route.responses)) {
      if (!schema) continue
      const media = route.produces ?? ['application/json']
      responses[status] = {
        description: `${STATUS_CODES[Number(status)] ?? 'Success'}: ${route.summary}`,
        headers: { 'API-Version': versionHeader },
        content: Object.fromEntries(media.map((type) => [type, { schema: type === 'application/json' ? schemaRef(schema, 'output') : { type: 'string' } }])),
      }
    }
    for (const [status, codes] of Object.entries(route.errors)) {
      const override = route.errorSchemas?.[Number(status) as keyof RouteDefinition['errors']]
      responses[status] = {
        description: `${STATUS_CODES[Number(status)] ?? 'Error'}; \`code\` is one of: ${(codes ?? []).map((c) => `\`${c}\``).join(', ')}`,
        headers: { 'API-Version': versionHeader },
        content: { [PROBLEM_JSON]: { schema: override ? schemaRef(override, 'output') : { $ref: `${REF_PREFIX}Problem` } } },
      }
    }
    const operation: Record<string, unknown> = {
      operationId: operationIdOf(route),
      summary: route.summary,
      tags: [route.tag],
      'x-access': route.access,
      security: securityOf(route),
      ...(route.deprecated ? { deprecated: true } : {}),
      responses,
    }
    const parameters = parametersOf(route)
    if (parameters.length > 0) operation.parameters = parameters
    if (route.body) {
      operation.requestBody = { required: !accepts(route.body, undefined), content: { 'application/json': { schema: schemaRef(route.body, 'input') } } }
    }
    const path = openapiPath(route.path)
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operation }
  }

  // Every named schema as it is answered, plus the request forms (`...Input`) the operations reach.
  const components: Record<string, JsonSchema> = { Problem: problemSchema(outputs.get('ErrorBody') as JsonSchema) }
  for (const [id, schema] of outputs) if (!id.startsWith('__route_')) components[id] = schema
  const pending = new Set<string>()
  refsIn(paths, pending)
  refsIn(components, pending)
  while (pending.size > 0) {
    const [name] = pending as unknown as [string]
    pending.delete(name)
    if (components[name]) continue
    const schema = name.endsWith('Input') && inputs.has(name.slice(0, -'Input'.length)) ? inputs.get(name.slice(0, -'Input'.length)) : outputs.get(name)
    if (!schema) throw new Error(`OpenAPI: no schema for ${name}`)
    components[name] = schema
    refsIn(schema, pending)
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'Meepraat API',
      version: options.version,
      description:
        'Resident participation for Dutch municipalities. Errors are `application/problem+json` (RFC 9457) with the older `error: {code, message}` member kept for existing clients; every answer carries `API-Version`. `/api/...` is an alias of the versioned `/api/v1/...`.',
      contact: options.contact,
    },
    servers: [{ url: options.basePath, description: 'This server (relative to the address the document came from)' }],
    tags: [...new Set(routes.map((r) => r.tag))].sort().map((name) => ({ name })),
    paths,
    components: {
      schemas: Object.fromEntries(Object.entries(components).sort(([a], [b]) => a.localeCompare(b))),
      headers: {
        ApiVersion: { description: 'The full version of the API (semantic versioning)', required: true, schema: { type: 'string', example: options.version } },
      },
      securitySchemes: {
        sessionCookie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'The session of a signed-in official (set by POST /auth/login)' },
        csrfToken: { type: 'apiKey', in: 'header', name: CSRF_HEADER, description: 'The `csrfToken` from POST /auth/login or GET /auth/me; required with the session on every change' },
        deviceAuth: { type: 'http', scheme: 'Device', description: '`Authorization: Device <deviceId>`: the secret id a resident device made for itself' },
      },
    },
  }
}

/** `GET /items/:id` -> `getItemsById`: unique, stable, readable. */
function operationIdOf(route: RouteDefinition): string {
  const words = route.path
    .split('/')
    .filter(Boolean)
    .map((segment) => (segment.startsWith(':') ? `by-${segment.slice(1)}` : segment))
    .join('-')
    .split(/[-.]/)
  return route.method.toLowerCase() + words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('')
}

/** The problem body as this server always sends it: every RFC 9457 member it fills is required. */
function problemSchema(errorBody: JsonSchema): JsonSchema {
  return {
    ...errorBody,
    description: 'An error (RFC 9457 problem details). `error` repeats `code` and `detail` for clients of the first contract.',
    required: ['type', 'title', 'status', 'detail', 'code', 'error'],
  }
}
