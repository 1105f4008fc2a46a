import { z } from 'zod'
import { SlugSchema } from './common'
import { safeString, safeUrl } from './safe-text'
import { ContentLanguageListSchema, DEFAULT_CONTENT_LANGUAGES } from './content-language'

/**
 * What a municipality (gemeente) sets for itself: its vocabulary, look, contact, the data of its
 * privacy and accessibility statements, and its retention periods. One schema for the admin's
 * settings form, the server's validation and the public profile residents read, so a setting
 * cannot mean one thing in the back office and another in the app.
 */

/** Links residents follow must be https (or http on localhost for tests and development). */
export const PublicUrlSchema = safeUrl({ protocol: /^https?$/ })
  .max(500)
  .refine((u) => u.startsWith('https://') || /^http:\/\/(localhost|127\.0\.0\.1)(:|\/|$)/.test(u), 'must start with https://')

export const PhoneSchema = safeString()
  .trim()
  .min(6)
  .max(40)
  .regex(/^\+?[0-9 ()-]+$/, 'digits, spaces, +, - and ( ) only')

export const ContactEmailSchema = z.email().max(254)

/** A name in a vocabulary list (a wijk, a theme): plain words, shown as written. */
export const VocabularyTermSchema = safeString().trim().min(2).max(60)

function distinctTerms(max: number) {
  return z
    .array(VocabularyTermSchema)
    .max(max)
    .refine((terms) => new Set(terms.map((t) => t.toLocaleLowerCase('nl'))).size === terms.length, 'every term once')
}

/** Neighbourhoods (wijken) residents pick in their profile; breakdowns and invitations use them. */
export const AreaListSchema = distinctTerms(60)
/** Themes items, interests (Benader mij) and breakdowns use. At least one, so an official can publish. */
export const ThemeListSchema = distinctTerms(30).refine((t) => t.length > 0, 'at least one theme')

/** The four themes of the social domain a municipality starts with when it names none. */
export const DEFAULT_THEMES = ['opgroeien', 'meedoen', 'rondkomen', 'wonen en vervoer'] as const

export const ContactSettingsSchema = z.object({
  website: PublicUrlSchema.optional(),
  email: ContactEmailSchema.optional(),
  phone: PhoneSchema.optional(),
  postalAddress: safeString().trim().min(5).max(300).optional(),
})
export type ContactSettings = z.infer<typeof ContactSettingsSchema>

/** The controller (verwerkingsverantwoordelijke) or the data-protection officer (FG). */
export const PrivacyPartySchema = z.object({
  name: safeString().trim().min(2).max(200),
  email: ContactEmailSchema.optional(),
  phone: PhoneSchema.optional(),
  postalAddress: safeString().trim().min(5).max(300).optional(),
})
export type PrivacyParty = z.infer<typeof PrivacyPartySchema>

/** The accessibility statement (toegankelijkheidsverklaring): a link to it, or its text, or both. */
export const AccessibilityStatementSchema = z.object({
  url: PublicUrlSchema.optional(),
  text: safeString().trim().max(20_000).optional(),
})

