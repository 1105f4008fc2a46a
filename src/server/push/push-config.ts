import { z } from 'zod'
import { resolveVapidKeys, type VapidKeys } from './vapid-keys'

const PushEnvSchema = z.object({
  VAPID_PUBLIC_KEY: z.string().regex(/^[A-Za-z0-9_-]{80,100}$/, 'VAPID_PUBLIC_KEY must be a base64url P-256 public key').optional(),
  VAPID_PRIVATE_KEY: z.string().regex(/^[A-Za-z0-9_-]{40,50}$/, 'VAPID_PRIVATE_KEY must be a base64url P-256 private key').optional(),
  VAPID_SUBJECT: z.string().regex(/^(mailto:\S+@\S+|https:\/\/\S+)$/, 'VAPID_SUBJECT must be a mailto: or https: URI').optional(),
  PUSH_ALLOW_PRIVATE_ENDPOINTS: z.enum(['0', '1']).optional(),
})

export interface PushSettings {
  vapid: VapidKeys
  /** Lets tests reach a push-service stand-in on 127.0.0.1; never in production. */
  allowPrivate: boolean
}

/**
 * Web Push settings from the environment; `undefined` when push is off (PostgreSQL without keys).
 * Throws one clear sentence on bad values, and when private endpoints are allowed in production.
 */
export function loadPushSettings(env: NodeJS.ProcessEnv, context: { dataDir: string; embedded: boolean; production: boolean; publicUrl: string }): PushSettings | undefined {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''))
  const parsed = PushEnvSchema.safeParse(present)
  if (!parsed.success) throw new Error(`Invalid configuration:\n${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n')}`)
  const e = parsed.data
  const allowPrivate = e.PUSH_ALLOW_PRIVATE_ENDPOINTS === '1'
  if (allowPrivate && context.production) throw new Error('PUSH_ALLOW_PRIVATE_ENDPOINTS=1 is refused when NODE_ENV=production')
  if (Boolean(e.VAPID_PUBLIC_KEY) !== Boolean(e.VAPID_PRIVATE_KEY)) throw new Error('Invalid configuration:\nVAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY go together')
  const host = new URL(context.publicUrl).hostname
  const vapid = resolveVapidKeys({
    publicKey: e.VAPID_PUBLIC_KEY,
    privateKey: e.VAPID_PRIVATE_KEY,
    subject: e.VAPID_SUBJECT,
    dataDir: context.dataDir,
    embedded: context.embedded,
    defaultSubject: context.publicUrl.startsWith('https://') ? context.publicUrl : `mailto:noreply@${host.includes('.') ? host : 'meepraat.local'}`,
  })
  return vapid ? { vapid, allowPrivate } : undefined
}
