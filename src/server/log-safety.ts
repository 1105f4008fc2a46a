import type { FastifyRequest } from 'fastify'

/** Path segments that are secrets (a device id works like a password) are masked in logs. */
export function safeUrl(url: string): string {
  const path = url.replace(/^(\/api(?:\/v1)?\/devices\/)[^/?]+/, '$1[device]')
  // Query strings may carry search terms or tokens; the path is enough to debug.
  return path.split('?')[0] ?? path
}

/**
 * The server's logger settings. Request lines go through {@link requestForLog}: the device id,
 * a bearer secret, travels in `Authorization: Device` (never logged: no headers are) or, on the
 * deprecated routes, in the path (masked).
 */
export function appLoggerOptions(level: string, stream?: { write(line: string): void }) {
  return { level, serializers: { req: requestForLog }, ...(stream ? { stream } : {}) }
}

/**
 * What a request log line holds: method and masked path only. No headers (cookies, tokens),
 * no bodies (answers, contact details), no client address.
 */
export function requestForLog(request: FastifyRequest): { method: string; url: string } {
  return { method: request.method, url: safeUrl(request.url) }
}

/**
 * What a log line may say about a failure. Driver and ORM errors carry the failing query's
 * parameters (answers, contact details), so only the first line of the message, cut short, and
 * the error codes are kept.
 */
export function errorForLog(error: unknown): { type: string; code?: string; message: string; cause?: string } {
  const firstLine = (text: unknown) => String(text ?? '').split('\n')[0]?.slice(0, 300) ?? ''
  if (!(error instanceof Error)) return { type: typeof error, message: firstLine(error) }
  const code = (error as { code?: unknown }).code
  const cause = (error as { cause?: unknown }).cause
  return {
    type: error.name,
    ...(typeof code === 'string' ? { code } : {}),
    message: firstLine(error.message),
    ...(cause instanceof Error ? { cause: `${(cause as { code?: string }).code ?? cause.name}: ${firstLine(cause.message)}` } : {}),
  }
}
