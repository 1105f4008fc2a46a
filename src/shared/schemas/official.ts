import { z } from 'zod'
import { SlugSchema, UuidSchema } from './common'
import { safeString } from './safe-text'

/**
 * `official` and `admin` work for the municipality; `council` is a member of its participation
 * council (participatieraad, Werkgroep Betrekken Inwoners, adviesraad): reads items, aggregated
 * input and signals and writes advice, but never sees contact details nor changes what officials do.
 */
export const OFFICIAL_ROLES = ['official', 'admin', 'council'] as const
export type OfficialRole = (typeof OFFICIAL_ROLES)[number]

export const EmailSchema = z.email().max(254).transform((e) => e.toLowerCase())

/** Minimum password length for officials; longer passphrases are welcome. */
export const MIN_PASSWORD_LENGTH = 12
export const MAX_PASSWORD_LENGTH = 256

export const LoginRequestSchema = z
  .object({ email: EmailSchema, password: safeString().min(1).max(MAX_PASSWORD_LENGTH) })
  .meta({ id: 'LoginRequest' })
export type LoginRequest = z.infer<typeof LoginRequestSchema>

/** The signed-in official, and the token to send as `x-csrf-token` on every change. */
export const MeSchema = z
  .object({
    id: UuidSchema,
    email: z.string(),
    municipality: SlugSchema,
    municipalityName: z.string(),
    /** Set for a region official: the region (slug and name) they also write items for. */
    region: SlugSchema.optional(),
    regionName: z.string().optional(),
    role: z.enum(OFFICIAL_ROLES),
    csrfToken: z.string(),
    /**
     * How long the session lasts without use, in seconds: every request renews it, so the back
     * office counts from its last answer and warns two minutes before (WCAG 2.2.1).
     */
    sessionIdleSeconds: z.number().int().positive().optional(),
    /** When the session ends however it is used (12 hours after sign-in). */
    sessionExpiresAt: z.string().optional(),
    /**
     * Set while the sign-in still owes its second factor: `code` (enter the code) or `enrolment`
     * (set one up first). Until then only the second-factor routes answer.
     */
    pending: z.enum(['code', 'enrolment']).optional(),
  })
  .meta({ id: 'Me' })
export type Me = z.infer<typeof MeSchema>

export const OfficialSchema = z
  .object({ id: UuidSchema, email: z.string(), role: z.enum(OFFICIAL_ROLES), createdAt: z.string(), disabled: z.boolean() })
  .meta({ id: 'Official' })
export type Official = z.infer<typeof OfficialSchema>

export const CreateOfficialSchema = z
  .object({ email: EmailSchema, password: safeString().max(MAX_PASSWORD_LENGTH), role: z.enum(OFFICIAL_ROLES) })
  .meta({ id: 'CreateOfficial' })

export const OkSchema = z.object({ ok: z.literal(true) }).meta({ id: 'Ok' })
