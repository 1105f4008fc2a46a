import type { FastifyRequest } from 'fastify'

/** Path segments that are secrets (a device id works like a password) are masked in logs. */
export function safeUrl(url: string): string {
  const path = url.replace(/^(\/api\/devices\/)[^/?]+/, '$1[device]')
  // Query strings may carry search terms or tokens; the path is enough to debug.
  return path.split('?')[0] ?? path
}

/**
 * What a request log line holds: method and masked path only. No headers (cookies, tokens),
 * no bodies (answers, contact details), no client address.
 */
export function requestForLog(request: FastifyRequest): { method: string; url: string } {
  return { method: request.method, url: safeUrl(request.url) }
}
