import { z } from 'zod'
import { ERROR_CODES } from '../error-codes'

/** Machine-readable error codes used in every error body of the API: see ../error-codes.ts. */
export { ERROR_CODES, type ErrorCode } from '../error-codes'

/** One input that failed validation: where (`body/answers/q1`, `params/id`) and why. */
export const InvalidParamSchema = z.object({ name: z.string(), reason: z.string() }).meta({ id: 'InvalidParam' })
export type InvalidParam = z.infer<typeof InvalidParamSchema>

/**
 * The one error shape of the API, sent as `application/problem+json` (RFC 9457, as the NLGov REST
 * API Design Rules ask): `type`, `title`, `status`, `detail`, `code`, `invalidParams` for
 * validation errors, and the older `error: {code, message}` member that clients read. The problem
 * members are optional here so a client still understands an answer with only `error`.
 */
export const ErrorBodySchema = z
  .object({
    type: z.string().optional().meta({ description: 'URI of the problem type; `about:blank` means the HTTP status says it all' }),
    title: z.string().optional().meta({ description: 'the HTTP status text' }),
    status: z.number().int().optional(),
    detail: z.string().optional().meta({ description: 'what went wrong, for people' }),
    code: z.enum(ERROR_CODES).optional(),
    invalidParams: z.array(InvalidParamSchema).optional(),
    error: z.object({ code: z.enum(ERROR_CODES), message: z.string() }),
  })
  .meta({ id: 'ErrorBody' })
export type ErrorBody = z.infer<typeof ErrorBodySchema>
