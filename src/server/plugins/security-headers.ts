import fp from 'fastify-plugin'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'

/**
 * Strict by default: only our own origin may load scripts, styles, images and connections.
 * No inline script is needed because Vite emits every script as a file.
 */
const POLICY_DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
]

export const CONTENT_SECURITY_POLICY = [...POLICY_DIRECTIVES, "frame-ancestors 'none'"].join('; ')

/**
 * The same policy for a page made to be framed (the widget, `/embed/SLUG`): `frame-ancestors`
 * lists exactly the given origins, and none given means `'none'`, as on every other page.
 */
export function framablePolicy(origins: readonly string[]): string {
  const ancestors = origins.length > 0 ? origins.join(' ') : "'none'"
  return [...POLICY_DIRECTIVES, `frame-ancestors ${ancestors}`].join('; ')
}

/** Replies allowed to be framed by the origins in their own policy: they get no `X-Frame-Options: DENY`. */
const framableReplies = new WeakSet<FastifyReply>()

/**
 * Lets the origins frame this one reply (and only when there are any). `X-Frame-Options` cannot
 * list origins, so it is left out and `frame-ancestors`, which every current browser obeys, decides.
 */
export function allowFramingBy(reply: FastifyReply, origins: readonly string[]): void {
  reply.header('content-security-policy', framablePolicy(origins))
  if (origins.length > 0) framableReplies.add(reply)
}

/** One year; no `includeSubDomains`, since a municipality's other sub-domains are not ours to pin. */
export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000'

export interface SecurityHeaderOptions {
  /** The app version, sent as `API-Version` on every answer. */
  version: string
  /**
   * The deployment is reached over HTTPS (PUBLIC_URL is https). Then every answer carries
   * `Strict-Transport-Security`; otherwise only answers to a request that came over HTTPS (directly,
   * or through a trusted proxy's `X-Forwarded-Proto`). Browsers ignore the header over plain HTTP.
   */
  httpsDeployment: boolean
}

/** The headers every answer carries, also the router's framework errors (which skip the hooks). */
export function securityHeaders(request: FastifyRequest, options: SecurityHeaderOptions): Record<string, string> {
  const headers: Record<string, string> = {
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'permissions-policy': 'camera=(), microphone=(), geolocation=()',
    'cross-origin-opener-policy': 'same-origin',
    'api-version': options.version,
  }
  if (options.httpsDeployment || request.protocol === 'https') headers['strict-transport-security'] = STRICT_TRANSPORT_SECURITY
  return headers
}

/**
 * Headers only a document or a worker obeys. A stylesheet, a script or an image that a page loads
 * is governed by that page's policy, never its own; on a first visit the poll loads a dozen such
 * files over a slow line, and these four were half of each one's ~820 header bytes.
 */
const DOCUMENT_ONLY_HEADERS = ['content-security-policy', 'x-frame-options', 'permissions-policy', 'cross-origin-opener-policy'] as const

/** Media types a browser never shows as a page of their own (unlike HTML, SVG, XML, JSON and text). */
const SUBRESOURCE_TYPES = /^(text\/css|(text|application)\/javascript|image\/(png|jpeg|webp|avif|gif|x-icon)|font\/[\w-]+|application\/manifest\+json)\s*(;|$)/i

/**
 * Whether an answer is only ever a part of a page: then the document-only headers are left off.
 * A service worker's script keeps them, since a worker's policy is the one its script came with.
 */
export function isSubresourceOnly(contentType: string, request: Pick<FastifyRequest, 'headers' | 'url'>): boolean {
  if (!SUBRESOURCE_TYPES.test(contentType)) return false
  const worker = request.headers['service-worker'] === 'script' || request.url.split('?')[0] === '/sw.js'
  return !worker
}

export const securityHeadersPlugin = fp(async (app: FastifyInstance, options: SecurityHeaderOptions) => {
  app.addHook('onSend', async (request, reply, payload) => {
    const headers = securityHeaders(request, options)
    // A route that sets a policy of its own (an SVG image: `default-src 'none'`) keeps it.
    if (reply.hasHeader('content-security-policy')) delete headers['content-security-policy']
    if (framableReplies.has(reply)) delete headers['x-frame-options']
    if (isSubresourceOnly(String(reply.getHeader('content-type') ?? ''), request)) for (const name of DOCUMENT_ONLY_HEADERS) delete headers[name]
    reply.headers(headers)
    return payload
  })
})
