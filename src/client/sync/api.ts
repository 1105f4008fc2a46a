import type { z } from 'zod'
import type { FeedbackFigures } from '../../shared/schemas/accountability'
import type { Inbox } from '../../shared/schemas/inbox'
import type { Item, ItemList } from '../../shared/schemas/item'
import type { Municipality } from '../../shared/schemas/municipality'
import type { MunicipalityProfile } from '../../shared/schemas/municipality-settings'
import type { PublicResults } from '../../shared/schemas/results'
import type { Erasure, MyData } from '../../shared/schemas/my-data'
import type { SignalBatch, SignalBatchResult, SignalList, SignalListQuery, SignalSupport } from '../../shared/schemas/signal'
import type { SubmissionBatch, SubmissionBatchResult } from '../../shared/schemas/submission'
import type { GuardianLinkInfo, Interest, MySignup, RegistrationBatchResultSchema, TableSignup } from '../../shared/schemas/table'
import { accountabilityRoutes } from '../../shared/routes/accountability-routes'
import { meRoutes } from '../../shared/routes/me-routes'
import { deviceAuthorization } from '../../shared/schemas/device-credentials'
import { itemRoutes } from '../../shared/routes/item-routes'
import { municipalityProfileRoutes } from '../../shared/routes/municipality-profile-routes'
import { municipalityRoutes } from '../../shared/routes/municipality-routes'
import { contactConfirmationRoutes } from '../../shared/routes/contact-confirmation-routes'
import { emailAlertRoutes } from '../../shared/routes/email-alert-routes'
import { networkRoutes } from '../../shared/routes/network-routes'
import type { EmailAlert, EmailAlertLinkResult, EmailAlertRequest } from '../../shared/schemas/email-alert'
import type { ContactConfirmationResult } from '../../shared/schemas/contact-confirmation'
import { signalRoutes } from '../../shared/routes/signal-routes'
import { submissionRoutes } from '../../shared/routes/submission-routes'
import { pushRoutes } from '../../shared/routes/push-routes'
import type { PushSubscriptionInput, PushSubscriptionState } from '../../shared/schemas/push'
import { tableRoutes } from '../../shared/routes/table-routes'
import { ApiError, createHttpClient, type ApiErrorKind, type ApiTimers } from '../http/api-client'

export { ApiError, type ApiErrorKind, type ApiTimers }

type RegistrationBatchResult = z.infer<typeof RegistrationBatchResultSchema>

export interface ApiOptions {
  /** Origin the API lives on; empty means the page's own origin (the app and API share a port). */
  baseUrl?: string
  fetch?: typeof fetch
  /** Give up on a request after this long: a phone on a dying connection can hang for minutes. */
  timeoutMs?: number
  timers?: ApiTimers
}

/** The typed face of the HTTP API for residents; every answer is parsed with the shared schemas. */
export interface Api {
  getMunicipalities(): Promise<Municipality[]>
  /** A municipality's public profile: name, look, contact, privacy and accessibility statement data. */
  getMunicipalityProfile(slug: string): Promise<MunicipalityProfile>
  getItems(municipality: string, since?: string): Promise<ItemList>
  getItem(id: string): Promise<Item>
  getResults(id: string): Promise<PublicResults>
  postSubmissions(batch: SubmissionBatch): Promise<SubmissionBatchResult>
  /** Feedback and closings on items this device answered, after `since`. */
  getInbox(deviceId: string, since?: string): Promise<Inbox>
  /** How often and how fast a municipality's residents heard back ("Jij zei, wij deden"). */
  getFeedbackFigures(municipality: string): Promise<FeedbackFigures>
  /** Table sign-ups, exactly once per id (a change is the same id with a higher revision). */
  postSignups(batch: { signups: TableSignup[] }): Promise<RegistrationBatchResult>
  /** "Benader mij" registrations, same rules as sign-ups. */
  postInterests(batch: { interests: Interest[] }): Promise<RegistrationBatchResult>
  /** The sign-ups this device made, with the server's status (selected, waiting list ...). */
  getMySignups(deviceId: string): Promise<MySignup[]>
  /** Withdraws a sign-up; the server deletes the contact details at once. Needs the network. */
  withdrawSignup(deviceId: string, id: string): Promise<void>
  /** Leaves the interest network; the server deletes the contact details. Needs the network. */
  withdrawInterest(deviceId: string, id: string): Promise<void>
  /** A parent or guardian says yes to an under-16 registration, with the token from their e-mail. */
  confirmGuardian(token: string): Promise<void>
  /** What a guardian's link is about (table, municipality), without using the link. */
  guardianLinkInfo(token: string): Promise<GuardianLinkInfo>
  /** Everything the server holds for this device ("Mijn gegevens"). */
  getMyData(deviceId: string): Promise<MyData>
  /** Erases everything the server holds for this device; sent through the outbox. */
  eraseMe(deviceId: string): Promise<Erasure>
  /** An adult confirms their e-mail address (or stays in Benader mij), with the token from their e-mail. */
  confirmContact(token: string): Promise<ContactConfirmationResult>
  /** "Mail me when the municipality responds" on one item; the server mails a confirmation link first. */
  askEmailAlert(deviceId: string, request: EmailAlertRequest): Promise<EmailAlert>
  /** The link in the alert's confirmation mail. */
  confirmEmailAlert(token: string): Promise<EmailAlertLinkResult>
  /** The one-click unsubscribe link in any alert mail. */
  unsubscribeEmailAlert(token: string): Promise<EmailAlertLinkResult>
  /** The one-click "leave Benader mij" link in an invitation. */
  optOutOfNetwork(token: string): Promise<void>
  /** Signals and proposals, exactly once per id; sent through the outbox. */
  postSignals(batch: SignalBatch): Promise<SignalBatchResult>
  /** One page of a municipality's published signals. */
  getSignals(municipality: string, query?: Partial<SignalListQuery>): Promise<SignalList>
  /** "Dit herken ik" as this device; a repeat changes nothing. Sent through the outbox. */
  supportSignal(deviceId: string, signalId: string): Promise<SignalSupport>
  /** The server's VAPID public key (404 when the server sends no Web Push). */
  getPushPublicKey(): Promise<{ publicKey: string }>
  /** Stores or replaces this device's push subscription and what it follows. */
  putPushSubscription(deviceId: string, body: PushSubscriptionInput): Promise<PushSubscriptionState>
  /** Removes this device's push subscription. */
  deletePushSubscription(deviceId: string): Promise<PushSubscriptionState>
}

