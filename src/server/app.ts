import { randomBytes } from 'node:crypto'
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod'
import type { SecurityTxtSettings, TrustProxy } from './config'
import type { Database } from './db/client'
import type { Notifier } from './notify/notifier'
import { clientErrorHandler, frameworkErrorHandler, refuseConnect } from './edge-errors'
import { HttpError } from './errors'
import { authPlugin } from './plugins/auth'
import { countingNotifier } from './metrics/counting-notifier'
import { databasePlugin } from './plugins/database'
import { deviceKeysPlugin } from './plugins/device-keys'
import { metricsPlugin } from './plugins/metrics'
import { errorForLog } from './log-safety'
import { notifierPlugin } from './plugins/notifier'
import { mailQueueRoutes } from './routes/mail-queue-routes'
import { pushRoutes } from './routes/push-routes'
import { calendarRoutes } from './routes/calendar-routes'
import { shareRoutes } from './routes/share-routes'
import type { PushSettings } from './push/push-config'
import { drainPushQueueUntilEmpty, type PushDrainOutcome } from './push/push-worker'
import { startBackgroundWorker, type BackgroundWorker } from './jobs/background-worker'
import { startMailWorker, type MailWorker } from './notify/mail-worker'
import { createQueuedNotifier } from './notify/queued-notifier'
import { errorHandlerPlugin } from './plugins/error-handler'
import { openapiPlugin } from './plugins/openapi'
import { rateLimitPlugin } from './plugins/rate-limit'
import { securityHeadersPlugin } from './plugins/security-headers'
import { securityTxtPlugin } from './plugins/security-txt'
import { staticAppPlugin } from './plugins/static-app'
import { embedPagePlugin } from './plugins/embed-page'
import { officialAccountabilityRoutes, publicFiguresRoutes } from './routes/accountability-routes'
import { officialAdviceRoutes, publicAdviceRoutes } from './routes/advice-routes'
import { officialMeetingRoutes, publicMeetingRoutes } from './routes/council-meeting-routes'
import { accountRoutes } from './routes/account-routes'
import { adminRoutes } from './routes/admin-routes'
import { auditRoutes } from './routes/audit-routes'
import { authRoutes } from './routes/auth-routes'
import { feedbackRoutes } from './routes/feedback-routes'
import { healthRoutes } from './routes/health-routes'
import { inboxRoutes } from './routes/inbox-routes'
import { itemRoutes } from './routes/item-routes'
import { meRoutes } from './routes/me-routes'
import { municipalityProfileRoutes } from './routes/municipality-profile-routes'
import { municipalityRoutes } from './routes/municipality-routes'
import { officialInputRoutes } from './routes/official-input-routes'
import { officialRedactionRoutes } from './routes/official-redaction-routes'
import { officialItemRoutes } from './routes/official-item-routes'
import { officialMunicipalityRoutes } from './routes/official-municipality-routes'
import { officialTableRoutes } from './routes/official-table-routes'
import { signalTriageRoutes } from './routes/signal-triage-routes'
import { onBehalfRoutes } from './routes/on-behalf-routes'
import { participationAgendaRoutes } from './routes/participation-agenda-routes'
import { participationReportRoutes } from './routes/report-routes'
import { createSecretBox } from './auth/secret-box'
import { secondFactorRoutes } from './routes/second-factor-routes'
import { signInRoutesPlugin } from './routes/sign-in-routes'
import { submissionRoutes } from './routes/submission-routes'
import { signalRoutes } from './routes/signal-routes'
import { tableRoutes } from './routes/table-routes'
import { contactConfirmationRoutes } from './routes/contact-confirmation-routes'
import { emailAlertRoutes } from './routes/email-alert-routes'
import { networkRoutes } from './routes/network-routes'
import { APP_VERSION } from './version'

export interface RouteEntry {
  method: string
  url: string
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route the app serves; tests walk it so no route escapes a rule. */
    routeTable: RouteEntry[]
    /** The mail queue's worker in this process, when e-mail goes through the queue. */
    mailWorker?: MailWorker
    /** Web Push, when configured: its settings and this process's sender. */
    push?: { settings: PushSettings; worker: BackgroundWorker<PushDrainOutcome> }
  }
}

/** The queue in front of the real transport, with this process's worker draining it. */
function queuedNotifierFor(app: FastifyInstance, transport: Notifier, settings: { intervalMs?: number }, mailFrom: string): Notifier {
  const worker = startMailWorker({
    db: () => app.database.db,
    transport,
    clock: app.clock,
    ...(settings.intervalMs ? { intervalMs: settings.intervalMs } : {}),
    onError: (error) => app.log.error({ err: errorForLog(error) }, 'mail queue: drain failed'),
  })
  app.decorate('mailWorker', worker)
  return createQueuedNotifier({ db: () => app.database.db, worker, transport, from: (m) => m.from ?? mailFrom, clock: app.clock })
}

