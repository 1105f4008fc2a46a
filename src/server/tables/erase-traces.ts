import type { FastifyBaseLogger } from 'fastify'
import type { Database } from '../db/client'
import { scrubPersonalData } from '../db/scrub'
import { errorForLog } from '../log-safety'
import type { Notifier } from '../notify/notifier'

export interface TraceEraser {
  database: Database
  notifier: Notifier
  log: FastifyBaseLogger
}

/**
 * After a withdrawal or a retention run has committed: deletes kept copies of messages about
 * these registrations and rewrites the tables that held their contact details, so nothing of
 * them stays readable in the data directory. Never throws: the deletion itself is done already,
 * a failure here is logged (kind only) and the next withdrawal or retention run tries again.
 */
export async function eraseTraces(e: TraceEraser, registrationIds: readonly string[]): Promise<void> {
  if (registrationIds.length > 0 && e.notifier.forget) {
    try {
      await e.notifier.forget(registrationIds)
    } catch (error) {
      const { type, code } = errorForLog(error)
      e.log.error({ err: { type, ...(code ? { code } : {}) } }, 'stored messages of a withdrawn person could not be deleted')
    }
  }
  await scrubPersonalData(e.database, e.log)
}