/** A design token the municipality may set, e.g. `--utrecht-button-primary-action-background-color`. */
export const ThemeTokenNameSchema = z.string().regex(/^--(utrecht|meepraat)-[a-z0-9-]{1,100}$/, 'a --utrecht-* or --meepraat-* token')
/** Token values are colours, lengths or font stacks only: nothing that can load or run anything. */
export const ThemeTokenValueSchema = z
  .string()
  .max(200)
  .regex(/^[#a-zA-Z0-9 .,%()'"-]+$/, 'a colour, length or font name')
  .refine((v) => !/url\s*\(|expression|@import|\\/i.test(v), 'no url(), expression() or @import')

export const ThemeSettingsSchema = z.object({
  tokens: z.record(ThemeTokenNameSchema, ThemeTokenValueSchema).refine((t) => Object.keys(t).length <= 200, 'at most 200 tokens'),
})
export type ThemeSettings = z.infer<typeof ThemeSettingsSchema>

/** Retention periods; the privacy statement and the retention jobs both read these. */
export const RetentionSettingsSchema = z.object({
  /** Days after a table starts that contact details of people not selected are kept. */
  nonSelectedDays: z.number().int().min(1).max(365).default(30),
  /** Days after the municipality responded to a table's advice that members' contact details are kept. */
  memberDays: z.number().int().min(1).max(730).default(90),
  /** Months after an item's final feedback that its free-text answers and device keys are kept. */
  answersMonths: z.number().int().min(1).max(120).default(12),
  /** Months after which a Benader mij registration must be confirmed again or is removed. */
  interestConfirmMonths: z.number().int().min(1).max(36).default(12),
})
export type RetentionSettings = z.infer<typeof RetentionSettingsSchema>

/**
 * An origin allowed to embed the widget: `https://www.gemeente.nl`, nothing after the host and
 * port. Plain http only on this machine (localhost, 127.0.0.1), for tests and development, as
 * `PublicUrlSchema` allows. Written in lower case, so the policy and the browser agree.
 */
export const EmbedOriginSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(200)
  .regex(/^(https:\/\/[a-z0-9.-]+|http:\/\/(localhost|127\.0\.0\.1))(:\d{1,5})?$/, 'an https origin without path, like https://www.gemeente.nl')

/** The origins that may embed the widget: each once, at most 20. */
export const EmbedOriginListSchema = z
  .array(EmbedOriginSchema)
  .max(20)
  .refine((origins) => new Set(origins).size === origins.length, 'every origin once')

/** Residents see results only when at least this many devices answered; never below 5. */
export const MIN_RESULTS_DEVICES = 5

export const MunicipalitySettingsSchema = z.object({
  contact: ContactSettingsSchema.default({}),
  controller: PrivacyPartySchema.optional(),
  dataProtectionOfficer: PrivacyPartySchema.optional(),
  accessibilityStatement: AccessibilityStatementSchema.default({}),
  theme: ThemeSettingsSchema.default({ tokens: {} }),
  retention: RetentionSettingsSchema.default(RetentionSettingsSchema.parse({})),
  resultsMinDevices: z.number().int().min(MIN_RESULTS_DEVICES).max(1000).default(MIN_RESULTS_DEVICES),
  /** Days within which the municipality answers a resident's signal or proposal (default 6 weeks). */
  signalResponseDays: z.number().int().min(1).max(365).default(42),
  /** Days within which the municipality answers advice of the participation council (default 6 weeks). */
  adviceResponseDays: z.number().int().min(1).max(365).default(42),
  /**
   * Origins (scheme, host, port; no path) allowed to frame `/embed/SLUG` on their website; the
   * widget's `frame-ancestors` lists exactly these, every other page keeps `'none'`.
   */
  embedOrigins: EmbedOriginListSchema.default([]),
  /**
   * Languages besides Dutch the municipality writes its items in (translations). Residents who
   * read one of these see it where an item has it, Dutch otherwise; the back office lists what
   * is still missing.
   */
  contentLanguages: ContentLanguageListSchema.default([...DEFAULT_CONTENT_LANGUAGES]),
})
export type MunicipalitySettings = z.infer<typeof MunicipalitySettingsSchema>

/** The settings with every default filled in (a municipality that set nothing yet). */
export function defaultMunicipalitySettings(): MunicipalitySettings {
  return MunicipalitySettingsSchema.parse({})
}

/** What an admin of the municipality edits on the back office's "Gemeente" page. */
export const MunicipalitySettingsUpdateSchema = z
  .object({
    name: safeString().trim().min(2).max(100),
    areas: AreaListSchema,
    themes: ThemeListSchema,
    settings: MunicipalitySettingsSchema,
  })
  .meta({ id: 'MunicipalitySettingsUpdate' })
export type MunicipalitySettingsUpdate = z.infer<typeof MunicipalitySettingsUpdateSchema>

export const RegionRefSchema = z.object({ slug: SlugSchema, name: z.string() })

/**
 * The public profile (`GET /api/municipalities/:slug`): everything residents see of a
 * municipality, readable offline after one visit. Never holds anything an admin keeps private.
 */
export const MunicipalityProfileSchema = z
  .object({
    slug: SlugSchema,
    name: z.string(),
    region: RegionRefSchema.optional(),
    areas: z.array(z.string()),
    themes: z.array(z.string()),
    /** Same-origin URL of the logo, versioned by its content hash; absent without a logo. */
    logoUrl: z.string().optional(),
    /** Same-origin URL of the theme's stylesheet and the class it defines on the root element. */
    themeCssUrl: z.string(),
    themeClass: z.string(),
    contact: ContactSettingsSchema,
    controller: PrivacyPartySchema.optional(),
    dataProtectionOfficer: PrivacyPartySchema.optional(),
    accessibilityStatement: AccessibilityStatementSchema,
    retention: RetentionSettingsSchema,
    resultsMinDevices: z.number().int(),
    /** Days within which residents hear what happens with their signal; absent in profiles cached before it was added. */
    signalResponseDays: z.number().int().optional(),
    /** Languages besides Dutch its items may be read in; absent in profiles cached before it was added. */
    contentLanguages: ContentLanguageListSchema.optional(),
  })
  .meta({ id: 'MunicipalityProfile' })
export type MunicipalityProfile = z.infer<typeof MunicipalityProfileSchema>
