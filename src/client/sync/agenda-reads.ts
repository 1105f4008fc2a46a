import { participationAgendaRoutes } from '../../shared/routes/participation-agenda-routes'
import type { PublicAgenda } from '../../shared/schemas/participation-agenda'
import { createHttpClient, type HttpClient } from '../http/api-client'
import { DEFAULT_TIMEOUT_MS } from './api'

/*
 * The published participation agenda ("Wat komt eraan"): read when the resident opens the page,
 * not synced to the phone (it changes a few times a year and is only useful with its links).
 */

let http: HttpClient | undefined
function client(): HttpClient {
  http ??= createHttpClient({ fetch: (input, init) => globalThis.fetch(input, init), timeoutMs: DEFAULT_TIMEOUT_MS })
  return http
}

/** The published agendas of these years that exist, in the order asked. */
export async function fetchPublishedAgendas(municipality: string, years: readonly number[]): Promise<PublicAgenda[]> {
  const answers = await Promise.all(years.map((year) => client().call(participationAgendaRoutes.publicAgenda, { params: { slug: municipality }, query: { year } })))
  return answers.flatMap((a) => (a.agenda ? [a.agenda] : []))
}
