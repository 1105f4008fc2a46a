import { randomBytes } from 'node:crypto'
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { deviceKeysWith, type DeviceKeys } from '../auth/device-keys'

declare module 'fastify' {
  interface FastifyInstance {
    /** Per-purpose device keys under this installation's `DEVICE_KEY_SECRET`. */
    deviceKeys: DeviceKeys
  }
}

/**
 * One secret per process when the caller gives none (tests, tools): every app built in this
 * process then recognises the same devices, as the processes of one installation do with theirs.
 */
const PROCESS_SECRET = randomBytes(32).toString('base64url')

export const deviceKeysPlugin = fp(async (app: FastifyInstance, options: { secret: string | undefined }) => {
  app.decorate('deviceKeys', deviceKeysWith(options.secret ?? PROCESS_SECRET))
})
