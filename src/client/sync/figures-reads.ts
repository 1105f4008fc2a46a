import type { MeepraatDb } from '../db/db'
import { saveFeedbackFigures } from '../db/figures-repo'
import { residentApi } from './resident-api'

/*
 * On its own, beside reads.ts: the figures' schemas belong to "Jij zei, wij deden", not to the
 * item page and the choice, which load reads.ts with the first page.
 */

/** Fetches the municipality's feedback figures and keeps them, so offline shows the last known. */
export async function refreshFeedbackFigures(db: MeepraatDb, municipality: string): Promise<void> {
  await saveFeedbackFigures(db, municipality, await (await residentApi()).getFeedbackFigures(municipality))
}
