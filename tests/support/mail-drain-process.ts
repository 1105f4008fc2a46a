/**
 * A mail worker as its own process, for the PostgreSQL race test: drains the queue of
 * DATABASE_URL to SMTP_URL until nothing is pending or being sent, then exits. Prints
 * "claimed" once it has started, so a test can kill it mid-send.
 */
import { sql } from 'drizzle-orm'
import { createDatabase, queryRows } from '../../src/server/db/client'
import { drainMailQueue } from '../../src/server/notify/mail-worker'
import { createSmtpNotifier } from '../../src/server/notify/smtp-notifier'

const database = await createDatabase({ url: process.env.DATABASE_URL!, poolSize: 2 })
const transport = createSmtpNotifier(process.env.SMTP_URL!, 'noreply@meepraat.test')
const leaseMs = Number(process.env.LEASE_MS ?? 120_000)
const deadline = Date.now() + 60_000
console.log('started')
while (Date.now() < deadline) {
  await drainMailQueue(database.db, transport, () => new Date(), { leaseMs })
  const [left] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from mail_outbox where state in ('pending', 'sending')`)
  if ((left?.n ?? 0) === 0) break
  await new Promise((resolve) => setTimeout(resolve, 100))
}
await transport.close()
await database.close()
console.log('done')
