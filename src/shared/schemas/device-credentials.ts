/** Device ids in form: at least 22 base64url characters (128 bits), as `DeviceIdSchema` checks. */
export const DEVICE_ID_PATTERN = /^[A-Za-z0-9_-]{22,128}$/

export function isDeviceIdInForm(deviceId: string): boolean {
  return DEVICE_ID_PATTERN.test(deviceId)
}

/** The scheme of the `Authorization` header device routes take: `Authorization: Device <deviceId>`. */
export const DEVICE_AUTH_SCHEME = 'Device'

/** The header value a client sends. */
export function deviceAuthorization(deviceId: string): string {
  return `${DEVICE_AUTH_SCHEME} ${deviceId}`
}

/**
 * The device id from an `Authorization` header: `null` when the header is absent or uses another
 * scheme (the route then sees an empty result), `'malformed'` when it is a Device header whose id
 * is not in form (the route answers 400).
 */
export function parseDeviceAuthorization(header: string | undefined): string | null | 'malformed' {
  if (!header) return null
  const match = /^Device\s+(\S+)\s*$/i.exec(header)
  if (!match) return /^Device\b/i.test(header) ? 'malformed' : null
  return isDeviceIdInForm(match[1]!) ? match[1]! : 'malformed'
}
