import { isIP } from 'node:net'
import { z } from 'zod'

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// URL')
    .optional(),
  DATA_DIR: z.string().default('./data'),
  SESSION_SECRET: z.string().min(32, 'SESSION_SECRET must be at least 32 characters').optional(),
  DEVICE_KEY_SECRET: z.string().min(32, 'DEVICE_KEY_SECRET must be at least 32 characters').optional(),
  NODE_ENV: z.string().default('development'),
  DEMO: z.enum(['0', '1']).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  STATIC_DIR: z.string().default('./dist/client'),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'SMTP_URL must be an smtp:// or smtps:// URL').optional(),
  MAIL_FROM: z.string().default('Meepraat <noreply@meepraat.local>'),
  PUBLIC_URL: z.url().optional(),
  TRUST_PROXY: z.string().default('0'),
  /** Whether admins with a password must use a second factor (TOTP): `required` unless a small installation says `optional`. */
  ADMIN_SECOND_FACTOR: z.enum(['required', 'optional']).default('required'),
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(10),
  /** Idle time-out of officials' sessions; shorter for tests of the warning, at least 150 s (the warning comes 2 minutes before). */
  SESSION_IDLE_SECONDS: z.coerce.number().int().min(150).max(12 * 60 * 60).default(2 * 60 * 60),
  SECURITY_CONTACT: z
    .string()
    .regex(/^(mailto:[^\s@]+@[^\s@]+|https:\/\/\S+|tel:\+?[0-9 -]+|[^\s@:]+@[^\s@]+)$/, 'SECURITY_CONTACT must be an e-mail address, a mailto:, https: or tel: URI')
    .optional(),
  SECURITY_POLICY_URL: z.url({ protocol: /^https$/, error: 'SECURITY_POLICY_URL must be an https:// URL' }).optional(),
})

/**
 * Which proxies may tell us the client's address: `false` (none), a hop count, or a list of proxy
 * addresses/CIDRs. Never `true`: trusting every hop lets anyone pick their own address by sending
 * `X-Forwarded-For`, and so walk around every per-address limit.
 */
export type TrustProxy = false | number | string[]

function isAddressOrCidr(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/')
  const family = isIP(address)
  if (family === 0 || rest.length > 0) return false
  if (prefix === undefined) return true
  if (!/^\d{1,3}$/.test(prefix)) return false
  return Number(prefix) <= (family === 4 ? 32 : 128)
}

/** `0` none; `N` trust N proxy hops (`1`: one proxy in front); `A,B/24` trust exactly these proxies. */
export function parseTrustProxy(value: string): TrustProxy {
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) {
    const hops = Number(trimmed)
    if (hops > 10) throw new Error('TRUST_PROXY: a hop count is at most 10')
    return hops === 0 ? false : hops
  }
  const entries = trimmed.split(',').map((e) => e.trim()).filter((e) => e !== '')
  const wrong = entries.find((e) => !isAddressOrCidr(e))
  if (entries.length === 0 || wrong !== undefined) {
    throw new Error(`TRUST_PROXY: expected a hop count or a comma-separated list of proxy addresses (IP or CIDR), got ${JSON.stringify(wrong ?? value)}`)
  }
  return entries
}

export interface Config {
  port: number
  host: string
  databaseUrl: string | undefined
  dataDir: string
  sessionSecret: string | undefined
  /**
   * The key of the per-purpose device keys (`auth/device-keys.ts`). Required in production; else,
   * when unset, `auth/device-key-secret.ts` generates one into DATA_DIR once and reuses it.
   */
  deviceKeySecret: string | undefined
  production: boolean
  demo: boolean
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL']
  staticDir: string
  smtpUrl: string | undefined
  mailFrom: string
  /** Base of links in e-mails (guardian confirmation); defaults to the listen address. */
  publicUrl: string
  /** Behind a reverse proxy: which hops of X-Forwarded-For to trust for the client address (rate limits need it). */
  trustProxy: TrustProxy
  /** Whether admins with a password must use a second factor. */
  adminSecondFactor: 'required' | 'optional'
  /** Port of the Prometheus metrics server (on `host`); off when unset. Never the app's port. */
  metricsPort: number | undefined
  /** Connections per process in the pool of a PostgreSQL server. */
  databasePoolSize: number
  /** How long an official's session lasts without use. */
  sessionIdleMs: number
  /** Where to report a vulnerability (`/.well-known/security.txt`, RFC 9116); not served when unset. */
  securityTxt: SecurityTxtSettings | undefined
}

export interface SecurityTxtSettings {
  /** A `mailto:`, `https:` or `tel:` URI. */
  contact: string
  policy?: string | undefined
}

/** Reads the environment once at start-up; throws with a clear message on bad values. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (`DATABASE_URL=`) means "not set", as in most shells' habits.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''))
  const parsed = EnvSchema.safeParse(present)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`)
  }
  const e = parsed.data
  let trustProxy: TrustProxy
  try {
    trustProxy = parseTrustProxy(e.TRUST_PROXY)
  } catch (error) {
    throw new Error(`Invalid configuration:\n${(error as Error).message}`)
  }
  const production = e.NODE_ENV === 'production'
  if (production && !e.SESSION_SECRET) {
    throw new Error('SESSION_SECRET is required when NODE_ENV=production')
  }
  // The file fallback keeps addresses and live links on disk: fine for development only.
  if (e.METRICS_PORT !== undefined && e.METRICS_PORT === e.PORT) {
    throw new Error('Invalid configuration:\nMETRICS_PORT: must differ from PORT (metrics are not served to the public)')
  }
  if (production && !e.SMTP_URL) {
    throw new Error('SMTP_URL is required when NODE_ENV=production')
  }
  // Every process of an installation must share it, and a backup is useless without it: it must
  // be set on purpose, never made up by one process on one disk.
  if (production && !e.DEVICE_KEY_SECRET) {
    throw new Error('DEVICE_KEY_SECRET is required when NODE_ENV=production (at least 32 random characters, the same for every server process, kept with the backups)')
  }
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    sessionSecret: e.SESSION_SECRET,
    deviceKeySecret: e.DEVICE_KEY_SECRET,
    production,
    // Demo content by default only on the embedded database, never silently on a real server.
    demo: e.DEMO ? e.DEMO === '1' : !e.DATABASE_URL,
    logLevel: e.LOG_LEVEL,
    staticDir: e.STATIC_DIR,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    trustProxy,
    adminSecondFactor: e.ADMIN_SECOND_FACTOR,
    metricsPort: e.METRICS_PORT,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    sessionIdleMs: e.SESSION_IDLE_SECONDS * 1000,
    // A bare e-mail address is the common way to write it; RFC 9116 wants a URI.
    securityTxt: e.SECURITY_CONTACT
      ? { contact: /^(mailto|https|tel):/.test(e.SECURITY_CONTACT) ? e.SECURITY_CONTACT : `mailto:${e.SECURITY_CONTACT}`, policy: e.SECURITY_POLICY_URL }
      : undefined,
    publicUrl: (e.PUBLIC_URL ?? `http://${e.HOST.includes(':') ? `[${e.HOST}]` : e.HOST}:${e.PORT}`).replace(/\/$/, ''),
  }
}
