import { z } from 'zod'
import { DateTimeSchema } from '../../shared/schemas/common'
import { FeedbackFiguresSchema, type FeedbackFigures } from '../../shared/schemas/accountability'
import type { MeepraatDb } from './db'

const FIGURES_PREFIX = 'feedbackFigures:'

const StoredFiguresSchema = z.object({ figures: FeedbackFiguresSchema, fetchedAt: DateTimeSchema })

/** A municipality's feedback figures as last seen online, and when, so the page can say how old they are. */
export type StoredFigures = z.infer<typeof StoredFiguresSchema>

/** The last known figures of a municipality, or `undefined` when this phone never fetched them. */
export async function lastFeedbackFigures(db: MeepraatDb, municipality: string): Promise<StoredFigures | undefined> {
  const parsed = StoredFiguresSchema.safeParse((await db.meta.get(FIGURES_PREFIX + municipality))?.value)
  return parsed.success ? parsed.data : undefined
}

/** Keeps the figures for offline use; they are small and change slowly. */
export async function saveFeedbackFigures(db: MeepraatDb, municipality: string, figures: FeedbackFigures, now: Date = new Date()): Promise<void> {
  const value: StoredFigures = { figures: FeedbackFiguresSchema.parse(figures), fetchedAt: now.toISOString() }
  await db.meta.put({ key: FIGURES_PREFIX + municipality, value })
}
