import { STATUS_CODES } from 'node:http'
import type { ErrorBody, ErrorCode, InvalidParam } from '../shared/schemas/error'

/**
 * The single place an error body is made. Every path that answers an error (the error handler,
 * the not-found handler, the router's framework errors and the HTTP parser's client errors) goes
 * through here, so no answer of this server has another shape.
 */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8'

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  408: 'request_timeout',
  409: 'conflict',
  413: 'payload_too_large',
  414: 'uri_too_long',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  431: 'headers_too_large',
  503: 'unavailable',
}

/** The code for a status that came without one of ours (Fastify's own errors, parser errors). */
export function codeForStatus(status: number): ErrorCode {
  return CODE_BY_STATUS[status] ?? (status >= 500 ? 'internal' : 'bad_request')
}

export function problemBody(status: number, code: ErrorCode, message: string, invalidParams?: InvalidParam[]): ErrorBody {
  return {
    type: 'about:blank',
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail: message,
    code,
    ...(invalidParams && invalidParams.length > 0 ? { invalidParams } : {}),
    error: { code, message },
  }
}

/**
 * A whole HTTP/1.1 response for the socket, for errors the HTTP parser finds before there is a
 * request to reply to (bad framing, NUL in the URL, headers too large, a request timeout).
 */
export function rawProblemResponse(status: number, code: ErrorCode, message: string, headers: Record<string, string> = {}): string {
  const body = JSON.stringify(problemBody(status, code, message))
  const lines = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`,
    `Content-Type: ${PROBLEM_CONTENT_TYPE}`,
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ]
  return `${lines.join('\r\n')}\r\n\r\n${body}`
}
