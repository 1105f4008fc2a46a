import type { FastifyInstance } from 'fastify'
import { buildApp, type BuildAppOptions } from '../../src/server/app'
import type { TrustProxy } from '../../src/server/config'
import type { MailMessage } from '../../src/server/notify/notifier'
import { createMemoryNotifier } from './memory-notifier'
import { createTestDatabase, type TestDatabase } from './test-database'

export interface TestApp {
  app: FastifyInstance
  db: TestDatabase['database']['db']
  /** Moves the server clock; starts at `start`. */
  clock: { now: Date; set(d: Date): void; advance(ms: number): void }
  /** Every e-mail the app sent. */
  mail: MailMessage[]
  close(): Promise<void>
}

const mailByApp = new WeakMap<FastifyInstance, MailMessage[]>()

/** Every e-mail an app made by `createTestApp` sent (undefined for other apps). */
export function sentMail(app: FastifyInstance): MailMessage[] | undefined {
  return mailByApp.get(app)
}

/** The real app on a fresh database, with a clock the test controls. */
/**
 * `adminSecondFactor` is `optional` unless a test asks for `required` (the production default):
 * most tests sign an admin in many times within one 30-second step, which a TOTP code (used once
 * per step) cannot follow. The second-factor tests switch it on.
 */
export async function createTestApp(options: { start?: Date; trustProxy?: TrustProxy; publicUrl?: string; sessionIdleMs?: number; adminSecondFactor?: 'required' | 'optional'; push?: BuildAppOptions['push'] } = {}): Promise<TestApp> {
  const testDb = await createTestDatabase()
  const clock = {
    now: options.start ?? new Date('2026-06-01T12:00:00Z'),
    set(d: Date) {
      clock.now = d
    },
    advance(ms: number) {
      clock.now = new Date(clock.now.getTime() + ms)
    },
  }
  const mail = createMemoryNotifier()
  const app = await buildApp({
    database: testDb.database,
    clock: () => clock.now,
    ownsDatabase: false,
    notifier: mail,
    publicUrl: options.publicUrl ?? 'http://meepraat.test',
    trustProxy: options.trustProxy,
    adminSecondFactor: options.adminSecondFactor ?? 'optional',
    ...(options.sessionIdleMs ? { sessionIdleMs: options.sessionIdleMs } : {}),
    ...(options.push ? { push: options.push } : {}),
  })
  mailByApp.set(app, mail.sent)
  return {
    app,
    db: testDb.database.db,
    clock,
    mail: mail.sent,
    async close() {
      await app.close()
      await testDb.dispose()
    },
  }
}
