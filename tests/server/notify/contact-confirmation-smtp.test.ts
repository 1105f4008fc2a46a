import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SMTPServer } from 'smtp-server'
import { buildApp } from '../../../src/server/app'
import { runRetentionJob } from '../../../src/server/jobs/retention'
import { createSmtpNotifier } from '../../../src/server/notify/smtp-notifier'
import { putAssignment } from '../../../src/server/repos/table-repo'
import { CONSENT_VERSION } from '../../../src/shared/schemas/table'
import { givenItem, givenMunicipality, newDeviceId } from '../../support/factories'
import { aSignup, anAssignment, signUp } from '../../support/tables'
import { createTestDatabase } from '../../support/test-database'

let server: SMTPServer
let port: number
const received: { to: string[]; raw: string }[] = []

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let raw = ''
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')))
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw })
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  port = (server.server.address() as { port: number }).port
})
afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())))

/** The link's token in a received message (quoted-printable soft breaks undone). */
function tokenIn(raw: string): string | undefined {
  const unfolded = raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=')
  return /https:\/\/meepraat\.beverwijk\.nl\/contact-bevestigen#t=([A-Za-z0-9_-]+)/.exec(unfolded)?.[1]
}

describe('confirmation mail over real SMTP', () => {
  it('sends an adult a working link at sign-up, and a Benader mij member the yearly link', async () => {
    const testDb = await createTestDatabase()
    let now = new Date('2026-06-01T12:00:00Z')
    const notifier = createSmtpNotifier(`smtp://127.0.0.1:${port}`, 'Meepraat <noreply@beverwijk.nl>')
    const app = await buildApp({ database: testDb.database, ownsDatabase: false, clock: () => now, notifier, publicUrl: 'https://meepraat.beverwijk.nl' })
    try {
      await givenMunicipality(testDb.database.db)
      const tableId = await givenItem(testDb.database.db, now, { kind: 'table', questions: [], title: 'Tafel hulp vinden' })
      await putAssignment(testDb.database.db, tableId, anAssignment(now))
      const signup = aSignup(tableId, { contact: { channel: 'email', value: 'sam@example.nl' } })
      await signUp(app, [signup])
      const link = received.at(-1)!
      expect(link.to).toEqual(['sam@example.nl'])
      const confirmed = await app.inject({ method: 'POST', url: '/api/contact-confirmations', payload: { token: tokenIn(link.raw) } })
      expect(confirmed.json()).toEqual({ ok: true, confirmed: 'signup' })

      const interest = { id: crypto.randomUUID(), municipality: 'beverwijk', deviceId: newDeviceId(), revision: 1, themes: ['meedoen'], name: 'Noor', contact: { channel: 'email', value: 'noor@example.nl' }, ageBand: '24-64', consentVersion: CONSENT_VERSION }
      await app.inject({ method: 'POST', url: '/api/interests', payload: { interests: [interest] } })
      await app.inject({ method: 'POST', url: '/api/contact-confirmations', payload: { token: tokenIn(received.at(-1)!.raw) } })
      now = new Date('2027-06-02T12:00:00Z')
      const before = received.length
      await runRetentionJob({ database: testDb.database, notifier: app.notifier, log: app.log, publicUrl: app.publicUrl }, now)
      expect(received.length).toBe(before + 1)
      expect(received.at(-1)!.to).toEqual(['noor@example.nl'])
      const renewed = await app.inject({ method: 'POST', url: '/api/contact-confirmations', payload: { token: tokenIn(received.at(-1)!.raw) } })
      expect(renewed.json()).toEqual({ ok: true, confirmed: 'renewal' })
    } finally {
      await app.close()
      await testDb.dispose()
    }
  })
})
