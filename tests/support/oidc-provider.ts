import { createPrivateKey, createSign, generateKeyPairSync, type JsonWebKey } from 'node:crypto'
import { createServer, type RequestListener, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import Provider from 'oidc-provider'

/**
 * A real OpenID provider (`oidc-provider`, the certified Node implementation) on a loopback
 * port, for single sign-on tests. Its own development login page signs anyone in by the name
 * typed (the password is not checked); consent is given at once for the registered clients,
 * as a municipality's provider does for its own applications. `users` holds each person's
 * claims and can change between sign-ins (a group removed at the provider).
 */
export interface TestProvider {
  issuer: string
  /** The Meepraat client and a second application at the same provider. */
  client: { id: string; secret: string }
  otherClient: { id: string; secret: string }
  users: Map<string, Record<string, unknown>>
  /** When set, the token endpoint's ID token is re-signed (with the provider's own key) for this audience. */
  forgeAudience: string | null
  close(): Promise<void>
}

export async function startTestProvider(redirectUris: string[]): Promise<TestProvider> {
  let handler: RequestListener | null = null
  const server: Server = createServer((req, res) => handler?.(req, res))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const jwk = { ...(privateKey.export({ format: 'jwk' }) as JsonWebKey), kid: 'test-key', alg: 'RS256', use: 'sig' }
  const users = new Map<string, Record<string, unknown>>()
  const client = { id: 'meepraat', secret: 'meepraat-client-secret-for-tests-only' }
  const otherClient = { id: 'other-app', secret: 'other-app-secret-for-tests-only' }
  const scopes = 'openid email profile groups'
  const provider = new Provider(issuer, {
    clients: [client, otherClient].map((c) => ({ client_id: c.id, client_secret: c.secret, redirect_uris: redirectUris, grant_types: ['authorization_code'], response_types: ['code'] })),
    jwks: { keys: [jwk as never] },
    cookies: { keys: ['test-cookie-key-1'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups', 'gemeente'], acr: null },
    scopes: scopes.split(' '),
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx, sub) {
      const claims = users.get(sub)
      if (!claims) return undefined
      return { accountId: sub, claims: async () => ({ sub, ...claims }) }
    },
    async loadExistingGrant(ctx) {
      const existing = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session?.grantIdFor(ctx.oidc.client!.clientId)
      if (existing) return ctx.oidc.provider.Grant.find(existing)
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! })
      grant.addOIDCScope(scopes)
      await grant.save()
      return grant
    },
  })
  const state = { forgeAudience: null as string | null }
  provider.use(async (ctx, next) => {
    await next()
    const body = ctx.body as { id_token?: string } | undefined
    if (ctx.path === '/token' && state.forgeAudience && body?.id_token) body.id_token = resign(body.id_token, jwk, { aud: state.forgeAudience })
  })
  handler = provider.callback()
  return {
    issuer,
    client,
    otherClient,
    users,
    get forgeAudience() {
      return state.forgeAudience
    },
    set forgeAudience(value) {
      state.forgeAudience = value
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** The same token with some claims replaced, signed again with the provider's key (a real signature). */
function resign(token: string, jwk: JsonWebKey, replace: Record<string, unknown>): string {
  const [header, payload] = token.split('.') as [string, string]
  const claims = { ...JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')), ...replace }
  const input = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`
  const signature = createSign('RSA-SHA256').update(input).sign(createPrivateKey({ key: jwk, format: 'jwk' }))
  return `${input}.${signature.toString('base64url')}`
}

/**
 * Goes through the provider as a browser without JavaScript would: follows its redirects with
 * its cookies, fills in the development login form with `login`, and stops at the redirect to
 * Meepraat. Returns the query the provider sends back (code, state, iss).
 */
export async function signInAtProvider(authorizationUrl: string, login: string, redirectUri: string): Promise<Record<string, string>> {
  const jar = new Map<string, string>()
  const remember = (res: Response) => {
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(';') as [string]
      const at = pair.indexOf('=')
      jar.set(pair.slice(0, at), pair.slice(at + 1))
    }
  }
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
  let url = authorizationUrl
  let init: RequestInit = {}
  for (let hop = 0; hop < 20; hop++) {
    if (url.startsWith(redirectUri)) return Object.fromEntries(new URL(url).searchParams)
    const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: cookieHeader() } })
    remember(res)
    init = {}
    const location = res.headers.get('location')
    if (location) {
      url = new URL(location, url).href
      continue
    }
    const html = await res.text()
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1]
    if (res.status !== 200 || !action || !html.includes('name="login"')) throw new Error(`unexpected page at the provider (${res.status}): ${html.slice(0, 300)}`)
    url = new URL(action, url).href
    init = { method: 'POST', body: new URLSearchParams({ prompt: 'login', login, password: 'not-checked' }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } }
  }
  throw new Error('too many redirects at the provider')
}
