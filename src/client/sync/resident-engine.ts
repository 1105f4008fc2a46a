import { createApi } from './api'
import { systemClock } from './backoff'
import { createSyncEngine, type SyncEngine, type SyncEngineOptions } from './sync-engine'
import { createUploadLock } from './web-lock'

/** What a test or a preview may swap; the app itself passes nothing. */
export type ResidentEngineOverrides = Partial<Pick<SyncEngineOptions, 'api' | 'clock' | 'random' | 'lock' | 'environment'>>

/** The resident app's sync engine, on the real network, clock, randomness and cross-tab lock. */
export function createResidentSyncEngine(
  db: SyncEngineOptions['db'],
  onStatus: SyncEngineOptions['onStatus'],
  overrides: ResidentEngineOverrides = {},
): SyncEngine {
  const clock = overrides.clock ?? systemClock
  return createSyncEngine({
    db,
    api: overrides.api ?? createApi(),
    clock,
    random: overrides.random ?? Math.random,
    lock: overrides.lock ?? createUploadLock(db, clock),
    environment: overrides.environment,
    onStatus,
  })
}
