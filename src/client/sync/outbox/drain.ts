import type { MeepraatDb } from '../../db/db'
import { ApiError } from '../api'
import type { UploadLock } from '../web-lock'
import { nextBatch, recordAttempt } from './batching'
import { OUTBOX_ENTRY_TYPES, type EntryTypeDefinition, type EntryTypes, type OutboxApi, type QueuedEntry } from './entry-types'
import { applyResults, parkRefused, recordStrikes, STRIKES_BEFORE_ASIDE } from './results'
import { asideDelay, createRunLedger, isContentRefusal, mightBeOneEntry, type RunLedger } from './step-aside'

export interface DrainOptions {
  db: MeepraatDb
  api: OutboxApi
  lock: UploadLock
  /** Clock ms, for set-aside entries and their next try. */
  now(): number
  random(): number
  /** Asked before each batch: a stopped engine sends nothing more. */
  stopped(): boolean
  /** The kinds of entry to send, in this order; defaults to the app's own. */
  types?: EntryTypes
}

/** `done` when everything sendable went; `busy` when another uploader holds (or took over) the lock. */
export type DrainResult = 'done' | 'busy'

/**
 * Sends everything queued, kind by kind, each to its own endpoint, in batches, under the
 * cross-tab lock. Nothing unsent is ever dropped: entries leave the outbox only when the server
 * holds them, or are parked when it refused them for good. An entry that keeps failing steps
 * aside for the others and is retried later, behind them (`step-aside.ts`). Throws when the run
 * failed and should be retried on the backoff; kinds the api has no endpoint for simply wait.
 */
export async function drainOutbox(options: DrainOptions): Promise<DrainResult> {
  const { db, api, lock } = options
  const types = options.types ?? OUTBOX_ENTRY_TYPES
  const iso = () => new Date(options.now()).toISOString()
  const sendable = Object.entries(types).filter(([, definition]) => definition.canSend(api))
  const ledger = createRunLedger()
  let lostLock = false

  /**
   * Posts one batch. A batch refused for its content, or failing in a way one entry could cause
   * (see `step-aside.ts`), is split in halves so the good entries still go; an entry failing
   * alone is parked (content) or noted as a suspect. Any other failure ends the run.
   */
  async function sendBatch(definition: EntryTypeDefinition, batch: readonly QueuedEntry[], runLedger: RunLedger): Promise<void> {
    await recordAttempt(db, batch)
    try {
      const results = await definition.send(api, batch.map((entry) => entry.payload))
      runLedger.answered()
      const outcome = await applyResults(db, batch, results, iso(), types)
      if (outcome.unanswered > 0) throw new ApiError('server', `${outcome.unanswered} entries missing from the answer`)
      return
    } catch (error) {
      if (isContentRefusal(error)) {
        runLedger.answered()
        if (batch.length === 1) return parkRefused(db, batch, iso(), types)
      } else if (!mightBeOneEntry(error) || !runLedger.failed()) {
        throw error
      } else if (batch.length === 1 && batch[0] !== undefined) {
        return runLedger.suspect(batch[0], error)
      }
    }
    const middle = Math.ceil(batch.length / 2)
    await sendBatch(definition, batch.slice(0, middle), runLedger)
    await sendBatch(definition, batch.slice(middle), runLedger)
  }

  /**
   * After a run that tried everything: blamed suspects get a strike (and step aside after
   * enough); while any suspect is still in line the run fails, so the backoff tries it again.
   */
  async function settle(): Promise<void> {
    if (ledger.suspects.size === 0) return
    const blamed = ledger.blamed()
    const now = options.now()
    const retryAt = (strikes: number) => now + asideDelay(strikes, STRIKES_BEFORE_ASIDE, options.random)
    const waiting = await recordStrikes(db, blamed, iso(), retryAt, types)
    if (waiting > 0 || blamed.length < ledger.suspects.size) throw ledger.lastError ?? new Error('An entry failed')
  }

  const acquired = await lock.runExclusive(async (stillHeld) => {
    for (const [type, definition] of sendable) {
      for (;;) {
        if (options.stopped()) return
        const batch = await nextBatch(db, { maxCount: definition.maxBatch, exclude: ledger.suspects, now: options.now() }, type)
        if (batch.length === 0) break
        if (!(await stillHeld())) {
          lostLock = true
          return
        }
        await sendBatch(definition, batch, ledger)
      }
    }
    await settle()
  })
  return acquired && !lostLock ? 'done' : 'busy'
}
