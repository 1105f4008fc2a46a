import { z } from 'zod'
import { DateTimeSchema, UuidSchema } from './common'
import { safeString } from './safe-text'
import { ContactSchema } from './table'

/**
 * An official invites the Benader mij network to an item: the members with one of these themes,
 * and (when areas are given) living in one of these areas; both from the municipality's vocabulary.
 */
export const NetworkInviteSchema = z
  .object({
    themes: z.array(safeString().trim().min(2).max(60)).min(1).max(20),
    areas: z.array(safeString().trim().min(1).max(80)).max(50).default([]),
  })
  .strict()
  .meta({ id: 'NetworkInvite' })
export type NetworkInvite = z.infer<typeof NetworkInviteSchema>

export const NetworkInviteResultSchema = z
  .object({
    /** Members invited now (in the app inbox, and by e-mail when that is how they can be reached). */
    invited: z.number().int(),
    emailed: z.number().int(),
    /** Members who matched but were invited to this item before. */
    alreadyInvited: z.number().int(),
    /** Members who matched but signed up for (or were chosen for) this table already. */
    alreadySignedUp: z.number().int(),
  })
  .meta({ id: 'NetworkInviteResult' })
export type NetworkInviteResult = z.infer<typeof NetworkInviteResultSchema>

/** One person who consented to be approached (an active Benader mij registration with contact). */
export const NetworkMemberSchema = z
  .object({
    id: UuidSchema,
    name: z.string(),
    contact: ContactSchema,
    themes: z.array(z.string()),
    area: z.string().nullable(),
    ageBand: z.string(),
    consentVersion: z.string(),
    /** The latest yes: the registration, or the yearly "I want to stay". */
    consentedAt: DateTimeSchema,
  })
  .meta({ id: 'NetworkMember' })
export type NetworkMember = z.infer<typeof NetworkMemberSchema>

/** The token from the one-click "leave Benader mij" link in an invitation. */
export const NetworkOptOutSchema = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{30,100}$/) }).strict().meta({ id: 'NetworkOptOut' })