export interface BuildAppOptions {
  database: Database
  /** Directory of the built PWA; omitted in API-only tests. */
  staticDir?: string
  logger?: FastifyServerOptions['logger']
  clock?: () => Date
  /** Whether closing the app closes the database too (default true). */
  ownsDatabase?: boolean
  /** Signs session cookies; a random one per process when unset (development, tests). */
  sessionSecret?: string | undefined
  /** The secret of the per-purpose device keys (`DEVICE_KEY_SECRET`); one per process when unset (tests). */
  deviceKeySecret?: string | undefined
  /** Whether admins with a password must use a second factor (default `required`). */
  adminSecondFactor?: 'required' | 'optional'
  /** Secure cookies (HTTPS only): on in production. */
  secureCookies?: boolean
  /** Idle time-out of officials' sessions (default SESSION_IDLE_MS, two hours). */
  sessionIdleMs?: number
  /** Where e-mails go: SMTP in production, a file in development, memory in tests. */
  notifier: Notifier
  /**
   * Send e-mail through the durable queue (`mail_outbox`, drained by a worker in this process and
   * any other): what the server does. Off, messages go to `notifier` inline (most tests).
   */
  mailQueue?: { intervalMs?: number }
  /** The sender of e-mails that do not name their own. */
  mailFrom?: string
  /** Web Push (VAPID keys, test stand-ins); off when unset. */
  push?: PushSettings & { intervalMs?: number; /** Messages sent per claim round (500); tests make it small. */ drainLimit?: number }
  /** Base of links in e-mails. */
  publicUrl?: string
  /** Which proxy hops of X-Forwarded-For to trust for the client address: none, a hop count or proxy addresses. */
  trustProxy?: TrustProxy
  /** Who answers questions about this API (OpenAPI `info.contact`); a deployment sets its own. */
  apiContact?: { name: string; url: string; email: string }
  /** Also collect process metrics (CPU, memory, event loop): the real server only, once per process. */
  processMetrics?: boolean
  /** Where to report a vulnerability; `/.well-known/security.txt` is served only when set. */
  securityTxt?: SecurityTxtSettings | undefined
}

export const REQUEST_TIMEOUT_MS = 30_000
export const HEADERS_TIMEOUT_MS = 15_000
/** Longer than Fastify's keep-alive timeout (72 s), so it only ends connections that went silent mid-request. */
export const CONNECTION_IDLE_TIMEOUT_MS = 90_000

/**
 * Fastify reads a bare number as "trust nothing" (it cannot check the nearest peer), so a hop
 * count becomes the classic rule: the nearest `hops` addresses are proxies, the next one is the
 * client. A list of addresses is passed on as is (proxy-addr checks each hop against it).
 */
export function trustProxyOption(trust: TrustProxy | undefined): FastifyServerOptions['trustProxy'] {
  if (typeof trust === 'number') return (_address: string, hop: number) => hop < trust
  return trust ?? false
}

/** The versioned base path (NLGov API Design Rules: the major version in the URI). */
export const VERSIONED_API_PREFIX = '/api/v1'

/**
 * `/api/v1/...` is the API's documented address and `/api/...` its alias: one registration
 * serves both, because a versioned URL is rewritten to the plain one before routing.
 */
export function unversionedUrl(url: string): string {
  if (url === VERSIONED_API_PREFIX) return '/api'
  const next = url.charAt(VERSIONED_API_PREFIX.length)
  if (url.startsWith(VERSIONED_API_PREFIX) && (next === '/' || next === '?')) return `/api${url.slice(VERSIONED_API_PREFIX.length)}`
  return url
}

/** The OpenAPI contact when the deployment names none: this installation's own address. */
export function defaultApiContact(publicUrl: string): { name: string; url: string; email: string } {
  return { name: 'Meepraat', url: publicUrl, email: `meepraat@${new URL(publicUrl).hostname}` }
}

