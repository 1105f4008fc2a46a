import type { FastifyReply } from 'fastify'

/**
 * The device routes with the id in the path (`/devices/:deviceId/...`) are deprecated since
 * this release and answer until one release later (about six months): phones that have not
 * updated keep their inbox meanwhile. Constants, so every answer says the same.
 */
export const DEVICE_PATH_ROUTES_DEPRECATED_AT = new Date('2026-12-01T00:00:00Z')
export const DEVICE_PATH_ROUTES_SUNSET_AT = new Date('2027-06-01T00:00:00Z')

/**
 * `Deprecation` (RFC 9745: a structured-field date, `@` and seconds since the epoch), `Sunset`
 * (RFC 8594: an HTTP-date) and a `Link` to the route that replaces it.
 */
export function markDeprecated(reply: FastifyReply, successor: string): void {
  reply.header('deprecation', `@${Math.floor(DEVICE_PATH_ROUTES_DEPRECATED_AT.getTime() / 1000)}`)
  reply.header('sunset', DEVICE_PATH_ROUTES_SUNSET_AT.toUTCString())
  reply.header('link', `<${successor}>; rel="successor-version"`)
}
