import { z } from 'zod'
import { AdviceListSchema, type CouncilAdvice } from '../../shared/schemas/advice'
import { DateTimeSchema } from '../../shared/schemas/common'
import { PublicMeetingListSchema, type PublicMeeting } from '../../shared/schemas/council-meeting'
import type { MeepraatDb } from './db'

/*
 * The participation council's public advice and meetings as last seen online, per municipality,
 * so the pages still show them offline (with how old they are). Small lists that change slowly.
 */

const ADVICE_PREFIX = 'councilAdvice:'
const MEETINGS_PREFIX = 'councilMeetings:'

const StoredAdviceSchema = AdviceListSchema.extend({ fetchedAt: DateTimeSchema })
const StoredMeetingsSchema = PublicMeetingListSchema.extend({ fetchedAt: DateTimeSchema })
export type StoredAdvice = z.infer<typeof StoredAdviceSchema>
export type StoredMeetings = z.infer<typeof StoredMeetingsSchema>

export async function lastCouncilAdvice(db: MeepraatDb, municipality: string): Promise<StoredAdvice | undefined> {
  const parsed = StoredAdviceSchema.safeParse((await db.meta.get(ADVICE_PREFIX + municipality))?.value)
  return parsed.success ? parsed.data : undefined
}

export async function saveCouncilAdvice(db: MeepraatDb, municipality: string, advice: CouncilAdvice[], now: Date = new Date()): Promise<void> {
  await db.meta.put({ key: ADVICE_PREFIX + municipality, value: StoredAdviceSchema.parse({ advice, fetchedAt: now.toISOString() }) })
}

export async function lastCouncilMeetings(db: MeepraatDb, municipality: string): Promise<StoredMeetings | undefined> {
  const parsed = StoredMeetingsSchema.safeParse((await db.meta.get(MEETINGS_PREFIX + municipality))?.value)
  return parsed.success ? parsed.data : undefined
}

export async function saveCouncilMeetings(db: MeepraatDb, municipality: string, meetings: PublicMeeting[], now: Date = new Date()): Promise<void> {
  await db.meta.put({ key: MEETINGS_PREFIX + municipality, value: StoredMeetingsSchema.parse({ meetings, fetchedAt: now.toISOString() }) })
}
