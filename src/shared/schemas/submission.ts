import { z } from 'zod'
import { DEVICE_ID_PATTERN } from './device-credentials'
import { DateTimeSchema, UuidSchema } from './common'
import { ANSWER_PROBLEMS } from '../question-types/base'
import { ProfileSchema } from './profile'
import { AnswersSchema } from './question'

/** Most submissions in one request; more gets 413. */
export const MAX_BATCH_SUBMISSIONS = 500
/** Largest request body of `POST /api/submissions`, in bytes; larger gets 413. */
export const MAX_BATCH_BYTES = 256 * 1024

/** A device id is a random secret of at least 128 bits, base64url or hex encoded. */
export const DeviceIdSchema = z.string().regex(DEVICE_ID_PATTERN, 'expected a device id of at least 128 bits')

/** One resident's answers to one item. `id` is made on the device and is the idempotency key. */
export const SubmissionSchema = z
  .object({
    id: UuidSchema,
    itemId: UuidSchema,
    deviceId: DeviceIdSchema,
    answeredAt: DateTimeSchema,
    answers: AnswersSchema,
    profile: ProfileSchema.optional(),
  })
  .meta({ id: 'Submission' })
export type Submission = z.infer<typeof SubmissionSchema>

export const SubmissionBatchSchema = z
  .object({ submissions: z.array(SubmissionSchema).min(1).max(MAX_BATCH_SUBMISSIONS) })
  .meta({ id: 'SubmissionBatch' })
export type SubmissionBatch = z.infer<typeof SubmissionBatchSchema>

export const SUBMISSION_STATUSES = ['accepted', 'duplicate', 'rejected'] as const
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number]

/**
 * Why a submission was rejected. Rejection is final: the client stops retrying and tells the
 * resident in plain words.
 */
export const REJECT_REASONS = ['item_unknown', 'item_not_open', 'item_closed', 'not_answerable', 'invalid_answers'] as const
export type RejectReason = (typeof REJECT_REASONS)[number]

/** Which answer of a rejected submission does not fit, and why (with `invalid_answers`). */
export const AnswerIssueSchema = z.object({ questionId: z.string(), problem: z.enum(ANSWER_PROBLEMS) })

export const SubmissionResultSchema = z.object({
  id: UuidSchema,
  status: z.enum(SUBMISSION_STATUSES),
  reason: z.enum(REJECT_REASONS).optional(),
  /** With `invalid_answers`: the answers that do not fit, e.g. `not_asked` for an answer to a question whose condition does not hold. */
  issues: z.array(AnswerIssueSchema).optional(),
})
export type SubmissionResult = z.infer<typeof SubmissionResultSchema>

export const SubmissionBatchResultSchema = z
  .object({ results: z.array(SubmissionResultSchema) })
  .meta({ id: 'SubmissionBatchResult' })
export type SubmissionBatchResult = z.infer<typeof SubmissionBatchResultSchema>

/**
 * How long after an item closes the server still accepts answers that were given before it
 * closed (a phone that was offline at closing time). Seven days covers a week without signal.
 */
export const LATE_SUBMISSION_GRACE_MS = 7 * 24 * 60 * 60 * 1000
