import type { Accountability } from '../../shared/schemas/accountability'
import type { InvitationInfo } from '../../shared/schemas/account'
import type { AuditEntry } from '../../shared/schemas/audit'
import type { AuditExportQuery, AuditPage } from '../../shared/schemas/audit-log'
import type { FeedbackInput } from '../../shared/schemas/feedback'
import type { HideReason, ItemInput, TextAnswerPage } from '../../shared/schemas/input'
import type { ItemDraft, ManagedItem } from '../../shared/schemas/item-draft'
import type { LogoInfo, MunicipalityAdmin, Vocabulary } from '../../shared/schemas/municipality-admin'
import type { MunicipalityProfile, MunicipalitySettingsUpdate } from '../../shared/schemas/municipality-settings'
import type { Me, Official, OfficialRole } from '../../shared/schemas/official'
import type { SignInSettings, SignInSettingsUpdate, SsoCallback, SsoProvider } from '../../shared/schemas/sign-in-settings'
import type { Advice, DrawSummary, InterestCount, InviteResult, OfficialSignup, TableAssignment } from '../../shared/schemas/table'
import { accountabilityRoutes } from '../../shared/routes/accountability-routes'
import { accountRoutes } from '../../shared/routes/account-routes'
import { adminRoutes } from '../../shared/routes/admin-routes'
import { auditRoutes } from '../../shared/routes/audit-routes'
import { authRoutes } from '../../shared/routes/auth-routes'
import { feedbackRoutes } from '../../shared/routes/feedback-routes'
import { municipalityProfileRoutes } from '../../shared/routes/municipality-profile-routes'
import { municipalityRoutes } from '../../shared/routes/municipality-routes'
import { officialInputRoutes } from '../../shared/routes/official-input-routes'
import { officialItemRoutes } from '../../shared/routes/official-item-routes'
import { officialRedactionRoutes } from '../../shared/routes/official-redaction-routes'
import type { RedactionRequest } from '../../shared/schemas/redaction'
import { officialMunicipalityRoutes } from '../../shared/routes/official-municipality-routes'
import { officialTableRoutes } from '../../shared/routes/official-table-routes'
import { networkRoutes } from '../../shared/routes/network-routes'
import type { NetworkInvite, NetworkInviteResult, NetworkMember } from '../../shared/schemas/network'
import { shareRoutes } from '../../shared/routes/share-routes'
import { secondFactorRoutes, type SecondFactorEnrolment, type SecondFactorStatus } from '../../shared/routes/second-factor-routes'
import { signInRoutes } from '../../shared/routes/sign-in-routes'
import { tableRoutes } from '../../shared/routes/table-routes'
import { signalTriageRoutes } from '../../shared/routes/signal-triage-routes'
import type { SignalCommentRequest, SignalCouncilDecision, SignalDetail, SignalList, SignalListQuery, SignalModerationRequest, SignalRedactionRequest, SignalResponseRequest, SignalStatusRequest } from '../../shared/schemas/signal-triage'
import { ApiError, createHttpClient } from '../http/api-client'
import { councilApi } from './council-api'
import { agendaApi } from './agenda-api'

/**
 * A failed back-office request: the one error type of the HTTP client. `code` is the contract's
 * error code (`unauthorized`, `rate_limited`, `conflict`...), or `network` when no answer came,
 * or `invalid_response` when the answer did not match the shared schema.
 */
export const BeheerApiError = ApiError
export type BeheerApiError = ApiError

/** Longer than the residents' 15 s: a draw or an invitation round sends its e-mails first. */
export const BEHEER_TIMEOUT_MS = 30_000

export interface BeheerApiOptions {
  /** The token from `Me`; sent as `x-csrf-token` on every change. */
  csrf: () => string | undefined
  /** Called when the session turned out to be gone (401), so the app can forget the official. */
  onUnauthorized?: () => void
  /** Called on every answer but a 401: each one renewed the session's idle time-out on the server. */
  onAnswer?: () => void
  fetch?: typeof fetch
  timeoutMs?: number
}

