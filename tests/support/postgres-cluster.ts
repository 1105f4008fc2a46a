import { execFileSync, spawnSync } from 'node:child_process'
import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'

export interface PostgresCluster {
  url: string
  stop(): void
}

function findBinary(name: string): string | null {
  const which = spawnSync('sh', ['-c', `command -v ${name} || ls /usr/lib/postgresql/*/bin/${name} 2>/dev/null | tail -n 1`], {
    encoding: 'utf8',
  })
  const found = which.stdout.trim().split('\n').filter(Boolean).pop()
  return found ?? null
}

export function postgresAvailable(): boolean {
  return findBinary('initdb') !== null && findBinary('pg_ctl') !== null
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

/** initdb refuses to run as root, so as root the cluster runs as the `postgres` user. */
function runAsOwner(command: string, args: string[]): void {
  const quoted = [command, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ')
  if (process.getuid?.() === 0) execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', quoted], { stdio: 'pipe' })
  else execFileSync('sh', ['-c', quoted], { stdio: 'pipe' })
}

/**
 * Starts a throwaway PostgreSQL cluster in a temp directory on a free port. `durable: false`
 * turns off fsync for tests; benchmarks keep the server's real durability settings.
 */
export async function startPostgresCluster(options: { durable?: boolean } = {}): Promise<PostgresCluster> {
  const initdb = findBinary('initdb')
  const pgCtl = findBinary('pg_ctl')
  if (!initdb || !pgCtl) throw new Error('PostgreSQL server binaries (initdb, pg_ctl) not found: apt-get install -y postgresql')
  const dir = mkdtempSync(path.join(tmpdir(), 'meepraat-pg-'))
  chmodSync(dir, 0o777)
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres', dir])
  const dataDir = path.join(dir, 'data')
  const port = await freePort()
  runAsOwner(initdb, ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8'])
  const settings = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    '-c max_connections=200',
    options.durable ? '' : '-c fsync=off -c synchronous_commit=off -c full_page_writes=off',
  ].join(' ')
  runAsOwner(pgCtl, ['-D', dataDir, '-l', path.join(dir, 'log'), '-o', settings, '-w', 'start'])
  let stopped = false
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      if (stopped) return
      stopped = true
      try {
        runAsOwner(pgCtl, ['-D', dataDir, '-m', 'immediate', '-w', 'stop'])
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
  }
}
