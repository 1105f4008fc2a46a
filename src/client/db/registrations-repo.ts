import { InterestSchema, TableSignupSchema, type Interest, type MySignup, type TableSignup } from '../../shared/schemas/table'
import { enqueue } from '../sync/outbox/enqueue'
import type { OutboxPayloads } from '../sync/outbox/entry-types'
import type { LocalRegistration, MeepraatDb } from './db'
import { getDeviceId } from './meta-repo'
import { toStorageError } from './submissions-repo'

type SavedListener = (registration: LocalRegistration) => void
const savedListeners = new Set<SavedListener>()

/** Tells the sync engine a sign-up or registration waits in the outbox. Returns the unsubscribe. */
export function onRegistrationSaved(listener: SavedListener): () => void {
  savedListeners.add(listener)
  return () => savedListeners.delete(listener)
}

/** What the form gives; the repo sets `deviceId` and `revision` itself, so they can never be stale. */
export type SignupInput = Omit<TableSignup, 'deviceId' | 'revision'> & { revision?: number }
export type InterestInput = Omit<Interest, 'deviceId' | 'revision'> & { revision?: number }

/** The fields both kinds share, copied onto the local record. Optional fields stay absent when empty. */
function commonFields(payload: TableSignup | Interest): Pick<LocalRegistration, 'name' | 'contact' | 'ageBand' | 'consentVersion'> & Partial<LocalRegistration> {
  const fields: Pick<LocalRegistration, 'name' | 'contact' | 'ageBand' | 'consentVersion'> & Partial<LocalRegistration> = {
    name: payload.name,
    contact: { ...payload.contact },
    ageBand: payload.ageBand,
    consentVersion: payload.consentVersion,
  }
  if (payload.area !== undefined) fields.area = payload.area
  if (payload.guardianEmail !== undefined) fields.guardianEmail = payload.guardianEmail
  return fields
}

type Built<K extends 'signup' | 'interest'> = { record: LocalRegistration; kind: K; payload: OutboxPayloads[K] }

/**
 * Writes the record and its outbox entry in one transaction. A change keeps the id and bumps the
 * revision past the stored one; the outbox drops an unsent older entry of the same registration
 * (`enqueue`), so it never holds two versions of one id.
 */
async function save(
  db: MeepraatDb,
  build: (revision: number, deviceId: string) => Built<'signup'> | Built<'interest'>,
  id: string,
): Promise<LocalRegistration> {
  let deviceId: string
  try {
    deviceId = await getDeviceId(db)
  } catch (error) {
    throw toStorageError(error)
  }
  // Validate before writing anything: a schema error is the caller's bug, not a storage problem.
  build(1, deviceId)
  let saved: LocalRegistration
  try {
    saved = await db.transaction('rw', [db.registrations, db.outbox], async () => {
      const existing = await db.registrations.get(id)
      const built = build((existing?.revision ?? 0) + 1, deviceId)
      const { record } = built
      if (existing?.serverStatus !== undefined) record.serverStatus = existing.serverStatus
      await db.registrations.put(record)
      if (built.kind === 'signup') await enqueue(db, 'signup', record.id, built.payload, record.savedAt)
      else await enqueue(db, 'interest', record.id, built.payload, record.savedAt)
      return record
    })
  } catch (error) {
    throw toStorageError(error)
  }
  for (const listener of savedListeners) listener(saved)
  return saved
}

/**
 * Saves a table sign-up on the phone and queues it, in one transaction (rule 4).
 *
 * @throws ZodError when the sign-up does not fit the contract (checked before anything is written).
 * @throws StorageFullError / StorageWriteError when IndexedDB refuses the write.
 */
export function saveSignup(db: MeepraatDb, input: SignupInput, municipality: string, now: Date = new Date()): Promise<LocalRegistration> {
  const savedAt = now.toISOString()
  return save(
    db,
    (revision, deviceId) => {
      const payload = TableSignupSchema.parse({ ...input, deviceId, revision })
      const record: LocalRegistration = { id: payload.id, kind: 'signup', itemId: payload.itemId, municipality, revision, state: 'saved', savedAt, roles: [...payload.roles], ...commonFields(payload) }
      if (payload.motivation) record.motivation = payload.motivation
      if (payload.accessibilityNeeds) record.accessibilityNeeds = payload.accessibilityNeeds
      return { record, kind: 'signup', payload }
    },
    input.id,
  )
}

/** Saves a "Benader mij" registration and queues it, in one transaction. Throws like `saveSignup`. */
export function saveInterest(db: MeepraatDb, input: InterestInput, now: Date = new Date()): Promise<LocalRegistration> {
  const savedAt = now.toISOString()
  return save(
    db,
    (revision, deviceId) => {
      const payload = InterestSchema.parse({ ...input, deviceId, revision })
      const record: LocalRegistration = { id: payload.id, kind: 'interest', municipality: payload.municipality, revision, state: 'saved', savedAt, themes: [...payload.themes], ...commonFields(payload) }
      return { record, kind: 'interest', payload }
    },
    input.id,
  )
}

function newestFirst(a: LocalRegistration, b: LocalRegistration): number {
  return Date.parse(b.savedAt) - Date.parse(a.savedAt)
}

/** This phone's sign-up for a table, if any. */
export async function signupFor(db: MeepraatDb, itemId: string): Promise<LocalRegistration | undefined> {
  const found = await db.registrations.where('itemId').equals(itemId).toArray()
  return found.sort(newestFirst)[0]
}

/** Every sign-up made on this phone, newest first (Mijn inbreng). */
export async function mySignups(db: MeepraatDb): Promise<LocalRegistration[]> {
  return (await db.registrations.where('kind').equals('signup').toArray()).sort(newestFirst)
}

/** The "Benader mij" registration of a municipality, if this phone made one. */
export async function interestOf(db: MeepraatDb, municipality: string): Promise<LocalRegistration | undefined> {
  const found = await db.registrations.where('kind').equals('interest').filter((r) => r.municipality === municipality).toArray()
  return found.sort(newestFirst)[0]
}

/** Whether the server holds anything of this device's registrations (so asking for news makes sense). */
export async function hasSentRegistration(db: MeepraatDb): Promise<boolean> {
  return (await db.registrations.where('state').equals('sent').count()) > 0
}

/** Copies the server's status of each sign-up onto the local record; unknown ids are left alone. */
export async function applyServerStatuses(db: MeepraatDb, signups: readonly MySignup[]): Promise<void> {
  await db.transaction('rw', db.registrations, async () => {
    for (const signup of signups) {
      const local = await db.registrations.get(signup.id)
      if (local === undefined || local.serverStatus === signup.status) continue
      await db.registrations.update(signup.id, { serverStatus: signup.status })
    }
  })
}

/**
 * After the server confirmed a withdrawal: removes the contact details from the phone too, with
 * every outbox entry of the registration (their payloads carry the same details).
 */
export async function markWithdrawn(db: MeepraatDb, id: string, now: Date = new Date()): Promise<void> {
  await db.transaction('rw', db.registrations, db.outbox, async () => {
    await db.outbox.where('key').equals(id).delete()
    await db.registrations
      .where('id')
      .equals(id)
      .modify((record) => {
        delete record.name
        delete record.contact
        delete record.guardianEmail
        delete record.motivation
        delete record.accessibilityNeeds
        record.withdrawnAt = now.toISOString()
        if (record.kind === 'signup') record.serverStatus = 'withdrawn'
      })
  })
}
