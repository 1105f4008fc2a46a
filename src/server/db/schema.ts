import { sql } from 'drizzle-orm'
import {
  bigint,
  boolean,
  customType,
  integer,
  index,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import type { Question } from '../../shared/schemas/question'
import type { Answers } from '../../shared/schemas/question'
import type { Advice, SignupRole, TableAssignment } from '../../shared/schemas/table'
import type { FeedbackTranslations, ItemTranslations } from '../../shared/schemas/content-language'
import {
  ADVICE_DECISIONS,
  ADVICE_KINDS,
  AGENDA_ENTRY_STATUSES,
  INPUT_CHANNELS,
  PARTNER_KINDS,
  SIGNAL_KINDS,
  SIGNAL_MODERATION,
  SIGNAL_STATUSES,
  type ParticipationForm,
} from '../../shared/schemas/agenda-setting'
import { HIDE_REASONS } from '../../shared/schemas/input'
import { LADDER_STEPS, PHASES } from '../../shared/schemas/item'

const tz = { withTimezone: true, mode: 'date' } as const

/**
 * The id of the transaction that wrote a row (`pg_current_xact_id()`), 64 bits so it never wraps.
 * `since` cursors compare it with the snapshot they were read in: a sequence number or a time
 * stamp is handed out before commit, so a change could commit behind a cursor; a transaction id
 * that a snapshot did not see as committed always counts as news for that cursor
 * (`repos/change-cursor.ts`).
 */
const xid8 = customType<{ data: string; driverData: string }>({ dataType: () => 'xid8' })

/** Column default and update value: the transaction writing the row. */
export const currentXid = sql`pg_current_xact_id()`

/** A region (e.g. IJmond) groups municipalities; its items appear in the app of each member. */
export const regions = pgTable('regions', {
  slug: text('slug').primaryKey(),
  name: text('name').notNull(),
  createdAt: timestamp('created_at', tz).notNull().defaultNow(),
})

export const municipalities = pgTable('municipalities', {
  slug: text('slug').primaryKey(),
  name: text('name').notNull(),
  /** The slug of the region the municipality belongs to. */
  region: text('region').references(() => regions.slug),
  areas: jsonb('areas').$type<string[]>().notNull().default([]),
  /** The theme vocabulary items, interests and breakdowns use (`shared/schemas/municipality-settings.ts`). */
  themes: jsonb('themes').$type<string[]>().notNull().default([]),
  /**
   * Everything else the municipality sets (contact, privacy and accessibility statement data, look,
   * retention, result threshold), validated by `MunicipalitySettingsSchema` on every write and
   * read with its defaults filled in, so a setting added later needs no migration.
   */
  settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
  /** Days after a table starts that contact details of people not selected are kept. */
  retentionNonSelectedDays: integer('retention_non_selected_days').notNull().default(30),
  /** Days after the municipality responded to a table's advice that members' contact details are kept. */
  retentionMemberDays: integer('retention_member_days').notNull().default(90),
  createdAt: timestamp('created_at', tz).notNull().defaultNow(),
})

/** A municipality's logo as uploaded (SVG after sanitising, or PNG), served same-origin. */
export const municipalityLogos = pgTable('municipality_logos', {
  municipality: text('municipality')
    .primaryKey()
    .references(() => municipalities.slug),
  contentType: text('content_type', { enum: ['image/svg+xml', 'image/png'] }).notNull(),
  bytes: customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' })('bytes').notNull(),
  /** SHA-256 of the bytes, base64url: versions the logo's URL so it can be cached for good. */
  sha256: text('sha256').notNull(),
  updatedAt: timestamp('updated_at', tz).notNull().defaultNow(),
})

export const items = pgTable(
  'items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    municipality: text('municipality')
      .notNull()
      .references(() => municipalities.slug),
    /**
     * Set on an item for a whole region: it appears in the feed of every member municipality.
     * `municipality` stays the home municipality of the region official who wrote it.
     */
    region: text('region').references(() => regions.slug),
    kind: text('kind', { enum: ['poll', 'question', 'table'] }).notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    body: text('body'),
    theme: text('theme').notNull(),
    ladder: text('ladder', {
      enum: ['informeren', 'raadplegen', 'adviseren', 'coproduceren', 'meebeslissen'],
    }).notNull(),
    phase: text('phase', {
      enum: ['agenda', 'beleidsvorming', 'besluitvorming', 'uitvoering', 'evaluatie'],
    }).notNull(),
    opensAt: timestamp('opens_at', tz).notNull(),
    closesAt: timestamp('closes_at', tz).notNull(),
    feedbackDueAt: timestamp('feedback_due_at', tz).notNull(),
    /** Why the feedback date moved later after publication; shown to residents. */
    feedbackDelayReason: text('feedback_delay_reason'),
    /** The feedback date promised at publication, kept when it moves later. */
    feedbackFirstDueAt: timestamp('feedback_first_due_at', tz),
    resultsVisibility: text('results_visibility', { enum: ['direct', 'after_close', 'never'] })
      .notNull()
      .default('direct'),
    questions: jsonb('questions').$type<Question[]>().notNull().default([]),
    /** The texts in other languages, by language (`ItemTranslationsSchema`); Dutch is the columns above. */
    translations: jsonb('translations').$type<ItemTranslations>().notNull().default({}),
    createdBy: uuid('created_by'),
    /** The entry of the yearly participation agenda this item carries out, if any. */
    agendaEntryId: uuid('agenda_entry_id'),
    /** Null while a draft; residents only see published items. */
    publishedAt: timestamp('published_at', tz),
    /** The transaction of the latest change residents see; every update sets it (`markItemChanged`). */
    changeXid: xid8('change_xid').notNull().default(currentXid),
    createdAt: timestamp('created_at', tz).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', tz).notNull().defaultNow(),
    /**
     * When the retention job deleted the item's free-text answers and replaced its device keys by
     * random values (`jobs/answer-retention.ts`); null while they are kept.
     */
    answersAnonymisedAt: timestamp('answers_anonymised_at', tz),
  },
  (t) => [
    index('items_municipality_change_idx').on(t.municipality, t.changeXid),
    index('items_region_change_idx').on(t.region, t.changeXid).where(sql`region is not null`),
  ],
)

