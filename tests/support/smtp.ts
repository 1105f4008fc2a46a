import { SMTPServer } from 'smtp-server'

export interface ReceivedMail {
  from: string
  to: string[]
  raw: string
}

export interface TestSmtpServer {
  url: string
  received: ReceivedMail[]
  /** Refuse the next `count` messages with this SMTP reply code (451 temporary, 550 permanent). */
  refuseNext(count: number, code: number): void
  /**
   * Holds senders at RCPT TO until `release()`: a sender is then "mid-send" and the server has
   * nothing of the message yet. `holding` resolves when one is held.
   */
  hold(): { holding: Promise<void>; release(): void }
  close(): Promise<void>
}

/** A real SMTP server (smtp-server) on 127.0.0.1 that records what it accepts. */
export async function startTestSmtpServer(): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = []
  let refusals: { count: number; code: number } = { count: 0, code: 451 }
  let held: { resolveHolding: () => void; released: Promise<void> } | null = null
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onRcptTo(_address, _session, callback) {
      if (held) {
        held.resolveHolding()
        void held.released.then(() => callback())
      } else callback()
    },
    onData(stream, session, callback) {
      let raw = ''
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')))
      stream.on('end', () => {
        const finish = () => {
          if (refusals.count > 0) {
            refusals.count--
            const error = new Error('refused by the test') as Error & { responseCode: number }
            error.responseCode = refusals.code
            return callback(error)
          }
          received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw })
          callback()
        }
        finish()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const port = (server.server.address() as { port: number }).port
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuseNext(count, code) {
      refusals = { count, code }
    },
    hold() {
      let resolveHolding!: () => void
      let release!: () => void
      const holding = new Promise<void>((r) => (resolveHolding = r))
      const released = new Promise<void>((r) => (release = r))
      held = { resolveHolding, released }
      return {
        holding,
        release: () => {
          held = null
          release()
        },
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** The subject header of a received message (RFC 2047 encoded words left as they are). */
export function subjectOf(mail: ReceivedMail): string {
  return /^Subject: (.*)$/m.exec(mail.raw)?.[1]?.trim() ?? ''
}
