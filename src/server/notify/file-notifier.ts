import { appendFile, mkdir } from 'node:fs/promises'
import path from 'node:path'
import type { MailMessage, Notifier } from './notifier'

/**
 * Development default: appends every message as one JSON line to `DATA_DIR/mail/outbox.jsonl`,
 * so a developer can read what would have been sent without an SMTP server.
 */
export function createFileNotifier(dataDir: string, onFirstWrite?: (file: string) => void): Notifier {
  const dir = path.resolve(dataDir, 'mail')
  const file = path.join(dir, 'outbox.jsonl')
  let announced = false
  return {
    async send(message: MailMessage) {
      await mkdir(dir, { recursive: true })
      await appendFile(file, `${JSON.stringify({ at: new Date().toISOString(), ...message })}\n`, 'utf8')
      if (!announced) {
        announced = true
        onFirstWrite?.(file)
      }
    },
    async close() {},
  }
}