export const feedback = pgTable(
  'feedback',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => items.id),
    publishedAt: timestamp('published_at', tz).notNull().defaultNow(),
    outcome: text('outcome', { enum: ['in_progress', 'adopted', 'partly_adopted', 'not_adopted'] }).notNull(),
    summary: text('summary').notNull(),
    body: text('body'),
    decisionUrl: text('decision_url'),
    /** Why input was (partly) not adopted; required for those outcomes. */
    reason: text('reason'),
    /** The texts in other languages, by language (`FeedbackTranslationsSchema`). */
    translations: jsonb('translations').$type<FeedbackTranslations>().notNull().default({}),
    /** Per recommendation of a table's advice: what the municipality did with it. */
    recommendations: jsonb('recommendations').$type<{ recommendation: string; outcome: 'adopted' | 'partly_adopted' | 'not_adopted'; reason?: string }[]>(),
    /** Set on a correction: the entry it corrects. The original stays visible, marked corrected. */
    correctsId: uuid('corrects_id'),
    officialId: uuid('official_id'),
    /** The transaction that published the entry (rows are never updated), for inbox cursors. */
    createdXid: xid8('created_xid').notNull().default(currentXid),
  },
  (t) => [
    index('feedback_item_idx').on(t.itemId, t.publishedAt),
    // An entry is corrected at most once; a later change corrects the correction.
    uniqueIndex('feedback_corrects_unique').on(t.correctsId).where(sql`corrects_id is not null`),
  ],
)

/**
 * The idempotency ledger: one row per submission id ever accepted. The primary key makes a
 * repeated id a no-op under any concurrency, in any server process.
 */
export const submissionReceipts = pgTable('submission_receipts', {
  id: uuid('id').primaryKey(),
  itemId: uuid('item_id').notNull(),
  deviceKey: text('device_key').notNull(),
  answeredAt: timestamp('answered_at', tz).notNull(),
  receivedAt: timestamp('received_at', tz).notNull().defaultNow(),
})

/**
 * The answer that counts: one row per device per item. `device_key` is a hash of the device
 * id, so the stored data never holds the device's secret.
 */
export const currentAnswers = pgTable(
  'current_answers',
  {
    itemId: uuid('item_id')
      .notNull()
      .references(() => items.id),
    deviceKey: text('device_key').notNull(),
    submissionId: uuid('submission_id').notNull(),
    answeredAt: timestamp('answered_at', tz).notNull(),
    /**
     * `answeredAt` as the device sent it, before capping at the server's clock: it breaks ties
     * between answers capped to the same time, so the device's later answer wins. Null on rows
     * stored before it was kept (they compare by `answered_at`).
     */
    deviceAnsweredAt: timestamp('device_answered_at', tz),
    answers: jsonb('answers').$type<Answers>().notNull(),
    ageBand: text('age_band'),
    area: text('area'),
    /** On a regional item: the member municipality the resident said they live in (profile.municipality). */
    municipality: text('municipality'),
    /**
     * How the answer reached us: `app` (the resident's own device), or entered by an official from
     * `paper`, `phone` or a `meeting`; then `partner_id` may name the organisation that collected it.
     */
    channel: text('channel', { enum: INPUT_CHANNELS }).notNull().default('app'),
    partnerId: uuid('partner_id'),
    /** Hidden by moderation: kept for audit, left out of tallies, exports and public views. */
    hidden: boolean('hidden').notNull().default(false),
    hiddenReason: text('hidden_reason', { enum: ['personal_data', 'insulting', 'off_topic'] }),
    hiddenBy: uuid('hidden_by'),
    hiddenAt: timestamp('hidden_at', tz),
    updatedAt: timestamp('updated_at', tz).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.itemId, t.deviceKey] }),
    index('current_answers_device_idx').on(t.deviceKey),
    // The officials' overview counts an item's hidden answers: few, found without reading the rest.
    index('current_answers_hidden_idx').on(t.itemId).where(sql`${t.hidden}`),
  ],
)

