import { buildApp } from './app'
import { resolveDeviceKeySecret } from './auth/device-key-secret'
import { loadConfig } from './config'
import { DataDirInUseError } from './db/data-dir-lock'
import { openDatabase } from './db/open'
import { appJobs } from './jobs/app-jobs'
import { startScheduler } from './jobs/scheduler'
import { appLoggerOptions, errorForLog } from './log-safety'
import { startMetricsServer, type MetricsServer } from './metrics/metrics-server'
import { createFileNotifier } from './notify/file-notifier'
import { createSmtpNotifier } from './notify/smtp-notifier'
import { loadPushSettings } from './push/push-config'

/** Process entry: config, database, app, listen; on SIGTERM/SIGINT finish in-flight work and close. */
async function main(): Promise<void> {
  const config = loadConfig()
  const deviceKeySecret = resolveDeviceKeySecret(config)
  const database = await openDatabase({ ...config, deviceKeySecret }, 'server')
  const notifier = config.smtpUrl
    ? createSmtpNotifier(config.smtpUrl, config.mailFrom)
    : createFileNotifier(config.dataDir, (file) => console.log(`No SMTP_URL set: e-mails are written to ${file}`))
  const app = await buildApp({
    notifier,
    mailQueue: {},
    mailFrom: config.mailFrom,
    push: loadPushSettings(process.env, { dataDir: config.dataDir, embedded: !config.databaseUrl, production: config.production, publicUrl: config.publicUrl }),
    publicUrl: config.publicUrl,
    trustProxy: config.trustProxy,
    database,
    staticDir: config.staticDir,
    sessionSecret: config.sessionSecret,
    deviceKeySecret,
    adminSecondFactor: config.adminSecondFactor,
    secureCookies: config.production,
    sessionIdleMs: config.sessionIdleMs,
    processMetrics: config.metricsPort !== undefined,
    securityTxt: config.securityTxt,
    // Never log cookies, auth headers or bodies: they may hold personal data or a device id.
    logger: appLoggerOptions(config.logLevel),
  })
  // Its own port, never the app's: metrics are for the scraper inside the cluster, not the public.
  const metricsServer: MetricsServer | undefined =
    config.metricsPort === undefined ? undefined : await startMetricsServer(app.metrics.registry, config.metricsPort, config.host)
  if (metricsServer) console.log(`Metrics at http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${metricsServer.port}/metrics`)
  const { context, jobs } = appJobs(app)
  const scheduler = startScheduler(context, jobs)

  let closing = false
  const shutdown = (signal: string) => {
    if (closing) return
    closing = true
    app.log.info({ signal }, 'shutting down: finishing requests in flight')
    const force = setTimeout(() => {
      app.log.error('shutdown took too long; exiting')
      process.exit(1)
    }, 10_000)
    force.unref()
    // A job run in progress ends before the database closes under it.
    Promise.all([scheduler.stop(), metricsServer?.close()])
      .then(() => app.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          app.log.error({ err: errorForLog(error) }, 'shutdown failed')
          process.exit(1)
        },
      )
  }
  process.on('SIGTERM', () => shutdown('SIGTERM'))
  process.on('SIGINT', () => shutdown('SIGINT'))

  await app.listen({ port: config.port, host: config.host })
  const shownHost = config.host.includes(':') ? `[${config.host}]` : config.host
  const port = (app.server.address() as { port: number } | null)?.port ?? config.port
  console.log(`Meepraat runs at http://${shownHost}:${port} (database: ${database.kind})`)
}

main().catch((error: unknown) => {
  if (error instanceof DataDirInUseError) {
    console.error(`${error.message} Stop that process first, or give this server its own DATA_DIR.`)
  } else {
    // One line: a PGlite abort carries its minified source in the message.
    console.error((error instanceof Error ? error.message : String(error)).split('\n')[0])
  }
  process.exit(1)
})
