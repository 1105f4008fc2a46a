import { z } from 'zod'

/*
 * The vocabularies of agenda-setting (issue 11), shared by the database schema, the server's
 * domain rules and both clients. Entities' request and answer schemas live next to them, in
 * `signal.ts`, `advice.ts`, `participation-agenda.ts`, `council-meeting.ts` and `on-behalf.ts`.
 */

/** A resident's `signal` (something that goes wrong or is missing) or `proposal` (a policy idea). */
export const SIGNAL_KINDS = ['signal', 'proposal'] as const
export type SignalKind = (typeof SIGNAL_KINDS)[number]

/** An official checks every signal before it is public; `hidden` keeps it for audit only. */
export const SIGNAL_MODERATION = ['pending', 'published', 'hidden'] as const

/**
 * The promise's progress: received -> considering -> on_agenda (linked to an agenda entry, an
 * item or a meeting) -> answered; or not_taken_up, which needs a reason in plain language.
 */
export const SIGNAL_STATUSES = ['received', 'considering', 'on_agenda', 'answered', 'not_taken_up'] as const
export type SignalStatus = (typeof SIGNAL_STATUSES)[number]
export const SignalStatusSchema = z.enum(SIGNAL_STATUSES)

/** Advice the municipality asked for (on an item or agenda entry), or advice the council gives unasked. */
export const ADVICE_KINDS = ['asked', 'unasked'] as const

/** The municipality's decision per recommendation (as for a table's advice; not (fully) adopted needs a why). */
export const ADVICE_DECISIONS = ['adopted', 'partly_adopted', 'not_adopted'] as const

/** The forms of participation an agenda entry can plan. */
export const PARTICIPATION_FORMS = ['poll', 'question', 'table', 'meeting'] as const
export type ParticipationForm = (typeof PARTICIPATION_FORMS)[number]

export const AGENDA_ENTRY_STATUSES = ['planned', 'in_progress', 'done', 'postponed', 'cancelled'] as const

/** How an answer reached the municipality: the resident's own device, or entered by an official. */
export const INPUT_CHANNELS = ['app', 'paper', 'phone', 'meeting'] as const
export type InputChannel = (typeof INPUT_CHANNELS)[number]
/** The channels an official enters on behalf of people who are not online. */
export const ON_BEHALF_CHANNELS = ['paper', 'phone', 'meeting'] as const

export const PARTNER_KINDS = ['client_council', 'disability_council', 'youth_work', 'school', 'community_centre', 'other'] as const
export type PartnerKind = (typeof PARTNER_KINDS)[number]