/**
 * Running tallies per item, question and value, kept in step with `current_answers` in the same
 * transaction, so results stay fast with a million answers. `question_id = ''` counts respondents.
 * A tally is the sum of its rows over `shard`: concurrent ingest transactions each add to their
 * own shard, so they do not wait on one hot row (held until commit) for each other.
 */
export const resultCounts = pgTable(
  'result_counts',
  {
    itemId: uuid('item_id').notNull(),
    questionId: text('question_id').notNull(),
    valueKey: text('value_key').notNull(),
    shard: smallint('shard').notNull().default(0),
    count: bigint('count', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.questionId, t.valueKey, t.shard] })],
)

/**
 * The breakdown tallies: per item, breakdown dimension (`ageBand`, `area`, `municipality`,
 * `channel`, `partnerId`) and group (the answer's value of it, '' when unknown), the respondents
 * (`question_id = ''`) and each tally key of the questions that are broken down. Kept in step
 * with the visible `current_answers` in the same transaction as `result_counts`, summed over
 * `shard` on read, so a breakdown reads a few hundred rows at any number of answers.
 */
export const breakdownCounts = pgTable(
  'breakdown_counts',
  {
    itemId: uuid('item_id').notNull(),
    dimension: text('dimension').notNull(),
    groupKey: text('group_key').notNull(),
    questionId: text('question_id').notNull(),
    valueKey: text('value_key').notNull(),
    shard: smallint('shard').notNull().default(0),
    count: bigint('count', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.dimension, t.groupKey, t.questionId, t.valueKey, t.shard] })],
)

export const officials = pgTable('officials', {
  id: uuid('id').primaryKey().defaultRandom(),
  email: text('email').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  municipality: text('municipality')
    .notNull()
    .references(() => municipalities.slug),
  /**
   * Set for a region official: they also write and manage the items of this whole region. They
   * keep `municipality` as their home (a member of the region) for everything else.
   */
  region: text('region').references(() => regions.slug),
  role: text('role', { enum: ['official', 'admin', 'council'] }).notNull(),
  createdAt: timestamp('created_at', tz).notNull().defaultNow(),
  disabledAt: timestamp('disabled_at', tz),
})

/**
 * One-time links for officials: an admin's invitation (creates the account when accepted) and a
 * password reset. Only a SHA-256 hash of the link's token is stored; `usedAt` makes it single use.
 */
export const accountTokens = pgTable(
  'account_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    purpose: text('purpose', { enum: ['invitation', 'reset'] }).notNull(),
    email: text('email').notNull(),
    municipality: text('municipality')
      .notNull()
      .references(() => municipalities.slug),
    /** The role an invitation gives; null for a reset. */
    role: text('role', { enum: ['official', 'admin', 'council'] }),
    /** The account a reset is for; null for an invitation (there is no account yet). */
    officialId: uuid('official_id').references(() => officials.id, { onDelete: 'cascade' }),
    invitedBy: uuid('invited_by').references(() => officials.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', tz).notNull(),
    expiresAt: timestamp('expires_at', tz).notNull(),
    usedAt: timestamp('used_at', tz),
  },
  (t) => [index('account_tokens_email_idx').on(t.email)],
)

