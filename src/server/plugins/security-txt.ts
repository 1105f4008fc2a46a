import type { FastifyPluginAsync } from 'fastify'
import fp from 'fastify-plugin'
import type { SecurityTxtSettings } from '../config'

/** RFC 9116 says Expires should be less than a year ahead; the contract says at most 180 days. */
export const SECURITY_TXT_VALID_DAYS = 180
const DAY_MS = 86_400_000

/** The text of `/.well-known/security.txt` (RFC 9116), valid from `now`. */
export function securityTxt(settings: SecurityTxtSettings, publicUrl: string, now: Date): string {
  // Expires is fixed to the start of a day, so caches and repeated fetches agree on it.
  const expires = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS + SECURITY_TXT_VALID_DAYS * DAY_MS)
  const lines = [
    `Contact: ${settings.contact}`,
    `Expires: ${expires.toISOString().replace('.000Z', 'Z')}`,
    ...(settings.policy ? [`Policy: ${settings.policy}`] : []),
    'Preferred-Languages: nl, en',
    ...(publicUrl.startsWith('https:') ? [`Canonical: ${publicUrl}/.well-known/security.txt`] : []),
  ]
  return `${lines.join('\n')}\n`
}

/**
 * Serves `/.well-known/security.txt` when the installation names a security contact; without one
 * the path is unknown like any other (404), rather than a file that sends reporters nowhere.
 */
const plugin: FastifyPluginAsync<{ settings: SecurityTxtSettings | undefined; publicUrl: string; clock: () => Date }> = async (app, options) => {
  const { settings } = options
  if (!settings) return
  app.get('/.well-known/security.txt', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/plain; charset=utf-8').header('cache-control', 'public, max-age=86400').send(securityTxt(settings, options.publicUrl, options.clock())),
  )
}

export const securityTxtPlugin = fp(plugin, { name: 'security-txt' })
