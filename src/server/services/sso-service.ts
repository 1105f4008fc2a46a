import { createHash } from 'node:crypto'
import { eq } from 'drizzle-orm'
import * as oidc from 'openid-client'
import type { ErrorCode } from '../../shared/error-codes'
import type { OfficialRole } from '../../shared/schemas/official'
import type { SsoCallback } from '../../shared/schemas/sign-in-settings'
import { mapClaims } from '../auth/claim-mapping'
import { authorizationUrl, redeemCode, type OidcClients } from '../auth/oidc-client'
import type { SecretBox } from '../auth/secret-box'
import { officials, sessions } from '../db/schema'
import { DomainError } from '../errors'
import { recordAudit } from '../repos/audit-repo'
import { findOfficialByEmail, findOfficialById, insertOfficial, type OfficialAccount } from '../repos/official-repo'
import { findIdentity, findSignInSettings, hasIdentityAt, insertIdentity, insertPendingSignIn, takePendingSignIn, type StoredSso } from '../repos/sign-in-settings-repo'
import type { ServiceContext } from './context'

/** How long the trip to the identity provider and back may take. */
export const SSO_FLOW_MS = 10 * 60 * 1000
/**
 * The password hash of an account made by single sign-on: not a hash at all, so no password
 * ever matches it (verifyPassword answers false for what it cannot parse).
 */
export const NO_PASSWORD = '!sso-only'

export interface SsoDependencies {
  clients: OidcClients
  box: SecretBox
  /** The back-office page the provider sends the browser back to (registered at the provider). */
  redirectUri: string
}

const hashOf = (value: string) => createHash('sha256').update(value).digest('base64url')

async function providerOf(context: ServiceContext, deps: SsoDependencies, municipality: string): Promise<{ sso: StoredSso; configuration: oidc.Configuration }> {
  const settings = await findSignInSettings(context.db, municipality)
  if (!settings.sso?.enabled || !settings.clientSecretSealed) throw new DomainError('sso_not_configured', 'This municipality has no single sign-on')
  const clientSecret = deps.box.open('sso-client-secret', settings.clientSecretSealed)
  if (clientSecret === null) throw new DomainError('sso_secret_unreadable', 'The stored client secret cannot be read; an admin enters it again')
  const configuration = await deps.clients.configuration({ issuer: settings.sso.issuer, clientId: settings.sso.clientId, clientSecret })
  return { sso: settings.sso, configuration }
}

/**
 * Starts a sign-in: a fresh state, nonce and PKCE verifier, kept server-side for ten minutes and
 * bound to the browser (`browserToken` is the random value of its short-lived cookie).
 */
export async function startSsoSignIn(context: ServiceContext, deps: SsoDependencies, municipality: string, browserToken: string): Promise<string> {
  const { sso, configuration } = await providerOf(context, deps, municipality)
  const state = oidc.randomState()
  const nonce = oidc.randomNonce()
  const codeVerifier = oidc.randomPKCECodeVerifier()
  await insertPendingSignIn(context.db, hashOf(state), { municipality, browserHash: hashOf(browserToken), nonce, codeVerifier }, new Date(context.now.getTime() + SSO_FLOW_MS))
  const url = await authorizationUrl(configuration, { redirectUri: deps.redirectUri, scopes: sso.scopes, acrValues: sso.acrValues, state, nonce, codeVerifier })
  return url.href
}

/** A sign-in the provider or the mapping refused, audited (outcome only, no personal data) before it is answered. */
async function refuse(context: ServiceContext, municipality: string, officialId: string | null, code: ErrorCode, message: string): Promise<never> {
  await recordAudit(context.db, { officialId, municipality, action: 'auth.sso.refused', details: { reason: code } }, context.now)
  throw new DomainError(code, message)
}

/** The IdP says this person has no (more) access here: the account is disabled and its sessions end. */
async function disableByProvider(context: ServiceContext, account: OfficialAccount, reason: string): Promise<void> {
  if (account.disabled) return
  await context.db.transaction(async (tx) => {
    await tx.update(officials).set({ disabledAt: context.now }).where(eq(officials.id, account.id))
    await tx.delete(sessions).where(eq(sessions.officialId, account.id))
    await recordAudit(tx, { officialId: account.id, municipality: account.municipality, action: 'auth.sso.disabled', details: { reason } }, context.now)
  })
}

