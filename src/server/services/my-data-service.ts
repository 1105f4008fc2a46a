import type { Erasure, MyData } from '../../shared/schemas/my-data'
import type { DeviceKeys } from '../auth/device-keys'
import type { Db } from '../db/client'
import { activeSignupIdsOf, eraseDeviceRows, readMyData } from '../repos/my-data-repo'
import { scrubAnswerData, scrubSignalData } from '../db/scrub'
import { eraseTraces, type TraceEraser } from '../tables/erase-traces'
import { withdrawOwnSignup, type Messenger } from './table-service'

const NOTHING: MyData = { answers: [], signups: [], interests: [], messages: [], emailAlerts: [], signals: [], signalSupports: [] }
const NOTHING_ERASED: Erasure = { answersUncounted: 0, answersKeptAsCounts: 0, signups: 0, interests: 0, messages: 0, signalsDeleted: 0, signalsAnonymised: 0, signalSupports: 0 }

/** What the server holds for a device; a missing id holds nothing (an unknown one finds nothing). */
export async function myData(db: Db, keys: DeviceKeys, deviceId: string | null): Promise<MyData> {
  return deviceId === null ? NOTHING : readMyData(db, keys.all(deviceId))
}

/**
 * Erases everything held for a device. Sign-ups that hold or wait for a seat are withdrawn first,
 * as a resident's own withdrawal is (the seat goes to the next on the waitlist, who is told);
 * then every row under every key of the device goes in one transaction; then kept copies of
 * messages are deleted and the tables that held contact details and answers rewritten on disk.
 * Erasing twice is fine: the second finds nothing.
 */
export async function eraseDevice(db: Db, m: Messenger, eraser: TraceEraser, keys: DeviceKeys, deviceId: string | null, now: Date): Promise<Erasure> {
  if (deviceId === null) return NOTHING_ERASED
  const all = keys.all(deviceId)
  for (const id of await activeSignupIdsOf(db, all.signups)) await withdrawOwnSignup(db, m, eraser, id, all.signups, now)
  const { erasure, registrationIds } = await db.transaction((tx) => eraseDeviceRows(tx, all, now))
  await eraseTraces(eraser, registrationIds)
  // The answers and their free text are personal data too: rewrite those tables so the deleted
  // rows are gone from the data files, not only from queries.
  if (erasure.answersUncounted + erasure.answersKeptAsCounts > 0) await scrubAnswerData(eraser.database, eraser.log)
  // A deleted signal's text and its contact details too.
  if (erasure.signalsDeleted + erasure.signalsAnonymised > 0) await scrubSignalData(eraser.database, eraser.log)
  return erasure
}