export function createBeheerApi(options: BeheerApiOptions) {
  // The global fetch is looked up per call (tests stub it after the client was made).
  const fetchAndNote: typeof fetch = async (input, init) => {
    const response = await (options.fetch ?? globalThis.fetch)(input, init)
    if (response.status !== 401) options.onAnswer?.()
    return response
  }
  const http = createHttpClient({
    fetch: fetchAndNote,
    timeoutMs: options.timeoutMs ?? BEHEER_TIMEOUT_MS,
    // Official data must never land in the HTTP cache of a shared computer.
    init: { credentials: 'same-origin', cache: 'no-store' },
    headers: (route) => ({ 'x-csrf-token': route.method === 'GET' ? undefined : options.csrf() || undefined }),
    onError(error, route) {
      // A wrong code is a 401 too, but the session waiting for it is still there.
      const wrongCode = (route === secondFactorRoutes.verify || route === secondFactorRoutes.confirmEnrolment) && error.code === 'second_factor_code_invalid'
      if (error.status === 401 && route !== authRoutes.login && route !== signInRoutes.ssoCallback && !wrongCode) options.onUnauthorized?.()
    },
  })
  const item = (id: string) => ({ params: { id } })

  return {
    login: (email: string, password: string): Promise<Me> => http.call(authRoutes.login, { body: { email, password } }),
    logout: () => http.call(authRoutes.logout),
    me: (): Promise<Me> => http.call(authRoutes.me),
    inviteOfficial: (input: { email: string; role: OfficialRole }) => http.call(accountRoutes.invite, { body: input }),
    lookUpInvitation: (token: string): Promise<InvitationInfo> => http.call(accountRoutes.lookUpInvitation, { body: { token } }),
    acceptInvitation: (token: string, password: string) => http.call(accountRoutes.acceptInvitation, { body: { token, password } }),
    requestPasswordReset: (email: string) => http.call(accountRoutes.requestReset, { body: { email } }),
    resetPassword: (token: string, password: string) => http.call(accountRoutes.resetPassword, { body: { token, password } }),
    changePassword: (currentPassword: string, newPassword: string): Promise<Me> => http.call(accountRoutes.changePassword, { body: { currentPassword, newPassword } }),
    ssoProviders: (): Promise<SsoProvider[]> => http.call(signInRoutes.ssoProviders),
    /** Where to send the browser to sign in at the municipality's identity provider. */
    ssoStart: async (municipality: string): Promise<string> => (await http.call(signInRoutes.ssoStart, { params: { municipality }, body: {} })).authorizationUrl,
    ssoCallback: (answer: SsoCallback): Promise<Me> => http.call(signInRoutes.ssoCallback, { body: answer }),
    secondFactorStatus: (): Promise<SecondFactorStatus> => http.call(secondFactorRoutes.status),
    startEnrolment: (): Promise<SecondFactorEnrolment> => http.call(secondFactorRoutes.startEnrolment, { body: {} }),
    confirmEnrolment: (code: string): Promise<{ recoveryCodes: string[]; me: Me }> => http.call(secondFactorRoutes.confirmEnrolment, { body: { code } }),
    verifySecondFactor: (answer: { code: string } | { recoveryCode: string }): Promise<Me> => http.call(secondFactorRoutes.verify, { body: answer }),

    listItems: async (): Promise<ManagedItem[]> => (await http.call(officialItemRoutes.list)).items,
    getItem: (id: string): Promise<ManagedItem> => http.call(officialItemRoutes.get, item(id)),
    createItem: (draft: ItemDraft): Promise<ManagedItem> => http.call(officialItemRoutes.create, { body: draft }),
    updateItem: (id: string, draft: ItemDraft): Promise<ManagedItem> => http.call(officialItemRoutes.update, { ...item(id), body: draft }),
    publishItem: (id: string): Promise<ManagedItem> => http.call(officialItemRoutes.publish, item(id)),
    closeItem: (id: string): Promise<ManagedItem> => http.call(officialItemRoutes.close, item(id)),

    getInput: (id: string): Promise<ItemInput> => http.call(officialInputRoutes.input, item(id)),
    /** The public list, for the names of the municipalities a regional item's input is split by. */
    municipalities: () => http.call(municipalityRoutes.list),
    getTextAnswers: (id: string, query: { question?: string; search?: string; page: number; pageSize: number }): Promise<TextAnswerPage> =>
      http.call(officialInputRoutes.answers, {
        ...item(id),
        query: { page: query.page, pageSize: query.pageSize, question: query.question || undefined, search: query.search || undefined },
      }),
    hideAnswer: (id: string, submissionId: string, reason: HideReason) => http.call(officialInputRoutes.hide, { params: { id, submissionId }, body: { reason } }),
    unhideAnswer: (id: string, submissionId: string) => http.call(officialInputRoutes.unhide, { params: { id, submissionId } }),
    /** Removes part of one text answer (or all of it) for good; answers the text as it now reads. */
    redactAnswer: (id: string, submissionId: string, body: RedactionRequest) => http.call(officialRedactionRoutes.redact, { params: { id, submissionId }, body }),
    /** A plain link target: the browser downloads it with the session cookie. */
    exportUrl: (id: string, format: 'csv' | 'json'): string => http.url(officialInputRoutes.export, { ...item(id), query: { format } }),

    publishFeedback: (id: string, entry: FeedbackInput): Promise<ManagedItem> => http.call(feedbackRoutes.publish, { ...item(id), body: entry }),
    correctFeedback: (id: string, feedbackId: string, entry: FeedbackInput): Promise<ManagedItem> =>
      http.call(feedbackRoutes.correct, { params: { id, feedbackId }, body: entry }),
    putAssignment: (id: string, assignment: TableAssignment): Promise<ManagedItem> => http.call(officialTableRoutes.assignment, { ...item(id), body: { assignment } }),
    getSignups: (id: string): Promise<OfficialSignup[]> => http.call(officialTableRoutes.signups, item(id)),
    runDraw: (id: string): Promise<DrawSummary> => http.call(officialTableRoutes.draw, { ...item(id), body: {} }),
    publishAdvice: (id: string, advice: Advice): Promise<ManagedItem> => http.call(officialTableRoutes.advice, { ...item(id), body: advice }),
    inviteInterested: (id: string): Promise<InviteResult> => http.call(officialTableRoutes.inviteInterested, { ...item(id), body: {} }),
    interests: (): Promise<InterestCount[]> => http.call(officialTableRoutes.interests),
    /** Invites Benader mij members with these themes (and areas) to any open item; each once. */
    inviteNetwork: (id: string, invite: NetworkInvite): Promise<NetworkInviteResult> => http.call(networkRoutes.invite, { ...item(id), body: invite }),
    /** The contact list of the network (admins; every view is audited). */
    networkMembers: (): Promise<NetworkMember[]> => http.call(networkRoutes.members),
    /** A plain link target: the browser downloads the CSV with the session cookie (audited). */
    networkExportUrl: (): string => http.url(networkRoutes.export, {}),
    /** The public draw record (JSON), a plain link anyone may download and check. */
    drawRecordUrl: (id: string): string => http.url(tableRoutes.drawRecord, item(id)),
    accountability: (): Promise<Accountability> => http.call(accountabilityRoutes.official),
    ...councilApi(http),

    listOfficials: (): Promise<Official[]> => http.call(adminRoutes.officials),
    createOfficial: (input: { email: string; password: string; role: OfficialRole }) => http.call(adminRoutes.createOfficial, { body: input }),
    disableOfficial: (id: string) => http.call(adminRoutes.disableOfficial, item(id)),
    audit: (): Promise<AuditEntry[]> => http.call(adminRoutes.audit),

    vocabulary: (): Promise<Vocabulary> => http.call(officialMunicipalityRoutes.vocabulary),
    ownMunicipality: (): Promise<MunicipalityAdmin> => http.call(officialMunicipalityRoutes.ownMunicipality),
    /** The public profile residents see (name, logo): what a poster shows. */
    municipalityProfile: (slug: string): Promise<MunicipalityProfile> => http.call(municipalityProfileRoutes.profile, { params: { slug } }),
    /** QR codes of the short links (SVG, drawn by the server), for the share panels and posters. */
    itemQrUrl: (id: string): string => http.url(shareRoutes.itemQr, item(id)),
    municipalityQrUrl: (slug: string): string => http.url(shareRoutes.municipalityQr, { params: { slug } }),
    updateOwnMunicipality: (update: MunicipalitySettingsUpdate): Promise<MunicipalityAdmin> => http.call(officialMunicipalityRoutes.updateOwnMunicipality, { body: update }),
    /** The file as it is: the server checks a PNG's signature and rebuilds an SVG. */
    replaceLogo: (file: Blob, contentType: 'image/svg+xml' | 'image/png'): Promise<LogoInfo> => http.call(officialMunicipalityRoutes.replaceLogo, { raw: { contentType, data: file } }),
    removeLogo: () => http.call(officialMunicipalityRoutes.removeLogo),
    auditPage: (filter: AuditExportQuery, page: { cursor?: string; limit: number }): Promise<AuditPage> =>
      http.call(auditRoutes.entries, { query: { ...filter, ...(page.cursor ? { cursor: page.cursor } : {}), limit: page.limit } }),
    /** A plain link target: the browser downloads the CSV with the session cookie. */
    auditExportUrl: (filter: AuditExportQuery): string => http.url(auditRoutes.export, { query: filter }),
    signInSettings: (): Promise<SignInSettings> => http.call(signInRoutes.settings),
    updateSignInSettings: (input: SignInSettingsUpdate): Promise<SignInSettings> => http.call(signInRoutes.updateSettings, { body: input }),

    // Residents' signals: officials triage them, council members read, comment and decide on meeting requests.
    signals: (query: Partial<SignalListQuery>): Promise<SignalList> =>
      http.call(signalTriageRoutes.list, { query: { ...query, overdue: query.overdue === undefined ? undefined : query.overdue ? 'true' : 'false' } }),
    signal: (id: string): Promise<SignalDetail> => http.call(signalTriageRoutes.get, item(id)),
    moderateSignal: (id: string, body: SignalModerationRequest): Promise<SignalDetail> => http.call(signalTriageRoutes.moderate, { ...item(id), body }),
    redactSignal: (id: string, body: SignalRedactionRequest): Promise<SignalDetail> => http.call(signalTriageRoutes.redact, { ...item(id), body }),
    setSignalStatus: (id: string, body: SignalStatusRequest): Promise<SignalDetail> => http.call(signalTriageRoutes.status, { ...item(id), body }),
    respondToSignal: (id: string, body: SignalResponseRequest): Promise<SignalDetail> => http.call(signalTriageRoutes.respond, { ...item(id), body }),
    decideMeetingRequest: (id: string, body: SignalCouncilDecision): Promise<SignalDetail> => http.call(signalTriageRoutes.councilDecision, { ...item(id), body }),
    commentOnSignal: (id: string, body: SignalCommentRequest): Promise<SignalDetail> => http.call(signalTriageRoutes.comment, { ...item(id), body }),
    ...agendaApi(http),
  }
}

export type BeheerApi = ReturnType<typeof createBeheerApi>
