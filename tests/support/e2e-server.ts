import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { startServerProcess, type ServerProcess } from './server-process'

const distDir = fileURLToPath(new URL('../../dist/client', import.meta.url))

export interface E2eServer {
  url: string
  dataDir: string
  process: ServerProcess
  /** Stops the server (SIGTERM, or SIGKILL to simulate a crash) and starts it again on the same port and data. */
  restart(signal?: NodeJS.Signals): Promise<void>
  stop(): Promise<void>
}

/** The built app and the real server on a fresh embedded database with demo content. */
export async function startE2eServer(extraEnv: Record<string, string> = {}): Promise<E2eServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'meepraat-e2e-'))
  // Admins sign in by password in most e2e tests; the second-factor e2e asks for `required`.
  const env = { DATA_DIR: dataDir, DEMO: '1', STATIC_DIR: distDir, ADMIN_SECOND_FACTOR: 'optional', ...extraEnv }
  let current = await startServerProcess(env)
  const server: E2eServer = {
    url: current.url,
    dataDir,
    process: current,
    async restart(signal: NodeJS.Signals = 'SIGTERM') {
      await current.stop(signal)
      current = await startServerProcess(env, current.port)
      server.process = current
    },
    async stop() {
      await current.stop()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
  return server
}

/**
 * Creates an official through the real admin command. The embedded database allows one process
 * at a time, so the server is stopped for it and started again.
 */
export async function createOfficialViaCli(server: E2eServer, args: { email: string; password: string; municipality: string; role: 'official' | 'admin'; region?: string }): Promise<void> {
  await server.process.stop()
  const { execFile } = await import('node:child_process')
  const { promisify } = await import('node:util')
  await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', 'src/server/cli/admin.ts', 'create-official', '--email', args.email, '--password', args.password, '--municipality', args.municipality, '--role', args.role, ...(args.region ? ['--region', args.region] : [])],
    { cwd: fileURLToPath(new URL('../..', import.meta.url)), env: { ...process.env, DATA_DIR: server.dataDir, DATABASE_URL: '' } },
  )
  await server.restart()
}