/** Sessions are looked up by a hash of the cookie value, so a database leak exposes no session. */
export const sessions = pgTable(
  'sessions',
  {
    idHash: text('id_hash').primaryKey(),
    officialId: uuid('official_id')
      .notNull()
      .references(() => officials.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', tz).notNull(),
    expiresAt: timestamp('expires_at', tz).notNull(),
    lastSeenAt: timestamp('last_seen_at', tz).notNull(),
    /**
     * 'ready', or a sign-in that still owes its second factor: 'code' (the TOTP code) or
     * 'enrolment' (a second factor must be set up first). Only a ready session reaches official routes.
     */
    stage: text('stage', { enum: ['ready', 'code', 'enrolment'] }).notNull().default('ready'),
  },
  (t) => [index('sessions_official_idx').on(t.officialId)],
)

/**
 * How one municipality's officials sign in (issue 14): password sign-in on or off, a second
 * factor for everyone, and its identity provider for single sign-on. `sso` holds the provider
 * settings without the secret (validated by `SsoSettingsSchema` minus `clientSecretSet`); the
 * client secret is sealed with AES-256-GCM under a key derived from SESSION_SECRET
 * (`auth/secret-box.ts`) and never leaves the server.
 */
export const municipalitySignIn = pgTable('municipality_sign_in', {
  municipality: text('municipality')
    .primaryKey()
    .references(() => municipalities.slug),
  passwordSignIn: boolean('password_sign_in').notNull().default(true),
  requireSecondFactor: boolean('require_second_factor').notNull().default(false),
  sso: jsonb('sso').$type<Record<string, unknown>>(),
  ssoClientSecretSealed: text('sso_client_secret_sealed'),
  updatedAt: timestamp('updated_at', tz).notNull(),
})

/**
 * Sign-ins through an identity provider that have started and not yet come back: single use
 * (deleted when the browser returns), ten minutes long, and bound to the browser that started
 * them by a cookie whose hash is kept here. Looked up by a hash of `state`.
 */
export const oidcSignIns = pgTable(
  'oidc_sign_ins',
  {
    stateHash: text('state_hash').primaryKey(),
    municipality: text('municipality')
      .notNull()
      .references(() => municipalities.slug, { onDelete: 'cascade' }),
    browserHash: text('browser_hash').notNull(),
    nonce: text('nonce').notNull(),
    codeVerifier: text('code_verifier').notNull(),
    expiresAt: timestamp('expires_at', tz).notNull(),
  },
  (t) => [index('oidc_sign_ins_expires_idx').on(t.expiresAt)],
)

/** Which identity-provider subject (issuer + `sub`, the stable id NL GOV asks RPs to use) is which account. */
export const officialIdentities = pgTable(
  'official_identities',
  {
    issuer: text('issuer').notNull(),
    subject: text('subject').notNull(),
    officialId: uuid('official_id')
      .notNull()
      .references(() => officials.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', tz).notNull(),
  },
  (t) => [primaryKey({ columns: [t.issuer, t.subject] }), index('official_identities_official_idx').on(t.officialId)],
)

/**
 * An official's second factor (TOTP, RFC 6238). The secret is sealed like the SSO client secret;
 * `confirmedAt` is null while enrolment waits for the first right code. `lastUsedStep` is the
 * 30-second time step of the last accepted code: a code of that step or earlier is refused, so
 * a code seen over someone's shoulder cannot be used again.
 */
export const officialTotp = pgTable('official_totp', {
  officialId: uuid('official_id')
    .primaryKey()
    .references(() => officials.id, { onDelete: 'cascade' }),
  secretSealed: text('secret_sealed').notNull(),
  confirmedAt: timestamp('confirmed_at', tz),
  lastUsedStep: bigint('last_used_step', { mode: 'number' }),
  createdAt: timestamp('created_at', tz).notNull(),
})

/** One-time recovery codes for when the phone is gone; only a hash of each is kept. */
export const officialRecoveryCodes = pgTable(
  'official_recovery_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    officialId: uuid('official_id')
      .notNull()
      .references(() => officials.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', tz),
  },
  (t) => [index('official_recovery_codes_official_idx').on(t.officialId)],
)

/** Failed sign-ins per account and per address, for rate limiting across processes. */
export const loginFailures = pgTable(
  'login_failures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    key: text('key').notNull(),
    at: timestamp('at', tz).notNull(),
  },
  (t) => [index('login_failures_key_at_idx').on(t.key, t.at)],
)

/**
 * The last run of each scheduled job, shared by every process on the database: a process that
 * finds the job ran less than an interval ago leaves it (`jobs/scheduler.ts`).
 */
export const jobRuns = pgTable('job_runs', {
  job: text('job').primaryKey(),
  startedAt: timestamp('started_at', tz).notNull(),
  finishedAt: timestamp('finished_at', tz),
  /** 'running', 'succeeded' or 'failed'. */
  outcome: text('outcome').notNull(),
})

/**
 * Rate-limit counters shared by all processes on a PostgreSQL server (fixed windows per key:
 * route and client address). Expired rows are reused or cleaned up (`plugins/postgres-rate-limit-store.ts`).
 */
export const rateLimitHits = pgTable(
  'rate_limit_hits',
  {
    key: text('key').primaryKey(),
    count: integer('count').notNull(),
    expiresAt: timestamp('expires_at', tz).notNull(),
  },
  (t) => [index('rate_limit_hits_expires_at_idx').on(t.expiresAt)],
)

/** Every official action: who, what, when, on which item. Never holds answers or passwords. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    at: timestamp('at', tz).notNull(),
    officialId: uuid('official_id'),
    /** Null for entries about the whole installation (a scheduled job's run), which no municipality's officials list. */
    municipality: text('municipality'),
    action: text('action').notNull(),
    itemId: uuid('item_id'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('audit_log_municipality_at_idx').on(t.municipality, t.at)],
)

/** The assignment (opdracht) of a table item, its advice and its published draw. */
export const tableDetails = pgTable('table_details', {
  itemId: uuid('item_id')
    .primaryKey()
    .references(() => items.id),
  assignment: jsonb('assignment').$type<TableAssignment>().notNull(),
  advice: jsonb('advice').$type<Advice>(),
  advicePublishedAt: timestamp('advice_published_at', tz),
  /** The transaction that published the advice, for inbox cursors. */
  adviceXid: xid8('advice_xid'),
  drawnAt: timestamp('drawn_at', tz),
  drawRecord: jsonb('draw_record').$type<Record<string, unknown>>(),
})

/**
 * A sign-up for a table: only what selection needs. Name and contact details live apart in
 * `contacts`, so they can be deleted on withdrawal or by the retention job without losing counts.
 */
