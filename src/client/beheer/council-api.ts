import type { AdviceDraft, AdviceResponseInput, CouncilAdvice } from '../../shared/schemas/advice'
import type { CouncilMeeting, MeetingInput } from '../../shared/schemas/council-meeting'
import { adviceRoutes } from '../../shared/routes/advice-routes'
import { councilMeetingRoutes } from '../../shared/routes/council-meeting-routes'
import type { HttpClient } from '../http/api-client'

/** The back office's calls about the participation council: advice and periodic meetings. */
export function councilApi(http: HttpClient) {
  const one = (id: string) => ({ params: { id } })
  return {
    listAdvice: async (): Promise<CouncilAdvice[]> => (await http.call(adviceRoutes.list)).advice,
    createAdvice: (draft: AdviceDraft): Promise<CouncilAdvice> => http.call(adviceRoutes.create, { body: draft }),
    updateAdvice: (id: string, draft: AdviceDraft): Promise<CouncilAdvice> => http.call(adviceRoutes.update, { ...one(id), body: draft }),
    submitAdvice: (id: string): Promise<CouncilAdvice> => http.call(adviceRoutes.submit, { ...one(id), body: {} }),
    respondToAdvice: (id: string, response: AdviceResponseInput): Promise<CouncilAdvice> => http.call(adviceRoutes.respond, { ...one(id), body: response }),
    listMeetings: async (): Promise<CouncilMeeting[]> => (await http.call(councilMeetingRoutes.list)).meetings,
    createMeeting: (meeting: MeetingInput): Promise<CouncilMeeting> => http.call(councilMeetingRoutes.create, { body: meeting }),
    updateMeeting: (id: string, meeting: MeetingInput): Promise<CouncilMeeting> => http.call(councilMeetingRoutes.update, { ...one(id), body: meeting }),
    publishMeeting: (id: string): Promise<CouncilMeeting> => http.call(councilMeetingRoutes.publish, { ...one(id), body: {} }),
  }
}
