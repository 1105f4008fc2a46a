/** An e-mail to one person. Text only: readable everywhere, also by screen readers. */
export interface MailMessage {
  to: string
  subject: string
  text: string
}

/**
 * Sends messages to people. Implementations: SMTP (production) and a file (development).
 * Callers never log addresses or message bodies: they hold personal data.
 */
export interface Notifier {
  send(message: MailMessage): Promise<void>
  close(): Promise<void>
}