export const tableSignups = pgTable(
  'table_signups',
  {
    id: uuid('id').primaryKey(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => items.id),
    deviceKey: text('device_key').notNull(),
    revision: integer('revision').notNull(),
    status: text('status', { enum: ['pending_guardian', 'pending_confirmation', 'eligible', 'selected', 'waitlisted', 'not_selected', 'withdrawn'] }).notNull(),
    ageBand: text('age_band').notNull(),
    area: text('area'),
    roles: jsonb('roles').$type<SignupRole[]>().notNull(),
    motivation: text('motivation'),
    accessibilityNeeds: text('accessibility_needs'),
    consentVersion: text('consent_version').notNull(),
    consentedAt: timestamp('consented_at', tz).notNull(),
    receivedAt: timestamp('received_at', tz).notNull(),
    updatedAt: timestamp('updated_at', tz).notNull(),
    /** Position in the draw order (panel first, then waitlist); null before the draw. */
    drawPosition: integer('draw_position'),
  },
  (t) => [index('table_signups_item_idx').on(t.itemId, t.status), index('table_signups_device_idx').on(t.deviceKey)],
)

/** "Benader mij": residents who may be invited to future tables on their themes. */
export const interests = pgTable(
  'interests',
  {
    id: uuid('id').primaryKey(),
    municipality: text('municipality')
      .notNull()
      .references(() => municipalities.slug),
    deviceKey: text('device_key').notNull(),
    revision: integer('revision').notNull(),
    status: text('status', { enum: ['pending_guardian', 'pending_confirmation', 'active', 'withdrawn'] }).notNull(),
    themes: jsonb('themes').$type<string[]>().notNull(),
    ageBand: text('age_band').notNull(),
    area: text('area'),
    consentVersion: text('consent_version').notNull(),
    consentedAt: timestamp('consented_at', tz).notNull(),
    receivedAt: timestamp('received_at', tz).notNull(),
    updatedAt: timestamp('updated_at', tz).notNull(),
    /** The person's latest yes to staying in the network; null means `consented_at` is the latest. */
    confirmedAt: timestamp('confirmed_at', tz),
    /** When the yearly "do you want to stay?" request went out; cleared by the yes. */
    renewalRequestedAt: timestamp('renewal_requested_at', tz),
  },
  (t) => [index('interests_municipality_idx').on(t.municipality, t.status), index('interests_device_idx').on(t.deviceKey)],
)

/** Contact details, kept apart with their purpose and consent; deleted on withdrawal or expiry. */
export const contacts = pgTable(
  'contacts',
  {
  ownerId: uuid('owner_id').notNull(),
  ownerKind: text('owner_kind', { enum: ['signup', 'interest', 'signal'] }).notNull(),
  name: text('name').notNull(),
  channel: text('channel', { enum: ['email', 'phone'] }).notNull(),
  value: text('value').notNull(),
  guardianEmail: text('guardian_email'),
  purpose: text('purpose').notNull(),
  consentVersion: text('consent_version').notNull(),
  createdAt: timestamp('created_at', tz).notNull(),
  /**
   * The language the person reads the app in: every e-mail to them (and their guardian) is in it;
   * null (rows from before it was asked) reads as Dutch. Nullable without a default on purpose: a
   * column added with a default gets a "missing value" that makes VACUUM FULL of this table fail
   * ("tuple concurrently deleted") on PostgreSQL 15, and the scrub after a withdrawal needs it.
   */
  language: text('language', { enum: ['nl', 'en'] }),
  },
  // Ids are made by clients: a sign-up and an interest may never share contact details.
  (t) => [primaryKey({ columns: [t.ownerKind, t.ownerId] })],
)

/**
 * A one-time confirmation link, stored hashed: a parent's or guardian's yes for an under-16
 * registration (`guardian`), an adult's proof that the e-mail address is theirs (`contact`), or
 * a Benader mij member's yearly yes to staying (`renewal`), or a member's one-click "leave Benader
 * mij" from an invitation (`network_optout`). A token answers only its own purpose.
 */
export const guardianTokens = pgTable('guardian_tokens', {
  tokenHash: text('token_hash').primaryKey(),
  ownerId: uuid('owner_id').notNull(),
  ownerKind: text('owner_kind', { enum: ['signup', 'interest'] }).notNull(),
  purpose: text('purpose', { enum: ['guardian', 'contact', 'renewal', 'network_optout'] }).notNull().default('guardian'),
  createdAt: timestamp('created_at', tz).notNull(),
  confirmedAt: timestamp('confirmed_at', tz),
})

/** Messages for a device's inbox that are not feedback: the outcome of a table draw, a seat offer. */
export const deviceMessages = pgTable(
  'device_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    deviceKey: text('device_key').notNull(),
    itemId: uuid('item_id').notNull(),
    at: timestamp('at', tz).notNull(),
    kind: text('kind', { enum: ['selected', 'not_selected', 'waitlisted', 'seat_offered', 'guardian_confirmed', 'invited'] }).notNull(),
    /** The transaction that wrote the message (rows are never updated), for inbox cursors. */
    createdXid: xid8('created_xid').notNull().default(currentXid),
  },
  (t) => [index('device_messages_device_idx').on(t.deviceKey, t.at)],
)

/**
 * The columns every durable work queue shares (mail, push): a state, attempts with the time of
 * the next one, and the lease of the worker that claimed the row (`FOR UPDATE SKIP LOCKED`).
 */
