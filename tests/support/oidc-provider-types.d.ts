// Minimal types for the parts of oidc-provider@8 the single sign-on tests use (the package ships none).
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http'

  interface Grant {
    addOIDCScope(scope: string): void
    save(): Promise<string>
  }
  interface GrantConstructor {
    new (properties: { clientId: string; accountId: string }): Grant
    find(id: string): Promise<Grant | undefined>
  }
  interface KoaContext {
    path: string
    body: unknown
    oidc: {
      provider: { Grant: GrantConstructor }
      client?: { clientId: string }
      session?: { accountId?: string; grantIdFor(clientId: string): string | undefined }
      result?: { consent?: { grantId?: string } }
    }
  }
  interface Account {
    accountId: string
    claims(): Promise<Record<string, unknown>>
  }
  export interface Configuration {
    clients?: Record<string, unknown>[]
    jwks?: { keys: unknown[] }
    cookies?: { keys: string[] }
    claims?: Record<string, string[] | null>
    scopes?: string[]
    pkce?: { required?: () => boolean }
    features?: Record<string, { enabled: boolean }>
    findAccount?: (ctx: KoaContext, sub: string) => Promise<Account | undefined>
    loadExistingGrant?: (ctx: KoaContext) => Promise<Grant | undefined>
  }
  export default class Provider {
    constructor(issuer: string, configuration: Configuration)
    use(middleware: (ctx: KoaContext, next: () => Promise<void>) => Promise<void>): void
    callback(): (req: IncomingMessage, res: ServerResponse) => void
  }
}
