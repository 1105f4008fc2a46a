import { adviceRoutes } from '../../shared/routes/advice-routes'
import { councilMeetingRoutes } from '../../shared/routes/council-meeting-routes'
import { saveCouncilAdvice, saveCouncilMeetings } from '../db/council-repo'
import type { MeepraatDb } from '../db/db'
import { createHttpClient, type HttpClient } from '../http/api-client'
import { DEFAULT_TIMEOUT_MS } from './api'

/*
 * Online reads of the participation council's public advice and meetings. Each is kept on the
 * phone (db/council-repo.ts), so the pages show the last known list offline; a failed refresh
 * rejects and the page says it shows what it saw last.
 */

let http: HttpClient | undefined
const client = () => (http ??= createHttpClient({ fetch: (input, init) => globalThis.fetch(input, init), timeoutMs: DEFAULT_TIMEOUT_MS }))

export async function refreshCouncilAdvice(db: MeepraatDb, municipality: string): Promise<void> {
  const { advice } = await client().call(adviceRoutes.public, { params: { slug: municipality } })
  await saveCouncilAdvice(db, municipality, advice)
}

export async function refreshCouncilMeetings(db: MeepraatDb, municipality: string): Promise<void> {
  const { meetings } = await client().call(councilMeetingRoutes.public, { params: { slug: municipality } })
  await saveCouncilMeetings(db, municipality, meetings)
}