function leasedQueueColumns() {
  return {
    state: text('state', { enum: ['pending', 'sending', 'sent', 'dead'] }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', tz).notNull(),
    /** While `sending`: when the claim lapses and another worker may try again. */
    leaseUntil: timestamp('lease_until', tz),
    /** What went wrong last (a status or error code; never an address, a body or a payload). */
    lastError: text('last_error'),
    createdAt: timestamp('created_at', tz).notNull(),
    sentAt: timestamp('sent_at', tz),
  }
}

/**
 * The durable mail queue: every e-mail is written here first and sent by a worker
 * (`notify/mail-worker.ts`). A worker claims one message at a time with `FOR UPDATE SKIP LOCKED`
 * and a lease, so several server processes can drain the same queue and a message is never sent
 * by two of them; one that dies mid-send leaves a lease that expires, and the message is sent
 * again later. The body is personal data: it is emptied once sent.
 */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The municipality the message speaks for; null for messages about the installation. */
    municipality: text('municipality'),
    from: text('from').notNull(),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    /** The registration the message is about, so it can be deleted when that person withdraws. */
    about: text('about'),
    ...leasedQueueColumns(),
  },
  (t) => [index('mail_outbox_due_idx').on(t.state, t.nextAttemptAt), index('mail_outbox_about_idx').on(t.about)],
)

/**
 * A device's Web Push subscription, stored under the device's key for the `push` purpose only:
 * it cannot be joined with answers, sign-ups or contact details. What it should hear about is
 * kept as topics (item ids the device asked to follow), not as a link to its answers.
 */
export const pushSubscriptions = pgTable('push_subscriptions', {
  id: uuid('id').primaryKey().defaultRandom(),
  deviceKey: text('device_key').notNull().unique(),
  municipality: text('municipality'),
  endpoint: text('endpoint').notNull(),
  p256dh: text('p256dh').notNull(),
  auth: text('auth').notNull(),
  /** The language the notification texts are written in. */
  language: text('language', { enum: ['nl', 'en'] }).notNull().default('nl'),
  createdAt: timestamp('created_at', tz).notNull(),
  updatedAt: timestamp('updated_at', tz).notNull(),
})

export const pushTopics = pgTable(
  'push_topics',
  {
    subscriptionId: uuid('subscription_id')
      .notNull()
      .references(() => pushSubscriptions.id, { onDelete: 'cascade' }),
    itemId: uuid('item_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.subscriptionId, t.itemId] }), index('push_topics_item_idx').on(t.itemId)],
)

/**
 * Push messages waiting to go out, one per subscription per event (`event_key`), claimed by a
 * worker like the mail queue. A subscription the push service says is gone takes its messages with it.
 */
export const pushDeliveries = pgTable(
  'push_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    subscriptionId: uuid('subscription_id')
      .notNull()
      .references(() => pushSubscriptions.id, { onDelete: 'cascade' }),
    /** What happened, e.g. `feedback:<feedback id>`: a subscription hears of each event once. */
    eventKey: text('event_key').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    ...leasedQueueColumns(),
  },
  (t) => [uniqueIndex('push_deliveries_event_unique').on(t.subscriptionId, t.eventKey), index('push_deliveries_due_idx').on(t.state, t.nextAttemptAt)],
)

/**
 * Data migrations that a SQL migration found work for and that run in JavaScript after the SQL
 * migrations (they need what SQL has not: the `DEVICE_KEY_SECRET`). A row means "still to do";
 * the step deletes it in the transaction that does the work, so it runs exactly once. A new,
 * empty database never gets a row (`db/data-migrations.ts`).
 */
export const pendingDataMigrations = pgTable('pending_data_migrations', {
  name: text('name').primaryKey(),
  createdAt: timestamp('created_at', tz).notNull().defaultNow(),
})

/*
 * Agenda-setting (issue 11): what residents and the participation council bring in themselves.
 * The shared vocabularies (kinds, statuses, forms, channels) live in `shared/schemas/agenda-setting.ts`.
 */

/**
 * A resident's signal (something that goes wrong or is missing) or proposal, raised from the app
 * without an account. `id` is made on the device and is the idempotency key, as for submissions.
 * `device_key` is the device's key for the `signals` purpose only. Published only after an
 * official's check (`moderation`); `status` is the promise's progress, answered by `response`.
 */
export const signals = pgTable(
  'signals',
  {
    id: uuid('id').primaryKey(),
    municipality: text('municipality')
      .notNull()
      .references(() => municipalities.slug),
    deviceKey: text('device_key').notNull(),
    kind: text('kind', { enum: SIGNAL_KINDS }).notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    theme: text('theme'),
    area: text('area'),
    /** When the resident pressed send (capped at the server's clock), and when it arrived. */
    createdAt: timestamp('created_at', tz).notNull(),
    receivedAt: timestamp('received_at', tz).notNull(),
    moderation: text('moderation', { enum: SIGNAL_MODERATION }).notNull().default('pending'),
    hiddenReason: text('hidden_reason', { enum: HIDE_REASONS }),
    moderatedBy: uuid('moderated_by'),
    moderatedAt: timestamp('moderated_at', tz),
    /** Set when an official replaced personal data in title or body (the original is not kept). */
    redactedAt: timestamp('redacted_at', tz),
    status: text('status', { enum: SIGNAL_STATUSES })
      .notNull()
      .default('received'),
    /** Why it was not taken up (required for that status), in B1. */
    statusReason: text('status_reason'),
    /** The municipality's written answer, shown to everyone and sent to the resident's inbox. */
    response: text('response'),
    respondedAt: timestamp('responded_at', tz),
    respondedBy: uuid('responded_by'),
    /** received + the municipality's response period (default 6 weeks). */
    responseDueAt: timestamp('response_due_at', tz).notNull(),
    /**
     * What it is linked to: a yearly agenda it suggests a topic for, an entry of that agenda, an
     * item, or a council meeting it asks a place on.
     */
    agendaId: uuid('agenda_id'),
    agendaEntryId: uuid('agenda_entry_id'),
    itemId: uuid('item_id'),
    meetingId: uuid('meeting_id'),
    /** "Dit herken ik" count, kept in step with `signal_supports` in the same transaction. */
    supportCount: integer('support_count').notNull().default(0),
    /** Whether the resident asked to be contacted; the details are in `contacts` (owner kind `signal`). */
    wantsContact: boolean('wants_contact').notNull().default(false),
    /** The transaction of the latest change the resident's inbox shows (status, response). */
    changeXid: xid8('change_xid').notNull().default(currentXid),
    updatedAt: timestamp('updated_at', tz).notNull().defaultNow(),
  },
  (t) => [
    index('signals_municipality_idx').on(t.municipality, t.moderation, t.status),
    index('signals_device_idx').on(t.deviceKey, t.changeXid),
    index('signals_due_idx').on(t.municipality, t.responseDueAt).where(sql`responded_at is null`),
  ],
)

/** "Dit herken ik": one row per signal per device (key for the `signal_support` purpose). */
export const signalSupports = pgTable(
  'signal_supports',
  {
    signalId: uuid('signal_id')
      .notNull()
      .references(() => signals.id, { onDelete: 'cascade' }),
    deviceKey: text('device_key').notNull(),
    createdAt: timestamp('created_at', tz).notNull(),
  },
  (t) => [primaryKey({ columns: [t.signalId, t.deviceKey] }), index('signal_supports_device_idx').on(t.deviceKey)],
)

/** A council member's (or official's) comment on a published signal; the council reads, it does not moderate. */
export const signalComments = pgTable(
  'signal_comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    signalId: uuid('signal_id')
      .notNull()
      .references(() => signals.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id').notNull(),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', tz).notNull(),
  },
  (t) => [index('signal_comments_signal_idx').on(t.signalId, t.createdAt)],
)