export const DEFAULT_TIMEOUT_MS = 15_000

/**
 * The device id is a secret: it goes in the `Authorization` header, never in a URL (proxies log
 * paths), and its answers never go into the HTTP cache (the server says no-store too).
 */
const asDevice = (deviceId: string): RequestInit => ({ cache: 'no-store', headers: { authorization: deviceAuthorization(deviceId) } })

/** Builds the residents' API client. Tests pass a fake `fetch` and timers; the app uses the defaults. */
export function createApi(options: ApiOptions = {}): Api {
  const http = createHttpClient({
    baseUrl: options.baseUrl,
    // Bound late, so a fetch stubbed after the client was made is the one used.
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    timers: options.timers,
  })
  return {
    getMunicipalities: () => http.call(municipalityRoutes.list),
    getMunicipalityProfile: (slug) => http.call(municipalityProfileRoutes.profile, { params: { slug } }),
    getItems: (municipality, since) => http.call(itemRoutes.list, { query: { municipality, since } }),
    getItem: (id) => http.call(itemRoutes.get, { params: { id } }),
    getResults: (id) => http.call(itemRoutes.results, { params: { id } }),
    postSubmissions: (batch) => http.call(submissionRoutes.submit, { body: batch }),
    getInbox: (deviceId, since) => http.call(meRoutes.inbox, { query: { since }, init: asDevice(deviceId) }),
    getFeedbackFigures: (municipality) => http.call(accountabilityRoutes.feedbackFigures, { params: { slug: municipality } }),
    postSignups: (batch) => http.call(tableRoutes.signup, { body: batch }),
    postInterests: (batch) => http.call(tableRoutes.interest, { body: batch }),
    getMySignups: (deviceId) => http.call(meRoutes.signups, { init: asDevice(deviceId) }),
    async withdrawSignup(deviceId, id) {
      await http.call(meRoutes.withdrawSignup, { params: { id }, body: {}, init: asDevice(deviceId) })
    },
    async withdrawInterest(deviceId, id) {
      await http.call(meRoutes.withdrawInterest, { params: { id }, body: {}, init: asDevice(deviceId) })
    },
    async confirmGuardian(token) {
      await http.call(tableRoutes.confirmGuardian, { body: { token } })
    },
    guardianLinkInfo: (token) => http.call(tableRoutes.guardianLinkInfo, { body: { token } }),
    getMyData: (deviceId) => http.call(meRoutes.data, { init: asDevice(deviceId) }),
    eraseMe: (deviceId) => http.call(meRoutes.erase, { init: asDevice(deviceId) }),
    confirmContact: (token) => http.call(contactConfirmationRoutes.confirmContact, { body: { token } }),
    askEmailAlert: (deviceId, request) => http.call(emailAlertRoutes.ask, { body: request, init: asDevice(deviceId) }),
    confirmEmailAlert: (token) => http.call(emailAlertRoutes.confirm, { body: { token } }),
    unsubscribeEmailAlert: (token) => http.call(emailAlertRoutes.unsubscribe, { body: { token } }),
    async optOutOfNetwork(token) {
      await http.call(networkRoutes.optOut, { body: { token } })
    },
    postSignals: (batch) => http.call(signalRoutes.submit, { body: batch }),
    getSignals: (municipality, query) => http.call(signalRoutes.list, { params: { slug: municipality }, query: query ?? {} }),
    supportSignal: (deviceId, signalId) => http.call(signalRoutes.support, { params: { id: signalId }, body: {}, init: asDevice(deviceId) }),
    getPushPublicKey: () => http.call(pushRoutes.publicKey),
    putPushSubscription: (deviceId, body) => http.call(pushRoutes.putSubscription, { body, init: asDevice(deviceId) }),
    deletePushSubscription: (deviceId) => http.call(pushRoutes.deleteSubscription, { init: asDevice(deviceId) }),
  }
}
