import type { SignInSettings, SignInSettingsUpdate } from '../../shared/schemas/sign-in-settings'
import { DomainError } from '../errors'
import { findSignInSettings, saveSignInSettings, type StoredSignInSettings } from '../repos/sign-in-settings-repo'
import { audited, type Actor, type ServiceContext } from './context'
import type { SsoDependencies } from './sso-service'

function shown(stored: StoredSignInSettings, redirectUri: string): SignInSettings {
  return {
    passwordSignIn: stored.passwordSignIn,
    requireSecondFactor: stored.requireSecondFactor,
    // The secret itself never leaves the server; the admin only sees that one is stored.
    sso: stored.sso ? { ...stored.sso, clientSecretSet: stored.clientSecretSealed !== null } : null,
    redirectUri,
  }
}

export async function getSignInSettings(context: ServiceContext, deps: SsoDependencies, admin: Actor): Promise<SignInSettings> {
  return shown(await findSignInSettings(context.db, admin.municipality), deps.redirectUri)
}

/** Which settings an update changed, by name (the audit entry lists names, never values or secrets). */
function changedFields(before: StoredSignInSettings, after: StoredSignInSettings, secretChanged: boolean): string[] {
  const fields: string[] = []
  if (before.passwordSignIn !== after.passwordSignIn) fields.push('passwordSignIn')
  if (before.requireSecondFactor !== after.requireSecondFactor) fields.push('requireSecondFactor')
  const keys = new Set([...Object.keys(before.sso ?? {}), ...Object.keys(after.sso ?? {})]) as Set<keyof NonNullable<StoredSignInSettings['sso']>>
  for (const key of keys) if (JSON.stringify(before.sso?.[key]) !== JSON.stringify(after.sso?.[key])) fields.push(`sso.${key}`)
  if (secretChanged) fields.push('sso.clientSecret')
  return fields
}

/**
 * An admin changes how their municipality signs in. Password sign-in can only go off while
 * single sign-on is on (nobody could sign in otherwise); switching single sign-on on needs a
 * client secret and a provider that answers discovery with these details, so a typo shows here
 * and not at the first official's sign-in.
 */
export async function updateSignInSettings(context: ServiceContext, deps: SsoDependencies, admin: Actor, input: SignInSettingsUpdate): Promise<SignInSettings> {
  const before = await findSignInSettings(context.db, admin.municipality)
  const ssoOn = input.sso?.enabled === true
  if (!input.passwordSignIn && !ssoOn) throw new DomainError('password_sign_in_required', 'Password sign-in can only be switched off while single sign-on is on')
  const { clientSecret, ...sso } = input.sso ?? { clientSecret: undefined }
  const clientSecretSealed = input.sso === null ? null : clientSecret ? deps.box.seal('sso-client-secret', clientSecret) : before.clientSecretSealed
  if (ssoOn && input.sso) {
    const secret = clientSecretSealed ? deps.box.open('sso-client-secret', clientSecretSealed) : null
    if (secret === null) throw new DomainError('sso_client_secret_missing', 'Enter the client secret the identity provider gave')
    await deps.clients.configuration({ issuer: input.sso.issuer, clientId: input.sso.clientId, clientSecret: secret })
  }
  const after: StoredSignInSettings = {
    passwordSignIn: input.passwordSignIn,
    requireSecondFactor: input.requireSecondFactor,
    sso: input.sso === null ? null : (sso as NonNullable<StoredSignInSettings['sso']>),
    clientSecretSealed,
  }
  return audited(context, admin, 'signIn.settings.update', async (tx) => {
    await saveSignInSettings(tx, admin.municipality, after, context.now)
    return { result: shown(after, deps.redirectUri), details: { fields: changedFields(before, after, Boolean(clientSecret)) } }
  })
}
