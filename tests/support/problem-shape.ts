import { ERROR_CODES } from '../../src/shared/schemas/error'

/**
 * Why an error answer is not in the contract's shape (problem+json with the `error` member), or
 * undefined when it is. Shared by the error-body tests and the fuzz campaign.
 */
export function problemShapeFault(status: number, contentType: string | undefined, text: string): string | undefined {
  if (!contentType?.startsWith('application/problem+json')) return `content-type ${contentType ?? '(none)'}`
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    return 'body is not JSON'
  }
  if (typeof body !== 'object' || body === null) return 'body is not an object'
  const b = body as Record<string, unknown>
  const error = b.error as Record<string, unknown> | undefined
  if (typeof error !== 'object' || error === null) return 'no error member'
  if (!(ERROR_CODES as readonly unknown[]).includes(error.code)) return `error.code ${String(error.code)}`
  if (typeof error.message !== 'string') return 'error.message is not a string'
  if (typeof b.type !== 'string' || typeof b.title !== 'string' || typeof b.detail !== 'string') return 'type/title/detail missing'
  if (b.status !== status) return `status member ${String(b.status)} is not ${status}`
  if (b.code !== error.code) return 'code differs from error.code'
  if (b.invalidParams !== undefined) {
    const ok = Array.isArray(b.invalidParams) && b.invalidParams.every((p: { name?: unknown; reason?: unknown }) => typeof p?.name === 'string' && typeof p?.reason === 'string')
    if (!ok) return 'invalidParams is not [{name, reason}]'
  }
  const extra = Object.keys(b).filter((k) => !['type', 'title', 'status', 'detail', 'code', 'invalidParams', 'error', 'instance'].includes(k))
  if (extra.length > 0) return `unexpected members ${extra.join(',')}`
  return undefined
}
