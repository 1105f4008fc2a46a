import { SignalSubmissionSchema, type SignalContact, type SignalSubmission } from '../../shared/schemas/signal'
import type { SignalKind } from '../../shared/schemas/agenda-setting'
import { enqueue } from '../sync/outbox/enqueue'
import type { LocalSignal, LocalSignalSupport, MeepraatDb } from './db'
import { getDeviceId } from './meta-repo'
import { toStorageError } from './submissions-repo'

/** What the form gives; the repo adds the id, the device and the moment of sending itself. */
export interface SignalInput {
  municipality: string
  kind: SignalKind
  title: string
  body: string
  theme?: string
  area?: string
  meetingId?: string
  agendaId?: string
  agendaEntryId?: string
  contact?: SignalContact
}

/** The payload the server gets: optional fields left out when empty. */
function payloadOf(input: SignalInput, id: string, deviceId: string, createdAt: string): SignalSubmission {
  const candidate = Object.fromEntries(Object.entries({ ...input, id, deviceId, createdAt }).filter(([, value]) => value !== undefined && value !== ''))
  return SignalSubmissionSchema.parse(candidate)
}

/**
 * Saves a signal or proposal on the phone and queues it, in one transaction (rule 4): the record
 * and its outbox entry exist together or not at all. The id is made here, when the resident
 * presses send, and is the idempotency key of every retry. The contact details go only into the
 * outbox entry, which leaves the phone once the server has it.
 *
 * @throws ZodError when the signal does not fit the contract (checked before anything is written).
 * @throws StorageFullError / StorageWriteError when IndexedDB refuses the write.
 */
export async function saveSignal(db: MeepraatDb, input: SignalInput, now: Date = new Date()): Promise<LocalSignal> {
  const createdAt = now.toISOString()
  const id = crypto.randomUUID()
  // Validate before writing anything: a schema error is the form's to show, not a storage problem.
  payloadOf(input, id, 'check-only-device-id-0123456789', createdAt)
  try {
    return await db.transaction('rw', [db.signals, db.outbox, db.meta], async () => {
      const payload = payloadOf(input, id, await getDeviceId(db), createdAt)
      const record: LocalSignal = {
        id,
        municipality: payload.municipality,
        kind: payload.kind,
        title: payload.title,
        body: payload.body,
        wantsContact: payload.contact !== undefined,
        createdAt,
        state: 'saved',
      }
      for (const key of ['theme', 'area', 'meetingId', 'agendaId', 'agendaEntryId'] as const) {
        const value = payload[key]
        if (value !== undefined) record[key] = value
      }
      await db.signals.add(record)
      await enqueue(db, 'signal', id, payload, createdAt)
      return record
    })
  } catch (error) {
    throw toStorageError(error)
  }
}

/** The signals raised on this phone, newest first ("Mijn inbreng"). */
export async function mySignals(db: MeepraatDb): Promise<LocalSignal[]> {
  return (await db.signals.orderBy('createdAt').reverse().toArray())
}

export function signalById(db: MeepraatDb, id: string): Promise<LocalSignal | undefined> {
  return db.signals.get(id)
}

/**
 * "Dit herken ik": kept on the phone (the button stays pressed) and queued, once per signal. A
 * second press finds the record and queues nothing; the server counts a device once anyway.
 */
export async function supportSignalOnPhone(db: MeepraatDb, signalId: string, municipality: string, now: Date = new Date()): Promise<LocalSignalSupport> {
  try {
    return await db.transaction('rw', [db.signalSupports, db.outbox, db.meta], async () => {
      const existing = await db.signalSupports.get(signalId)
      if (existing) return existing
      const record: LocalSignalSupport = { signalId, municipality, at: now.toISOString(), state: 'saved' }
      await db.signalSupports.add(record)
      await enqueue(db, 'signalSupport', signalId, { id: signalId, deviceId: await getDeviceId(db) }, record.at)
      return record
    })
  } catch (error) {
    throw toStorageError(error)
  }
}

/** The signals this phone backed, by id. */
export async function supportsOnPhone(db: MeepraatDb): Promise<Map<string, LocalSignalSupport>> {
  return new Map((await db.signalSupports.toArray()).map((s) => [s.signalId, s]))
}
