import { z } from 'zod'

/** Machine-readable error codes used in every error body of the API. */
export const ERROR_CODES = [
  'bad_request',
  'not_found',
  'payload_too_large',
  'unsupported_media_type',
  'unauthorized',
  'forbidden',
  'conflict',
  'rate_limited',
  'internal',
  'unavailable',
  // A published item's dates (see validation/published-dates.ts).
  'closes_at_in_past',
  'feedback_due_earlier',
  'feedback_due_in_past',
  'feedback_delay_reason_required',
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

/** The one error shape of the API: `{"error":{"code","message"}}`. */
export const ErrorBodySchema = z
  .object({
    error: z.object({ code: z.enum(ERROR_CODES), message: z.string() }),
  })
  .meta({ id: 'ErrorBody' })
export type ErrorBody = z.infer<typeof ErrorBodySchema>
