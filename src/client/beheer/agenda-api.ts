import { onBehalfRoutes } from '../../shared/routes/on-behalf-routes'
import { participationAgendaRoutes } from '../../shared/routes/participation-agenda-routes'
import { participationReportRoutes } from '../../shared/routes/report-routes'
import type { OnBehalfEntry, PartnerDraft } from '../../shared/schemas/on-behalf'
import type { AgendaEntryDraftInput } from '../../shared/schemas/participation-agenda'
import type { HttpClient } from '../http/api-client'

/**
 * The back office's calls for the participation agenda, input on behalf of residents and the
 * yearly report (issue 11 items 6-8), spread into `createBeheerApi`.
 */
export function agendaApi(http: HttpClient) {
  const year = (y: number) => ({ params: { year: y } })
  return {
    agenda: (y: number) => http.call(participationAgendaRoutes.get, year(y)),
    agendaEntryChoices: async () => (await http.call(participationAgendaRoutes.choices)).entries,
    writeAgendaIntro: (y: number, intro: string | null) => http.call(participationAgendaRoutes.putIntro, { ...year(y), body: { intro } }),
    addAgendaEntry: (y: number, entry: AgendaEntryDraftInput) => http.call(participationAgendaRoutes.addEntry, { ...year(y), body: entry }),
    updateAgendaEntry: (id: string, entry: AgendaEntryDraftInput) => http.call(participationAgendaRoutes.updateEntry, { params: { id }, body: entry }),
    removeAgendaEntry: (id: string) => http.call(participationAgendaRoutes.deleteEntry, { params: { id } }),
    publishAgenda: (y: number) => http.call(participationAgendaRoutes.publish, { ...year(y), body: {} }),

    enterOnBehalf: async (itemId: string, entries: OnBehalfEntry[]) => (await http.call(onBehalfRoutes.submit, { params: { id: itemId }, body: { entries } })).results,
    partners: async () => (await http.call(onBehalfRoutes.partners)).partners,
    addPartner: (draft: PartnerDraft) => http.call(onBehalfRoutes.addPartner, { body: draft }),
    removePartner: (id: string) => http.call(onBehalfRoutes.deletePartner, { params: { id } }),

    participationReport: (period: { from?: string; to?: string }) => http.call(participationReportRoutes.participation, { query: { ...period, format: 'json' } }),
    /** A plain link target: the browser downloads the CSV with the session cookie. */
    participationReportCsvUrl: (period: { from: string; to: string }) => http.url(participationReportRoutes.participation, { query: { ...period, format: 'csv' } }),
  }
}
