import type { Db } from '../db/client'
import type { MailMessage, Notifier } from './notifier'

/**
 * Mail that belongs to a change: `add` inside the transaction, `afterCommit` once it committed.
 * With the durable queue (what the server runs) the message is a row of the same transaction, so
 * it is sent exactly when the change is there and never when it rolled back. A notifier without
 * a queue (tests that read mail inline, the development file) gets the messages after the commit.
 */
export interface TransactionalMail {
  add(tx: Db, message: MailMessage): Promise<void>
  afterCommit(): Promise<void>
}

export function transactionalMail(notifier: Notifier): TransactionalMail {
  const held: MailMessage[] = []
  return {
    async add(tx, message) {
      if (notifier.enqueueIn) await notifier.enqueueIn(tx, message)
      else held.push(message)
    },
    async afterCommit() {
      notifier.wake?.()
      // Inline delivery: the change has committed, so one failing message must not fail the
      // request or stop the others (the queue, in production, retries on its own).
      for (const message of held.splice(0)) await notifier.send(message).catch(() => undefined)
    },
  }
}
