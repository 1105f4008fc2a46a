import fp from 'fastify-plugin'
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify'
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod'
import type { ErrorCode, InvalidParam } from '../../shared/schemas/error'
import { HttpError } from '../errors'
import { errorForLog } from '../log-safety'
import { codeForStatus, PROBLEM_CONTENT_TYPE, problemBody } from '../problem'

/** Sends the contract's error body (problem+json with the `error` member) on a Fastify reply. */
export function sendProblem(reply: FastifyReply, status: number, code: ErrorCode, message: string, invalidParams?: InvalidParam[]): FastifyReply {
  return reply.status(status).type(PROBLEM_CONTENT_TYPE).send(problemBody(status, code, message, invalidParams))
}

/** Fastify's own 4xx messages are plain, but a few quote the request: keep those short. */
function clientMessage(error: FastifyError): string {
  if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') return 'The body is not valid JSON'
  return error.message.length > 200 ? `${error.message.slice(0, 200)}…` : error.message
}

/** Turns every error into the contract's body; 5xx never shows internals. */
export const errorHandlerPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    if (error instanceof HttpError) {
      return sendProblem(reply, error.statusCode, error.code, error.message, error.invalidParams)
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const context = error.validationContext ?? 'request'
      const invalidParams = error.validation.slice(0, 20).map((v) => ({ name: `${context}${v.instancePath || ''}`, reason: v.message ?? 'invalid' }))
      const details = invalidParams
        .slice(0, 5)
        .map((p) => `${p.name}: ${p.reason}`)
        .join('; ')
      return sendProblem(reply, 400, 'bad_request', details, invalidParams)
    }
    const status = typeof error.statusCode === 'number' ? error.statusCode : 500
    if (status >= 400 && status < 500) {
      return sendProblem(reply, status, codeForStatus(status), clientMessage(error))
    }
    if (status === 503) return sendProblem(reply, 503, 'unavailable', 'The service is not available right now. Please try again later.')
    request.log.error({ err: errorForLog(error) }, 'request failed')
    return sendProblem(reply, 500, 'internal', 'Something went wrong on our side. Please try again later.')
  })
})
