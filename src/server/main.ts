import { buildApp } from './app'
import { loadConfig } from './config'
import { openDatabase } from './db/open'
import { requestForLog } from './log-safety'

/** Process entry: config, database, app, listen; on SIGTERM/SIGINT finish in-flight work and close. */
async function main(): Promise<void> {
  const config = loadConfig()
  const database = await openDatabase(config)
  const app = await buildApp({
    database,
    staticDir: config.staticDir,
    sessionSecret: config.sessionSecret,
    secureCookies: config.production,
    logger: {
      level: config.logLevel,
      // Never log cookies, auth headers or bodies: they may hold personal data.
      serializers: { req: requestForLog },
    },
  })
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
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error({ err: error }, 'shutdown failed')
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
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
