import fp from 'fastify-plugin'
import type { FastifyError, FastifyInstance } from 'fastify'
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod'
import type { ErrorBody, ErrorCode } from '../../shared/schemas/error'
import { HttpError } from '../errors'
import { errorForLog } from '../log-safety'

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
}

function body(code: ErrorCode, message: string): ErrorBody {
  return { error: { code, message } }
}

/** Turns every error into `{"error":{"code","message"}}`; 5xx never shows internals. */
export const errorHandlerPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    if (error instanceof HttpError) {
      return reply.status(error.statusCode).send(body(error.code, error.message))
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const details = error.validation
        .slice(0, 5)
        .map((v) => `${error.validationContext ?? 'request'}${v.instancePath || ''}: ${v.message ?? 'invalid'}`)
        .join('; ')
      return reply.status(400).send(body('bad_request', details))
    }
    const status = typeof error.statusCode === 'number' ? error.statusCode : 500
    if (status >= 400 && status < 500) {
      return reply.status(status).send(body(CODE_BY_STATUS[status] ?? 'bad_request', error.message))
    }
    request.log.error({ err: errorForLog(error) }, 'request failed')
    return reply.status(500).send(body('internal', 'Something went wrong on our side. Please try again later.'))
  })
})
