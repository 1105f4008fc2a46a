import type { MailMessage, Notifier } from '../../src/server/notify/notifier'

/** Keeps sent messages in memory so tests can read them. */
export function createMemoryNotifier(): Notifier & { sent: MailMessage[] } {
  const sent: MailMessage[] = []
  return {
    sent,
    async send(message) {
      sent.push(message)
    },
    async close() {},
  }
}
