import type { Table } from 'dexie'
import { MAX_BATCH_SIGNALS, type SignalSubmission } from '../../../shared/schemas/signal'
import { MAX_BATCH_SUBMISSIONS, type Submission } from '../../../shared/schemas/submission'
import type { Interest, TableSignup } from '../../../shared/schemas/table'
import type { LocalRegistration, LocalSignal, LocalSignalSupport, LocalSubmission, MeepraatDb, StuckReason } from '../../db/db'
import { ApiError, type Api } from '../api'

/**
 * What each kind of outbox entry carries: one element of its endpoint's batch. A new kind of
 * entry (signals, support, erasure ...) is a line here plus its definition in `OUTBOX_ENTRY_TYPES`
 * below; the compiler asks for the definition, and the drain, batching, step-aside and result
 * handling then work for it unchanged.
 */
export interface OutboxPayloads {
  submission: Submission
  signup: TableSignup
  interest: Interest
  /** A signal or proposal, with the contact details when the resident asked to be contacted. */
  signal: SignalSubmission
  /** "Dit herken ik": `id` is the signal's id (one support per signal per device). */
  signalSupport: { id: string; deviceId: string }
  /** "Wis alles": the device id whose data the server erases (the phone already has a new one). */
  erasure: { id: string; deviceId: string }
}

export type OutboxType = keyof OutboxPayloads

interface OutboxEntryBase {
  seq?: number
  /** Id of the record this entry sends (submission or registration id): the idempotency key. */
  key: string
  createdAt: string
  attempts: number
  /** Set when the server refused the entry for good (4xx or `rejected`): never retried. */
  parked?: { reason: string; at: string }
  /** Failed tries on its own that point at this entry itself (see `step-aside.ts`). */
  strikes?: number
  /**
   * Set when the entry kept failing: it steps aside for the others and is tried again, alone and
   * after them, from `retryAt` (clock ms) on. Never dropped. Plain fields: no new index needed.
   */
  aside?: { reason: StuckReason; at: string; retryAt: number }
}

/**
 * One thing waiting to be sent. Written in the same transaction as the resident's action
 * (`enqueue.ts`). `type` says which endpoint takes it.
 */
export type OutboxEntry = { [T in OutboxType]: OutboxEntryBase & { type: T; payload: OutboxPayloads[T] } }[OutboxType]

/** An outbox entry as read back from the database: it always has its sequence number. */
export type QueuedEntry = OutboxEntry & { seq: number }
export type QueuedOf<T extends OutboxType> = Extract<QueuedEntry, { type: T }>

/** One entry of a batch answer; every endpoint answers alike. */
export interface EntryResult {
  id: string
  status: 'accepted' | 'duplicate' | 'rejected'
  reason?: string
}

/** What happened to an entry, as its record (the answer, the sign-up) shows it. */
export type RecordChange = { state: 'sent'; sentAt: string } | { state: 'rejected' | 'stuck'; reason: string }

/** The endpoints the outbox posts to; an engine may have only some (the others' entries wait). */
export type OutboxApi = Partial<Pick<Api, 'postSubmissions' | 'postSignups' | 'postInterests' | 'postSignals' | 'supportSignal' | 'eraseMe'>>

/**
 * Everything the outbox needs to know about one kind of entry. Methods (not function-valued
 * properties) so a definition for one kind also serves where any kind is expected.
 */
export interface EntryTypeDefinition<E extends QueuedEntry = QueuedEntry> {
  /** The contract's limit of entries per request. */
  readonly maxBatch: number
  /** The reason kept when the server rejects an entry without giving one. */
  readonly rejectedReason: string
  /**
   * A newer version replaces a queued, unsent one with the same key (a changed sign-up keeps its
   * id), so the outbox never holds two versions of one record. Answers keep every entry.
   */
  readonly supersedes: boolean
  /** Whether `api` has this kind's endpoint; without it the entries simply wait. */
  canSend(api: OutboxApi): boolean
  /** Posts one batch, all of this kind, and returns the per-entry answer. */
  send(api: OutboxApi, payloads: Array<E['payload']>): Promise<readonly EntryResult[]>
  /** The tables `markRecord` writes, so results land in one transaction with the outbox. */
  recordTables(db: MeepraatDb): Table[]
  /** Mirrors the entry's fate on the resident's own record. */
  markRecord(db: MeepraatDb, entry: E, change: RecordChange): Promise<void>
  /**
   * The same for many entries with one change, where the kind can do it in one pass (a drained
   * batch of 200 answers); without it `markRecord` runs per entry, in the same transaction.
   */
  markRecords?(db: MeepraatDb, entries: readonly E[], change: RecordChange): Promise<void>
}

/** Any set of definitions, keyed by entry type; the drain works on this (tests add kinds of their own). */
export type EntryTypes = Readonly<Record<string, EntryTypeDefinition>>

/** The contract's batch limit for sign-ups and "Benader mij" registrations. */
const MAX_BATCH_REGISTRATIONS = 50

function endpoint<F>(fn: F | undefined, name: string): F {
  // `drain` only offers the kinds `canSend` allows; this just satisfies the types.
  if (fn === undefined) throw new Error(`No endpoint for ${name}`)
  return fn
}

