import { z } from 'zod'
import { SlugSchema } from './common'
import { MeSchema } from './official'
import { safeString } from './safe-text'

/**
 * How the officials of one municipality sign in (issue 14): with a password, through the
 * municipality's own identity provider over OpenID Connect (single sign-on), or both; and
 * whether everyone needs a second factor. The client secret is write-only: it is sent when set
 * or changed and never returned (`clientSecretSet` says whether one is stored).
 */

/** A claim name as identity providers use them: `groups`, `roles`, `https://example.nl/gemeente`. */
const ClaimNameSchema = z.string().min(1).max(200).regex(/^[\x21-\x7e]+$/, 'a claim name without spaces')
/** A claim value to compare with: a group name, a role, a municipality code. */
const ClaimValueSchema = safeString().trim().min(1).max(200)

/**
 * The issuer: HTTPS, as the NL GOV Assurance profile and OpenID Connect Discovery require. Plain
 * HTTP only on this machine's loopback address (a provider for tests or a local proxy).
 */
export const IssuerSchema = z
  .url({ protocol: /^https?$/ })
  .max(500)
  .refine((value) => {
    const url = new URL(value)
    return url.protocol === 'https:' || ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)
  }, 'the issuer must use https')
  .refine((value) => !new URL(value).search && !new URL(value).hash, 'the issuer has no query or fragment')

/** Which claims say who someone is, which role and which municipality they have. */
export const SsoClaimMappingSchema = z
  .object({
    /** The claim with the e-mail address (the account's name in Meepraat). */
    emailClaim: ClaimNameSchema.default('email'),
    /** The claim with groups or roles, a string or a list of strings. */
    roleClaim: ClaimNameSchema,
    /** Values of the role claim that make someone an admin. */
    adminValues: z.array(ClaimValueSchema).max(20),
    /** Values of the role claim that make someone an official. Someone with none of these (nor an admin value) is refused. */
    officialValues: z.array(ClaimValueSchema).max(20),
    /**
     * A claim that must hold `municipalityValue` (an identity provider shared by several
     * municipalities). Null: everyone this provider signs in belongs to this municipality.
     */
    municipalityClaim: ClaimNameSchema.nullable(),
    municipalityValue: ClaimValueSchema.nullable(),
    /** Whether an account is made at the first sign-in of someone with a role. */
    createAccounts: z.boolean(),
  })
  .refine((m) => m.adminValues.length + m.officialValues.length > 0, { message: 'name at least one value that gives a role', path: ['officialValues'] })
  .refine((m) => (m.municipalityClaim === null) === (m.municipalityValue === null), { message: 'give the municipality claim and its value together', path: ['municipalityValue'] })
  .meta({ id: 'SsoClaimMapping' })
export type SsoClaimMapping = z.infer<typeof SsoClaimMappingSchema>

const ssoFields = {
  enabled: z.boolean(),
  /** The name on the button: "Inloggen met <displayName>". */
  displayName: safeString().trim().min(1).max(60),
  issuer: IssuerSchema,
  clientId: z.string().min(1).max(200).regex(/^[\x21-\x7e]+$/),
  /** Space-separated; `openid` is always asked for. */
  scopes: z.string().max(300).regex(/^[\x21-\x7e]+( [\x21-\x7e]+)*$/).refine((s) => s.split(' ').includes('openid'), 'the scopes include openid'),
  /** Asked for as `acr_values` and checked in the ID token (e.g. an eHerkenning or NL GOV level); null: none. */
  acrValues: z.string().max(300).regex(/^[\x21-\x7e]+( [\x21-\x7e]+)*$/).nullable(),
  mapping: SsoClaimMappingSchema,
}

/** What an admin reads: everything but the secret. */
export const SsoSettingsSchema = z.object({ ...ssoFields, clientSecretSet: z.boolean() }).meta({ id: 'SsoSettings' })
export type SsoSettings = z.infer<typeof SsoSettingsSchema>

/** What an admin sends: the secret only when setting or changing it (left out: the stored one stays). */
export const SsoSettingsInputSchema = z.object({ ...ssoFields, clientSecret: z.string().min(1).max(500).regex(/^[\x20-\x7e]+$/).optional() }).strict()
export type SsoSettingsInput = z.infer<typeof SsoSettingsInputSchema>

export const SignInSettingsSchema = z
  .object({
    /** Whether officials may still sign in with a password. */
    passwordSignIn: z.boolean(),
    /** Whether every password account needs a second factor (admins always do). */
    requireSecondFactor: z.boolean(),
    sso: SsoSettingsSchema.nullable(),
    /** The address to register at the identity provider as redirect URI. */
    redirectUri: z.string(),
  })
  .meta({ id: 'SignInSettings' })
export type SignInSettings = z.infer<typeof SignInSettingsSchema>

export const SignInSettingsUpdateSchema = z
  .object({ passwordSignIn: z.boolean(), requireSecondFactor: z.boolean(), sso: SsoSettingsInputSchema.nullable() })
  .strict()
  .meta({ id: 'SignInSettingsUpdate' })
export type SignInSettingsUpdate = z.infer<typeof SignInSettingsUpdateSchema>

/** A municipality whose officials can sign in through their identity provider (the login page lists these). */
export const SsoProviderSchema = z.object({ municipality: SlugSchema, municipalityName: z.string(), displayName: z.string() }).meta({ id: 'SsoProvider' })
export type SsoProvider = z.infer<typeof SsoProviderSchema>

export const SsoStartSchema = z.object({ authorizationUrl: z.string() }).meta({ id: 'SsoStart' })

/** The query the identity provider sent the browser back with, passed on by the callback page. */
export const SsoCallbackSchema = z
  .object({
    state: z.string().min(1).max(200),
    code: z.string().min(1).max(2000).optional(),
    iss: z.string().max(500).optional(),
    error: z.string().max(200).optional(),
  })
  .strict()
  .meta({ id: 'SsoCallback' })
export type SsoCallback = z.infer<typeof SsoCallbackSchema>

export const SsoSignedInSchema = MeSchema
