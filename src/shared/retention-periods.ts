/**
 * Fixed retention periods that are not per-municipality settings (those are in
 * `schemas/municipality-settings.ts`, `RetentionSettingsSchema`). The privacy documents in
 * `docs/privacy/` state the same figures; `tests/unit/privacy-docs.test.ts` fails when they differ.
 */

/** Under-16 registrations without a guardian's yes are deleted after this many days (and the link stops working). */
export const PENDING_GUARDIAN_DAYS = 30

/**
 * An adult's e-mail address that was not confirmed is deleted, with its registration, after this
 * many days. Two weeks: long enough for someone away for a while to find the mail, short enough
 * that the address of someone who never asked to be signed up is not kept for long.
 */
export const PENDING_CONFIRMATION_DAYS = 14

/**
 * After the yearly "do you want to stay in Benader mij?" mail, a member has this many days to say
 * yes before their registration and contact details are removed. A month covers holidays and
 * people who read their mail rarely, while keeping the yearly check meaningful.
 */
export const RENEWAL_GRACE_DAYS = 30

/**
 * How long the "leave Benader mij" link in an invitation works: as long as a registration can
 * wait for its yearly yes at most (36 months, the longest renewal period a municipality can set,
 * plus the grace period). The link goes earlier with the registration itself, which deletes it.
 */
export const NETWORK_OPT_OUT_DAYS = 36 * 31 + RENEWAL_GRACE_DAYS
