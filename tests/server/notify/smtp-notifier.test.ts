import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SMTPServer } from 'smtp-server'
import { createSmtpNotifier } from '../../../src/server/notify/smtp-notifier'
import { mailTexts } from '../../../src/server/notify/mail-texts'
import { buildApp } from '../../../src/server/app'
import { putAssignment } from '../../../src/server/repos/table-repo'
import { saveMunicipalitySettings } from '../../../src/server/repos/municipality-repo'
import { defaultMunicipalitySettings } from '../../../src/shared/schemas/municipality-settings'
import { createTestDatabase } from '../../support/test-database'
import { givenItem, givenMunicipality } from '../../support/factories'
import { aSignup, anAssignment, signUp } from '../../support/tables'

interface Received {
  from: string
  to: string[]
  raw: string
}

let server: SMTPServer
let port: number
const received: Received[] = []

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let raw = ''
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')))
      stream.on('end', () => {
        received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw })
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  port = (server.server.address() as { port: number }).port
})
afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())))

describe('SMTP notifier', () => {
  it('carries the app’s own mail: an under-16 sign-up sends the guardian a working confirmation link', async () => {
    const testDb = await createTestDatabase()
    const now = new Date('2026-06-01T12:00:00Z')
    const app = await buildApp({ database: testDb.database, ownsDatabase: false, clock: () => now, notifier: createSmtpNotifier(`smtp://127.0.0.1:${port}`, 'Meepraat <noreply@beverwijk.nl>'), publicUrl: 'https://meepraat.beverwijk.nl' })
    try {
      await givenMunicipality(testDb.database.db)
      const tableId = await givenItem(testDb.database.db, now, { kind: 'table', questions: [], title: 'Tafel jongeren' })
      await putAssignment(testDb.database.db, tableId, anAssignment(now))
      const before = received.length
      await signUp(app, [aSignup(tableId, { ageBand: '<16', guardianEmail: 'ouder@example.nl' })])
      expect(received.length).toBe(before + 1)
      const mail = received.at(-1)!
      expect(mail.to).toEqual(['ouder@example.nl'])
      const unfolded = mail.raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=')
      const token = /https:\/\/meepraat\.beverwijk\.nl\/ouder-bevestigen#t=([A-Za-z0-9_-]+)/.exec(unfolded)?.[1]
      expect(token).toBeTruthy()
      const confirm = await app.inject({ method: 'POST', url: '/api/guardian-confirmations', payload: { token } })
      expect(confirm.statusCode).toBe(200)
    } finally {
      await app.close()
      await testDb.dispose()
    }
  })

  it('names the municipality that writes in the subject and the first line, signs as it and gives its contact', async () => {
    const testDb = await createTestDatabase()
    const now = new Date('2026-06-01T12:00:00Z')
    const app = await buildApp({ database: testDb.database, ownsDatabase: false, clock: () => now, notifier: createSmtpNotifier(`smtp://127.0.0.1:${port}`, 'Meepraat <noreply@beverwijk.nl>'), publicUrl: 'https://meepraat.beverwijk.nl' })
    try {
      const db = testDb.database.db
      await givenMunicipality(db)
      await saveMunicipalitySettings(db, 'beverwijk', { ...defaultMunicipalitySettings(), contact: { website: 'https://www.beverwijk.nl', email: 'info@beverwijk.nl', phone: '0251 256 256' } })
      const tableId = await givenItem(db, now, { kind: 'table', questions: [], title: 'Tafel jongeren' })
      await putAssignment(db, tableId, anAssignment(now))
      await signUp(app, [aSignup(tableId, { ageBand: '<16', guardianEmail: 'ouder@example.nl' })])
      const mail = received.at(-1)!
      const unfolded = mail.raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=')
      const subjectLine = /^Subject: (.*)$/m.exec(unfolded)?.[1] ?? ''
      expect(subjectLine).toMatch(/Beverwijk/)
      expect(unfolded).toContain('Dit bericht komt van Beverwijk, via Meepraat.')
      expect(unfolded).toMatch(/Met vriendelijke groet,\r?\nBeverwijk/)
      for (const line of ['https://www.beverwijk.nl', 'info@beverwijk.nl', '0251 256 256']) expect(unfolded).toContain(line)
    } finally {
      await app.close()
      await testDb.dispose()
    }
  })

  it('delivers a guardian confirmation over real SMTP with the link and the 30-day rule', async () => {
    const notifier = createSmtpNotifier(`smtp://127.0.0.1:${port}`, 'Meepraat <noreply@beverwijk.nl>')
    const link = 'http://meepraat.test/ouder-bevestigen?token=abc'
    await notifier.send({ to: 'ouder@example.nl', ...mailTexts.guardianConfirm({ name: 'Velsen', contact: {} }, { itemTitle: 'Hulp vinden', link }) })
    await notifier.close()
    const mail = received.at(-1)!
    expect(mail.from).toBe('noreply@beverwijk.nl')
    expect(mail.to).toEqual(['ouder@example.nl'])
    const unfolded = mail.raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=')
    expect(unfolded).toContain(link)
    expect(unfolded).toMatch(/30 dagen/)
    expect(unfolded).toContain('Met vriendelijke groet,')
    expect(mail.raw).toMatch(/^Subject: /m)
  })
})
