import type { Db } from '../db/client'
import { enqueueMail, forgetMailAbout } from '../repos/mail-outbox-repo'
import type { MailWorker } from './mail-worker'
import type { MailMessage, Notifier } from './notifier'

/**
 * The notifier the app uses: `send` writes the message to the durable queue and wakes the worker,
 * so a request never waits for (or fails on) the mail server, and a message survives a restart.
 */
export function createQueuedNotifier(options: { db: () => Db; worker: MailWorker; transport: Notifier; from: (message: MailMessage) => string; clock: () => Date }): Notifier {
  return {
    async send(message) {
      await enqueueMail(options.db(), message, options.from(message), options.clock())
      options.worker.wake()
    },
    async enqueueIn(tx, message) {
      await enqueueMail(tx, message, options.from(message), options.clock())
    },
    wake: () => options.worker.wake(),
    async forget(about) {
      await forgetMailAbout(options.db(), about)
      await options.transport.forget?.(about)
    },
    close: () => options.worker.stop(),
  }
}