/** The yearly participation agenda of a municipality: drafted by officials and council, published by an official. */
export const participationAgendas = pgTable(
  'participation_agendas',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    municipality: text('municipality')
      .notNull()
      .references(() => municipalities.slug),
    year: integer('year').notNull(),
    /** An introduction residents read above the list. */
    intro: text('intro'),
    publishedAt: timestamp('published_at', tz),
    publishedBy: uuid('published_by'),
    updatedAt: timestamp('updated_at', tz).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('participation_agendas_year_unique').on(t.municipality, t.year)],
)

/** One policy topic coming up in the year, with how residents will be involved. */
export const agendaEntries = pgTable(
  'agenda_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agendaId: uuid('agenda_id')
      .notNull()
      .references(() => participationAgendas.id, { onDelete: 'cascade' }),
    municipality: text('municipality')
      .notNull()
      .references(() => municipalities.slug),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    theme: text('theme').notNull(),
    phase: text('phase', { enum: PHASES }).notNull(),
    ladder: text('ladder', { enum: LADDER_STEPS }).notNull(),
    /** The planned forms: poll, question, table, meeting. */
    forms: jsonb('forms').$type<ParticipationForm[]>().notNull().default([]),
    /** 1-4: the quarter of the agenda's year the participation is planned in. */
    plannedQuarter: integer('planned_quarter').notNull(),
    status: text('status', { enum: AGENDA_ENTRY_STATUSES }).notNull().default('planned'),
    /** What happened, for the yearly evaluation. */
    outcome: text('outcome'),
    position: integer('position').notNull().default(0),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', tz).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', tz).notNull().defaultNow(),
  },
  (t) => [index('agenda_entries_agenda_idx').on(t.agendaId, t.position)],
)

/** The council's proposal for how to involve residents in an agenda entry (form, ladder step, whom to reach). */
export const approachProposals = pgTable(
  'approach_proposals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agendaEntryId: uuid('agenda_entry_id')
      .notNull()
      .references(() => agendaEntries.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id').notNull(),
    forms: jsonb('forms').$type<ParticipationForm[]>().notNull(),
    ladder: text('ladder', { enum: LADDER_STEPS }).notNull(),
    reach: text('reach').notNull(),
    createdAt: timestamp('created_at', tz).notNull(),
  },
  (t) => [index('approach_proposals_entry_idx').on(t.agendaEntryId)],
)

