import type { FastifyRequest } from 'fastify'
import { parseDeviceAuthorization } from '../../shared/schemas/device-credentials'
import { badRequest } from '../errors'

/**
 * The device id a request proves itself with (`Authorization: Device <deviceId>`), or null when
 * it sends none (the route then answers as for a device it does not know: nothing to see,
 * nothing to change). An id that is not in form (fewer than 22 base64url characters, 128 bits)
 * is refused with 400, so a guessable id is never looked up.
 */
export function deviceIdOf(request: FastifyRequest): string | null {
  const parsed = parseDeviceAuthorization(request.headers.authorization)
  if (parsed === 'malformed') throw badRequest('Authorization: expected "Device <id>" with an id of at least 22 base64url characters')
  return parsed
}