export interface SsoSignInResult {
  officialId: string
  municipality: string
  created: boolean
  role: OfficialRole
  roleChanged: boolean
}

/**
 * Finishes a sign-in: takes the started sign-in (single use, this browser only), lets
 * openid-client check the answer, maps the claims and finds, links, makes, updates or disables
 * the account. The caller starts the session.
 */
export async function finishSsoSignIn(context: ServiceContext, deps: SsoDependencies, answer: SsoCallback, browserToken: string | null): Promise<SsoSignInResult> {
  // A flow started in another browser is refused the same way as an unknown one.
  const pending = browserToken ? await takePendingSignIn(context.db, hashOf(answer.state), hashOf(browserToken), context.now) : null
  if (!pending) {
    throw new DomainError('sso_flow_invalid', 'This sign-in is unknown, expired, used already or was started in another browser')
  }
  const municipality = pending.municipality
  const { sso, configuration } = await providerOf(context, deps, municipality)
  const callbackUrl = new URL(deps.redirectUri)
  for (const [name, value] of Object.entries(answer)) if (value !== undefined) callbackUrl.searchParams.set(name, value)
  let verified
  try {
    verified = await redeemCode(configuration, callbackUrl, { state: answer.state, nonce: pending.nonce, codeVerifier: pending.codeVerifier, acrValues: sso.acrValues })
  } catch (error) {
    await recordAudit(context.db, { officialId: null, municipality, action: 'auth.sso.refused', details: { reason: 'sso_rejected' } }, context.now)
    throw error
  }
  const mapped = mapClaims(verified.claims, sso.mapping)
  const linkedId = await findIdentity(context.db, verified.issuer, verified.subject)
  const email = mapped.outcome === 'role' || mapped.outcome === 'no_role' ? mapped.email : null
  const account = linkedId ? await findOfficialById(context.db, linkedId) : email ? await findOfficialByEmail(context.db, email) : null

  if (account && account.municipality !== municipality) return refuse(context, municipality, null, 'sso_wrong_municipality', 'The account belongs to another municipality')
  if (mapped.outcome === 'no_email') return refuse(context, municipality, account?.id ?? null, 'sso_rejected', 'The identity provider sent no usable e-mail address')
  if (mapped.outcome === 'wrong_municipality' || mapped.outcome === 'no_role') {
    if (account) await disableByProvider(context, account, mapped.outcome)
    return mapped.outcome === 'no_role'
      ? refuse(context, municipality, account?.id ?? null, 'sso_no_role', 'The identity provider gives this person no role in Meepraat')
      : refuse(context, municipality, account?.id ?? null, 'sso_wrong_municipality', 'The identity provider places this person in another municipality')
  }
  // An account already bound to another subject of this provider is not taken over by whoever
  // else the provider lets use the same e-mail address.
  if (account && !linkedId && (await hasIdentityAt(context.db, account.id, verified.issuer))) {
    return refuse(context, municipality, account.id, 'sso_rejected', 'The account is bound to another identity at this provider')
  }
  if (account?.disabled) return refuse(context, municipality, account.id, 'account_disabled', 'This account is disabled')
  if (!account && !sso.mapping.createAccounts) return refuse(context, municipality, null, 'sso_account_unknown', 'There is no account for this person')

  return context.db.transaction(async (tx) => {
    let officialId = account?.id
    if (!officialId) {
      officialId = (await insertOfficial(tx, { email: mapped.email, passwordHash: NO_PASSWORD, municipality, role: mapped.role })) ?? undefined
      // Someone made the same account a moment ago (a second tab): that one is used.
      officialId ??= (await findOfficialByEmail(tx, mapped.email))?.id
      if (!officialId) throw new DomainError('sso_account_unknown', 'The account could not be made')
      await recordAudit(tx, { officialId, municipality, action: 'official.create', details: { officialId, role: mapped.role, via: 'sso' } }, context.now)
    }
    if (!linkedId) await insertIdentity(tx, verified.issuer, verified.subject, officialId, context.now)
    const roleChanged = account !== null && account.role !== mapped.role
    if (roleChanged) {
      await tx.update(officials).set({ role: mapped.role }).where(eq(officials.id, officialId))
      await recordAudit(tx, { officialId, municipality, action: 'auth.sso.roleChanged', details: { officialId, from: account.role, to: mapped.role } }, context.now)
    }
    return { officialId, municipality, created: account === null, role: mapped.role, roleChanged }
  })
}
