import nodemailer from 'nodemailer'
import type { MailMessage, Notifier } from './notifier'

/** Sends through the SMTP server of `SMTP_URL` (smtp:// or smtps://, credentials in the URL). */
export function createSmtpNotifier(url: string, from: string): Notifier {
  const transport = nodemailer.createTransport(url)
  return {
    async send(message: MailMessage) {
      await transport.sendMail({ from: message.from ?? from, to: message.to, subject: message.subject, text: message.text })
    },
    async close() {
      transport.close()
    },
  }
}
