import { createHash } from 'node:crypto'
import * as oidc from 'openid-client'
import { DomainError } from '../errors'

/**
 * The relying-party side of OpenID Connect, through the certified `openid-client`: discovery,
 * the authorization request and the checks on the answer. What this follows of the NL GOV
 * Assurance profile for OpenID Connect (1.0): authorization code flow only (no implicit or
 * hybrid), PKCE with S256, `state` and `nonce` on every request, the ID token's signature,
 * issuer, audience, expiry and nonce checked (by openid-client), the issuer identified in the
 * answer (RFC 9207) when the provider says it sends it, `acr_values` asked and the `acr` claim
 * checked when the municipality sets them, HTTPS to the provider (plain HTTP only to loopback),
 * and accounts bound to issuer + `sub`. Not done: signed request objects and private_key_jwt
 * client authentication (the profile's stronger options; the client secret goes by
 * client_secret_basic), and pairwise subjects are whatever the provider sends.
 */
export interface ProviderAccess {
  issuer: string
  clientId: string
  clientSecret: string
}

const DISCOVERY_TTL_MS = 15 * 60 * 1000
const PROVIDER_TIMEOUT_S = 10

const isLoopback = (url: URL) => ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)

export interface OidcClients {
  /** The provider's configuration (discovered once per 15 minutes per provider and client). */
  configuration(access: ProviderAccess): Promise<oidc.Configuration>
}

export function createOidcClients(): OidcClients {
  const cache = new Map<string, { at: number; configuration: Promise<oidc.Configuration> }>()
  return {
    async configuration(access) {
      const key = createHash('sha256').update(JSON.stringify([access.issuer, access.clientId, access.clientSecret])).digest('base64url')
      const hit = cache.get(key)
      if (hit && Date.now() - hit.at < DISCOVERY_TTL_MS) return hit.configuration
      const issuer = new URL(access.issuer)
      const configuration = oidc
        .discovery(issuer, access.clientId, access.clientSecret, undefined, {
          timeout: PROVIDER_TIMEOUT_S,
          ...(issuer.protocol === 'http:' && isLoopback(issuer) ? { execute: [oidc.allowInsecureRequests] } : {}),
        })
        .then((config) => {
          config.timeout = PROVIDER_TIMEOUT_S
          return config
        })
      cache.set(key, { at: Date.now(), configuration })
      try {
        return await configuration
      } catch (error) {
        cache.delete(key)
        throw new DomainError('sso_issuer_unreachable', `The identity provider could not be discovered: ${error instanceof Error ? error.message : String(error)}`)
      }
    },
  }
}

export interface AuthorizationRequest {
  redirectUri: string
  scopes: string
  acrValues: string | null
  state: string
  nonce: string
  codeVerifier: string
}

export async function authorizationUrl(config: oidc.Configuration, request: AuthorizationRequest): Promise<URL> {
  return oidc.buildAuthorizationUrl(config, {
    redirect_uri: request.redirectUri,
    response_type: 'code',
    scope: request.scopes,
    state: request.state,
    nonce: request.nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(request.codeVerifier),
    code_challenge_method: 'S256',
    ...(request.acrValues ? { acr_values: request.acrValues } : {}),
  })
}

export interface VerifiedSignIn {
  issuer: string
  subject: string
  /** ID token claims, completed by the UserInfo answer (many providers put groups and e-mail there). */
  claims: Record<string, unknown>
}

/**
 * Redeems the code and checks everything openid-client checks; any failure (an error answer, a
 * wrong `iss`, a replayed code, a token for another client, a bad signature) is `sso_rejected`.
 */
export async function redeemCode(
  config: oidc.Configuration,
  callbackUrl: URL,
  expected: { state: string; nonce: string; codeVerifier: string; acrValues: string | null },
): Promise<VerifiedSignIn> {
  try {
    const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: expected.codeVerifier,
      expectedState: expected.state,
      expectedNonce: expected.nonce,
      idTokenExpected: true,
    })
    const idToken = tokens.claims()
    if (!idToken) throw new Error('no ID token')
    if (expected.acrValues && !expected.acrValues.split(' ').includes(String(idToken.acr ?? ''))) throw new Error('the ID token has another acr than asked')
    let userinfo: Record<string, unknown> = {}
    if (config.serverMetadata().userinfo_endpoint) userinfo = await oidc.fetchUserInfo(config, tokens.access_token, idToken.sub)
    // The ID token's own claims win: they are signed, the UserInfo answer only completes them.
    return { issuer: idToken.iss, subject: idToken.sub, claims: { ...userinfo, ...idToken } }
  } catch (error) {
    throw new DomainError('sso_rejected', `The identity provider's answer was refused: ${error instanceof Error ? error.message : String(error)}`)
  }
}