function applyChange(record: LocalSubmission | LocalRegistration | LocalSignal | LocalSignalSupport, change: RecordChange): void {
  Object.assign(record, change)
  // A stuck entry that got through after all has no reason left to show.
  if (change.state === 'sent') delete record.reason
}

/**
 * Sign-ups and registrations: a registration is only touched when the entry carried its current
 * revision, so the answer for an older version never marks a newer, unsent change as sent.
 */
function markRegistration(db: MeepraatDb, entry: QueuedOf<'signup' | 'interest'>, change: RecordChange): Promise<void> {
  const revision = entry.payload.revision
  return db.registrations
    .where('id')
    .equals(entry.key)
    .filter((record) => record.revision === revision)
    .modify((record) => applyChange(record, change))
    .then(() => undefined)
}

export const OUTBOX_ENTRY_TYPES: { readonly [T in OutboxType]: EntryTypeDefinition<QueuedOf<T>> } = {
  // Answers first: the order in which the drain visits the kinds.
  submission: {
    maxBatch: MAX_BATCH_SUBMISSIONS,
    rejectedReason: 'invalid_answers',
    supersedes: false,
    canSend: (api) => api.postSubmissions !== undefined,
    send: async (api, submissions) => (await endpoint(api.postSubmissions, 'submission')({ submissions })).results,
    recordTables: (db) => [db.submissions],
    markRecord: async (db, entry, change) => {
      await db.submissions.where('id').equals(entry.key).modify((record) => applyChange(record, change))
    },
    markRecords: async (db, entries, change) => {
      await db.submissions
        .where('id')
        .anyOf(entries.map((entry) => entry.key))
        .modify((record) => applyChange(record, change))
    },
  },
  signup: {
    maxBatch: MAX_BATCH_REGISTRATIONS,
    rejectedReason: 'bad_request',
    supersedes: true,
    canSend: (api) => api.postSignups !== undefined,
    send: async (api, signups) => (await endpoint(api.postSignups, 'signup')({ signups })).results,
    recordTables: (db) => [db.registrations],
    markRecord: markRegistration,
  },
  interest: {
    maxBatch: MAX_BATCH_REGISTRATIONS,
    rejectedReason: 'bad_request',
    supersedes: true,
    canSend: (api) => api.postInterests !== undefined,
    send: async (api, interests) => (await endpoint(api.postInterests, 'interest')({ interests })).results,
    recordTables: (db) => [db.registrations],
    markRecord: markRegistration,
  },
  signal: {
    maxBatch: MAX_BATCH_SIGNALS,
    rejectedReason: 'bad_request',
    supersedes: false,
    canSend: (api) => api.postSignals !== undefined,
    send: async (api, signals) => (await endpoint(api.postSignals, 'signal')({ signals })).results,
    recordTables: (db) => [db.signals],
    markRecord: async (db, entry, change) => {
      await db.signals.where('id').equals(entry.key).modify((record) => applyChange(record, change))
    },
  },
  signalSupport: {
    maxBatch: 1,
    rejectedReason: 'not_found',
    supersedes: false,
    canSend: (api) => api.supportSignal !== undefined,
    send: async (api, supports) => {
      const results: EntryResult[] = []
      // One signal per request; a repeat is a no-op on the server, so a retry after a lost answer does no harm.
      for (const support of supports) {
        try {
          await endpoint(api.supportSignal, 'signalSupport')(support.deviceId, support.id)
          results.push({ id: support.id, status: 'accepted' })
        } catch (error) {
          // Our API says the signal is not (or no longer) published: final, nothing to retry.
          if (!(error instanceof ApiError && error.kind === 'refused' && error.code === 'not_found')) throw error
          results.push({ id: support.id, status: 'rejected', reason: 'not_found' })
        }
      }
      return results
    },
    recordTables: (db) => [db.signalSupports],
    markRecord: async (db, entry, change) => {
      await db.signalSupports.where('signalId').equals(entry.key).modify((record) => applyChange(record, change))
    },
  },
  // Last: an erasure is queued after the phone's own data is gone, so nothing else of the old id waits.
  erasure: {
    maxBatch: 1,
    rejectedReason: 'bad_request',
    supersedes: false,
    canSend: (api) => api.eraseMe !== undefined,
    send: async (api, erasures) => {
      const results: EntryResult[] = []
      // Erasing is idempotent on the server, so a retry after a lost answer does no harm.
      for (const erasure of erasures) {
        await endpoint(api.eraseMe, 'erasure')(erasure.deviceId)
        results.push({ id: erasure.id, status: 'accepted' })
      }
      return results
    },
    // No record on the phone: the data it was about is gone already.
    recordTables: () => [],
    markRecord: async () => undefined,
  },
}

/** Looks up the definition of an entry's kind; an unknown kind (a newer app's entry) has none. */
export function entryTypeOf(types: EntryTypes, type: string): EntryTypeDefinition | undefined {
  return Object.hasOwn(types, type) ? types[type] : undefined
}

/** Every table a result may write for these kinds, with the outbox: the scope of one transaction. */
export function resultTables(db: MeepraatDb, types: EntryTypes): Table[] {
  return [...new Set<Table>([db.outbox, ...Object.values(types).flatMap((definition) => definition.recordTables(db))])]
}
