import fp from 'fastify-plugin'
import type { FastifyInstance, FastifyRequest } from 'fastify'

/**
 * Strict by default: only our own origin may load scripts, styles, images and connections.
 * No inline script is needed because Vite emits every script as a file.
 */
export const CONTENT_SECURITY_POLICY = [
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
  "frame-ancestors 'none'",
].join('; ')

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

export const securityHeadersPlugin = fp(async (app: FastifyInstance, options: SecurityHeaderOptions) => {
  app.addHook('onSend', async (request, reply, payload) => {
    const headers = securityHeaders(request, options)
    // A route that sets a policy of its own (an SVG image: `default-src 'none'`) keeps it.
    if (reply.hasHeader('content-security-policy')) delete headers['content-security-policy']
    reply.headers(headers)
    return payload
  })
})
