import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SMTPServer } from 'smtp-server'
import { createSmtpNotifier } from '../../../src/server/notify/smtp-notifier'
import { mailTexts } from '../../../src/server/notify/mail-texts'

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
  it('delivers a guardian confirmation over real SMTP with the link and the 30-day rule', async () => {
    const notifier = createSmtpNotifier(`smtp://127.0.0.1:${port}`, 'Meepraat <noreply@beverwijk.nl>')
    const link = 'http://meepraat.test/ouder-bevestigen?token=abc'
    await notifier.send({ to: 'ouder@example.nl', ...mailTexts.guardianConfirm({ itemTitle: 'Hulp vinden', link }) })
    await notifier.close()
    expect(received).toHaveLength(1)
    const mail = received[0]!
    expect(mail.from).toBe('noreply@beverwijk.nl')
    expect(mail.to).toEqual(['ouder@example.nl'])
    const unfolded = mail.raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=')
    expect(unfolded).toContain(link)
    expect(unfolded).toMatch(/30 dagen/)
    expect(mail.raw).toMatch(/^Subject: /m)
  })
})
