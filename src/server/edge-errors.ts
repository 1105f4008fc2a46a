import type { IncomingMessage } from 'node:http'
import type { Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { sendProblem } from './plugins/error-handler'
import { securityHeaders, type SecurityHeaderOptions } from './plugins/security-headers'
import { rawProblemResponse } from './problem'

/**
 * Errors Fastify's router answers before any route or hook runs: a URL that does not decode
 * (`/api/items/%ZZ`) and a path parameter over `maxParamLength`. Without this they get Fastify's
 * own body.
 */
export function frameworkErrorHandler(options: SecurityHeaderOptions) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
    reply.headers(securityHeaders(request, options))
    if (error.code === 'FST_ERR_BAD_URL') {
      void sendProblem(reply, 400, 'bad_request', 'The URL is not valid: it has a broken %-escape')
    } else if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
      void sendProblem(reply, 414, 'uri_too_long', 'A part of the URL is too long')
    } else {
      request.log.error({ code: error.code }, 'framework error')
      void sendProblem(reply, 500, 'internal', 'Something went wrong on our side. Please try again later.')
    }
  }
}

const CLIENT_ERRORS: Record<string, [number, 'request_timeout' | 'headers_too_large' | 'bad_request', string]> = {
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'request_timeout', 'The request took too long to arrive'],
  HPE_HEADER_OVERFLOW: [431, 'headers_too_large', 'The request headers are too large'],
}

/**
 * Errors Node's HTTP parser finds (bad framing, a NUL or space in the URL, an unknown method,
 * a request that arrives too slowly). There is no request to reply to yet, so a whole HTTP/1.1
 * response is written on the socket, then the connection is closed.
 */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
  // A connection reset or an already closed socket has nobody left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return
  const [status, code, message] = CLIENT_ERRORS[error.code ?? ''] ?? [400, 'bad_request', 'The request is not valid HTTP']
  if (socket.writable) socket.end(rawProblemResponse(status, code, message))
  socket.destroySoon()
}

/**
 * `CONNECT` (a proxy tunnel) never reaches the router: Node hands it to a 'connect' listener or
 * drops the connection without a word. This server is no proxy: say so in the contract's shape.
 */
export function refuseConnect(_request: IncomingMessage, socket: Duplex): void {
  socket.on('error', () => undefined)
  socket.end(rawProblemResponse(405, 'method_not_allowed', 'CONNECT is not supported', { Allow: 'GET, HEAD, POST, PUT, DELETE, OPTIONS' }))
}
