import { accountRoutes } from './account-routes'
import { accountabilityRoutes } from './accountability-routes'
import { adminRoutes } from './admin-routes'
import { adviceRoutes } from './advice-routes'
import { auditRoutes } from './audit-routes'
import { authRoutes } from './auth-routes'
import { calendarRoutes } from './calendar-routes'
import { contactConfirmationRoutes } from './contact-confirmation-routes'
import { councilMeetingRoutes } from './council-meeting-routes'
import { emailAlertRoutes } from './email-alert-routes'
import { feedbackRoutes } from './feedback-routes'
import { healthRoutes } from './health-routes'
import { inboxRoutes } from './inbox-routes'
import { itemRoutes } from './item-routes'
import { mailQueueRoutes } from './mail-queue-routes'
import { meRoutes } from './me-routes'
import { municipalityProfileRoutes } from './municipality-profile-routes'
import { municipalityRoutes } from './municipality-routes'
import { networkRoutes } from './network-routes'
import { officialMunicipalityRoutes } from './official-municipality-routes'
import { officialInputRoutes } from './official-input-routes'
import { officialItemRoutes } from './official-item-routes'
import { officialRedactionRoutes } from './official-redaction-routes'
import { officialTableRoutes } from './official-table-routes'
import { openapiRoutes } from './openapi-routes'
import { onBehalfRoutes } from './on-behalf-routes'
import { participationAgendaRoutes } from './participation-agenda-routes'
import { participationReportRoutes } from './report-routes'
import { pushRoutes } from './push-routes'
import type { RouteDefinition } from './route'
import { shareRoutes } from './share-routes'
import { secondFactorRoutes } from './second-factor-routes'
import { signInRoutes } from './sign-in-routes'
import { signalRoutes } from './signal-routes'
import { signalTriageRoutes } from './signal-triage-routes'
import { submissionRoutes } from './submission-routes'
import { tableRoutes } from './table-routes'

export * from './route'

/** Every route of the API, by resource: the single list the server, OpenAPI and tests walk. */
export const routeTable = {
  health: healthRoutes,
  openapi: openapiRoutes,
  municipalities: municipalityRoutes,
  municipalityProfiles: municipalityProfileRoutes,
  items: itemRoutes,
  submissions: submissionRoutes,
  inbox: inboxRoutes,
  me: meRoutes,
  accountability: accountabilityRoutes,
  auth: authRoutes,
  officialItems: officialItemRoutes,
  officialInput: officialInputRoutes,
  officialRedaction: officialRedactionRoutes,
  feedback: feedbackRoutes,
  officialTables: officialTableRoutes,
  tables: tableRoutes,
  contactConfirmations: contactConfirmationRoutes,
  emailAlerts: emailAlertRoutes,
  network: networkRoutes,
  admin: adminRoutes,
  mailQueue: mailQueueRoutes,
  push: pushRoutes,
  calendar: calendarRoutes,
  share: shareRoutes,
  officialMunicipality: officialMunicipalityRoutes,
  audit: auditRoutes,
  accounts: accountRoutes,
  signIn: signInRoutes,
  secondFactor: secondFactorRoutes,
  advice: adviceRoutes,
  councilMeetings: councilMeetingRoutes,
  signals: signalRoutes,
  signalTriage: signalTriageRoutes,
  participationAgenda: participationAgendaRoutes,
  onBehalf: onBehalfRoutes,
  participationReport: participationReportRoutes,
} as const

/** All routes as a flat list, in declaration order. */
export function allRoutes(): RouteDefinition[] {
  return Object.values(routeTable).flatMap((resource) => Object.values(resource) as RouteDefinition[])
}
