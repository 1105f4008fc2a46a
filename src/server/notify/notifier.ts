import type { Db } from '../db/client'

/** An e-mail to one person. Text only: readable everywhere, also by screen readers. */
export interface MailMessage {
  to: string
  subject: string
  text: string
  /**
   * The sign-up or interest registration the message is about (also a guardian's mail about a
   * child's sign-up), so that stored copies can be deleted when that person withdraws.
   */
  about?: string
  /** The municipality the message speaks for (its sender name and address, its dead letters). */
  municipality?: string
  /** The sender; the transport's default when unset. */
  from?: string
}

/**
 * Sends messages to people. Implementations: SMTP (production) and a file (development).
 * Callers never log addresses or message bodies: they hold personal data.
 */
export interface Notifier {
  send(message: MailMessage): Promise<void>
  /**
   * Deletes the copies this notifier keeps of messages about these registrations (the development
   * file keeps every message; SMTP keeps none, so it has nothing to do).
   */
  forget?(about: readonly string[]): Promise<void>
  /**
   * Writes the message into the durable queue within the caller's transaction, so it goes out
   * exactly when the change it tells of commits (only the queued notifier can; see `transactional-mail.ts`).
   */
  enqueueIn?(tx: Db, message: MailMessage): Promise<void>
  /** Lets the worker deliver what was queued (call after the commit). */
  wake?(): void
  close(): Promise<void>
}