/** Builds the whole app on a ready database: plugins first, then one plugin per resource. */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const headerOptions = { version: APP_VERSION, httpsDeployment: (options.publicUrl ?? '').startsWith('https:') }
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 64 * 1024,
    // Fastify's own 503 while closing has another body; the onRequest hook below answers instead.
    return503OnClosing: false,
    trustProxy: trustProxyOption(options.trustProxy),
    // A request must arrive whole within 30 s (headers within 15 s), so slow senders cannot hold
    // connections; Node checks every 5 s and answers 408 through clientErrorHandler.
    requestTimeout: REQUEST_TIMEOUT_MS,
    connectionTimeout: CONNECTION_IDLE_TIMEOUT_MS,
    http: { headersTimeout: HEADERS_TIMEOUT_MS, connectionsCheckingInterval: 5_000 },
    frameworkErrors: frameworkErrorHandler(headerOptions),
    clientErrorHandler,
    rewriteUrl: (request) => unversionedUrl(request.url ?? '/'),
  })
  app.server.on('connect', refuseConnect)
  let closing = false
  app.addHook('preClose', async () => {
    closing = true
  })
  app.addHook('onRequest', async (_request, reply) => {
    if (closing) {
      reply.header('connection', 'close')
      throw new HttpError(503, 'unavailable', 'The server is restarting. Please try again in a moment.')
    }
  })
  const routeTable: RouteEntry[] = []
  app.decorate('routeTable', routeTable)
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routeTable.push({ method, url: route.url })
    }
  })
  // The API speaks JSON only: anything else is 415, not a string that fails validation.
  app.removeContentTypeParser('text/plain')
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)

  await app.register(errorHandlerPlugin)
  await app.register(securityHeadersPlugin, headerOptions)
  await app.register(databasePlugin, {
    database: options.database,
    clock: options.clock ?? (() => new Date()),
    closeOnShutdown: options.ownsDatabase ?? true,
  })
  await app.register(deviceKeysPlugin, { secret: options.deviceKeySecret })
  await app.register(metricsPlugin, { processMetrics: options.processMetrics ?? false })
  await app.register(openapiPlugin, { version: APP_VERSION, basePath: VERSIONED_API_PREFIX, contact: options.apiContact ?? defaultApiContact(options.publicUrl ?? 'http://127.0.0.1:8080') })
  await app.register(rateLimitPlugin)
  const transport = countingNotifier(options.notifier, app.metrics)
  await app.register(notifierPlugin, {
    notifier: options.mailQueue ? queuedNotifierFor(app, transport, options.mailQueue, options.mailFrom ?? 'Meepraat <noreply@localhost>') : transport,
    publicUrl: options.publicUrl ?? 'http://127.0.0.1:8080',
  })
  // One secret signs the cookies and seals stored secrets (under keys derived per purpose).
  const serverSecret = options.sessionSecret ?? randomBytes(32).toString('hex')
  await app.register(authPlugin, {
    cookieSecret: serverSecret,
    secureCookies: options.secureCookies ?? false,
    ...(options.sessionIdleMs ? { sessionIdleMs: options.sessionIdleMs } : {}),
  })

  if (options.push) {
    const settings = options.push
    const worker = startBackgroundWorker({
      drain: () => drainPushQueueUntilEmpty(app.database.db, settings.vapid, app.clock, { allowPrivate: settings.allowPrivate, ...(settings.drainLimit ? { limit: settings.drainLimit } : {}) }),
      intervalMs: settings.intervalMs ?? 15_000,
      onError: (error) => app.log.error({ err: errorForLog(error) }, 'push queue: drain failed'),
    })
    app.decorate('push', { settings, worker })
    app.addHook('onClose', async () => worker.stop())
  }

  await app.register(healthRoutes, { version: APP_VERSION })
  await app.register(municipalityRoutes)
  await app.register(municipalityProfileRoutes)
  await app.register(itemRoutes)
  await app.register(submissionRoutes)
  const secondFactor = { box: createSecretBox(serverSecret), adminsNeedIt: (options.adminSecondFactor ?? 'required') === 'required' }
  await app.register(authRoutes, { secondFactor })
  await app.register(signInRoutesPlugin, { serverSecret })
  await app.register(secondFactorRoutes, { secondFactor })
  await app.register(officialItemRoutes)
  await app.register(officialInputRoutes)
  await app.register(officialRedactionRoutes)
  await app.register(adminRoutes)
  await app.register(mailQueueRoutes)
  await app.register(pushRoutes)
  await app.register(calendarRoutes)
  await app.register(shareRoutes)
  await app.register(officialMunicipalityRoutes)
  await app.register(auditRoutes)
  await app.register(accountRoutes)
  await app.register(feedbackRoutes)
  await app.register(inboxRoutes)
  await app.register(meRoutes)
  await app.register(publicFiguresRoutes)
  await app.register(officialAccountabilityRoutes)
  await app.register(tableRoutes)
  await app.register(contactConfirmationRoutes)
  await app.register(emailAlertRoutes)
  await app.register(networkRoutes)
  await app.register(officialTableRoutes)
  await app.register(publicAdviceRoutes)
  await app.register(officialAdviceRoutes)
  await app.register(publicMeetingRoutes)
  await app.register(officialMeetingRoutes)
  await app.register(signalRoutes)
  await app.register(signalTriageRoutes)
  await app.register(participationAgendaRoutes)
  await app.register(onBehalfRoutes)
  await app.register(participationReportRoutes)

  await app.register(securityTxtPlugin, { settings: options.securityTxt, publicUrl: options.publicUrl ?? 'http://127.0.0.1:8080', clock: () => app.clock() })
  await app.register(staticAppPlugin, { root: options.staticDir ?? '' , enabled: Boolean(options.staticDir) })
  await app.register(embedPagePlugin, { root: options.staticDir ?? '', enabled: Boolean(options.staticDir) })
  await app.ready()
  return app
}
