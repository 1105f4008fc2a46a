import type { MeepraatDb } from '../../db/db'

/** What every pull gets from the engine. */
export interface PullContext {
  db: MeepraatDb
  /** A stopped engine starts no new request. */
  stopped(): boolean
}

/**
 * One kind of news fetched from the server into IndexedDB (items, the inbox, sign-up statuses).
 * Pulls run after the outbox drained, each on its own: one that fails never stops the others.
 * - `in-run`: part of the sync run; its failure fails the run, so the backoff tries it again.
 * - `beside`: started after the run, not awaited by it: a slow or failing one never holds up or
 *   fails sending. Its errors just wait for the next sync (no backoff of its own).
 */
export interface Pull {
  readonly name: string
  readonly mode: 'in-run' | 'beside'
  run(context: PullContext): Promise<void>
}