/** A periodic meeting (periodiek overleg) of the participation council, public with its agenda and minutes. */
export const councilMeetings = pgTable(
  'council_meetings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    municipality: text('municipality')
      .notNull()
      .references(() => municipalities.slug),
    startsAt: timestamp('starts_at', tz).notNull(),
    place: text('place'),
    onlineUrl: text('online_url'),
    /** Afterwards: the minutes and what was agreed. */
    minutes: text('minutes'),
    agreements: text('agreements'),
    publishedAt: timestamp('published_at', tz),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', tz).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', tz).notNull().defaultNow(),
  },
  (t) => [index('council_meetings_municipality_idx').on(t.municipality, t.startsAt)],
)

/** A topic on a meeting's agenda, with the documents members need; a resident's request links its signal. */
export const meetingTopics = pgTable(
  'meeting_topics',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => councilMeetings.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    description: text('description'),
    documents: jsonb('documents').$type<{ title: string; url: string }[]>().notNull().default([]),
    signalId: uuid('signal_id'),
    position: integer('position').notNull().default(0),
  },
  (t) => [index('meeting_topics_meeting_idx').on(t.meetingId, t.position)],
)

/**
 * Advice of the participation council: asked (on an item or an agenda entry) or unasked (any
 * topic). The municipality answers each recommendation by `response_due_at`; advice and answers
 * are public once the council publishes the advice.
 */
export const councilAdvice = pgTable(
  'council_advice',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    municipality: text('municipality')
      .notNull()
      .references(() => municipalities.slug),
    kind: text('kind', { enum: ADVICE_KINDS }).notNull(),
    itemId: uuid('item_id'),
    agendaEntryId: uuid('agenda_entry_id'),
    title: text('title').notNull(),
    body: text('body').notNull(),
    authorId: uuid('author_id').notNull(),
    /** Null while the council is still writing it. */
    submittedAt: timestamp('submitted_at', tz),
    responseDueAt: timestamp('response_due_at', tz),
    /** The municipality's overall answer; per-recommendation answers are on the recommendations. */
    responseSummary: text('response_summary'),
    respondedAt: timestamp('responded_at', tz),
    respondedBy: uuid('responded_by'),
    createdAt: timestamp('created_at', tz).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', tz).notNull().defaultNow(),
  },
  (t) => [index('council_advice_municipality_idx').on(t.municipality, t.submittedAt)],
)

export const adviceRecommendations = pgTable(
  'advice_recommendations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    adviceId: uuid('advice_id')
      .notNull()
      .references(() => councilAdvice.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    text: text('text').notNull(),
    /** The municipality's decision on this recommendation, and why not when it is not (fully) adopted. */
    decision: text('decision', { enum: ADVICE_DECISIONS }),
    explanation: text('explanation'),
  },
  (t) => [uniqueIndex('advice_recommendations_position_unique').on(t.adviceId, t.position)],
)

/** Organisations that collect input on behalf of residents who are not online (cliëntenraad, school...). */
export const partnerOrganisations = pgTable(
  'partner_organisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    municipality: text('municipality')
      .notNull()
      .references(() => municipalities.slug),
    name: text('name').notNull(),
    kind: text('kind', { enum: PARTNER_KINDS }).notNull(),
    createdAt: timestamp('created_at', tz).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('partner_organisations_name_unique').on(t.municipality, t.name)],
)

/*
 * Reach (issue 12): e-mail alerts per item and invitations of the Benader mij network.
 */

/**
 * "Mail me when the municipality responds": an e-mail address for one item, kept apart from the
 * answer under the device's `email_alerts` key. Double opt-in: nothing is mailed to the address
 * but the confirmation link until `confirmed_at` is set. Both links are stored hashed. The row
 * goes once the final feedback was mailed, on unsubscribe, and with `DELETE /me`.
 */
export const itemEmailAlerts = pgTable(
  'item_email_alerts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => items.id),
    deviceKey: text('device_key').notNull(),
    email: text('email').notNull(),
    language: text('language', { enum: ['nl', 'en'] }).notNull(),
    consentVersion: text('consent_version').notNull(),
    createdAt: timestamp('created_at', tz).notNull(),
    confirmedAt: timestamp('confirmed_at', tz),
    /** The one-time confirmation link; cleared when used. */
    confirmTokenHash: text('confirm_token_hash').unique(),
    /** The one-click unsubscribe link in every mail. */
    unsubscribeTokenHash: text('unsubscribe_token_hash').notNull().unique(),
  },
  // One address per device per item: asking again replaces it (and asks for a new confirmation).
  (t) => [uniqueIndex('item_email_alerts_device_item_unique').on(t.deviceKey, t.itemId), index('item_email_alerts_item_idx').on(t.itemId)],
)

/**
 * An official's invitation of one Benader mij member to one item. The unique index makes "at
 * most once per person per item" hold under parallel invitations from two officials.
 */
export const networkInvitations = pgTable(
  'network_invitations',
  {
    itemId: uuid('item_id')
      .notNull()
      .references(() => items.id),
    interestId: uuid('interest_id').notNull(),
    invitedAt: timestamp('invited_at', tz).notNull(),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.interestId] }), index('network_invitations_interest_idx').on(t.interestId)],
)
