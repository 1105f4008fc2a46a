import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { freePort } from './server-process'

const HAPROXY = '/usr/sbin/haproxy'

export function haproxyAvailable(): boolean {
  return spawnSync(HAPROXY, ['-v'], { stdio: 'ignore' }).status === 0
}

export interface Balancer {
  url: string
  pid: number
  /** The last 16 KiB HAProxy printed. */
  output(): string
  /** Per backend server: requests it answered, connection retries and redispatches to another server. */
  stats(): Promise<{ server: string; status: string; requests: number; retries: number; redispatches: number }[]>
  stop(): Promise<void>
}

/**
 * The configuration of a plain HTTP balancer: round robin over `backends`, each checked every
 * 300 ms on GET /api/health/ready (2 failures take it out, 2 successes put it back; an answer
 * may take up to 3 s), and a
 * request whose connection failed or got no answer is tried again on another backend. That
 * retry may send a POST twice: harmless for submissions, which are idempotent by id. Each
 * response names its backend (`x-backend`), so tests can see the rotation.
 */
export function haproxyConfig(port: number, backends: number[], statsSocket: string): string {
  return [
    'global',
    '  maxconn 4096',
    `  stats socket ${statsSocket} mode 600 level user`,
    'defaults',
    '  mode http',
    '  timeout connect 2s',
    '  timeout client 60s',
    '  timeout server 60s',
    '  timeout http-request 10s',
    // Longer than the ready route's own 2 s database timeout: under load a slow answer is not
    // a dead server (with the default, `inter`, a busy single backend was taken out and every
    // request got 503). A killed process refuses connections and is taken out at once anyway.
    '  timeout check 3s',
    '  retries 3',
    '  option redispatch 1',
    '  retry-on conn-failure empty-response',
    'frontend meepraat',
    `  bind 127.0.0.1:${port}`,
    '  default_backend api',
    'backend api',
    '  balance roundrobin',
    '  option httpchk GET /api/health/ready',
    '  http-check expect status 200',
    '  http-response set-header x-backend %s',
    '  default-server inter 300ms fastinter 200ms downinter 300ms fall 2 rise 2 maxconn 256',
    ...backends.map((p, i) => `  server api${i + 1} 127.0.0.1:${p} check`),
    '',
  ].join('\n')
}

/** Starts Debian's HAProxy in the foreground on a free port in front of `backends`. */
export async function startHaproxy(backends: number[]): Promise<Balancer> {
  if (!haproxyAvailable()) throw new Error(`HAProxy not found at ${HAPROXY}: apt-get install -y haproxy`)
  const dir = mkdtempSync(path.join(tmpdir(), 'meepraat-haproxy-'))
  const port = await freePort()
  const file = path.join(dir, 'haproxy.cfg')
  const socket = path.join(dir, 'stats.sock')
  writeFileSync(file, haproxyConfig(port, backends, socket))
  const check = spawnSync(HAPROXY, ['-c', '-q', '-f', file], { encoding: 'utf8' })
  if (check.status !== 0) throw new Error(`HAProxy refused its configuration: ${check.stderr || check.stdout}`)
  const child = spawn(HAPROXY, ['-db', '-f', file], { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const keep = (d: Buffer) => {
    output = (output + d.toString()).slice(-16 * 1024)
  }
  child.stdout.on('data', keep)
  child.stderr.on('data', keep)
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const url = `http://127.0.0.1:${port}`
  const balancer: Balancer = {
    url,
    pid: child.pid!,
    output: () => output,
    async stats() {
      const csv = await askSocket(socket, 'show stat\n')
      const [header = '', ...lines] = csv.split('\n').filter((l) => l.trim() !== '')
      const columns = header.replace(/^# /, '').split(',')
      const at = (row: string[], name: string) => row[columns.indexOf(name)] ?? ''
      return lines
        .map((l) => l.split(','))
        .filter((row) => at(row, 'pxname') === 'api' && !['FRONTEND', 'BACKEND'].includes(at(row, 'svname')))
        .map((row) => ({
          server: at(row, 'svname'),
          status: at(row, 'status'),
          requests: Number(at(row, 'stot')),
          retries: Number(at(row, 'wretr')),
          redispatches: Number(at(row, 'wredis')),
        }))
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      await exited
      rmSync(dir, { recursive: true, force: true })
    },
  }
  try {
    await waitForBackends(balancer, backends.length, 30_000)
  } catch (error) {
    await balancer.stop()
    throw error
  }
  return balancer
}

/** Waits until the balancer has sent requests to `count` distinct backends (all checks passed). */
export async function waitForBackends(balancer: Balancer, count: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  const seen = new Set<string>()
  while (seen.size < count) {
    if (Date.now() > deadline) throw new Error(`balancer reached only ${seen.size} of ${count} backends in ${timeoutMs} ms:\n${balancer.output()}`)
    try {
      const res = await fetch(`${balancer.url}/api/health/live`)
      const backend = res.headers.get('x-backend')
      if (res.status === 200 && backend) seen.add(backend)
      else seen.clear()
    } catch {
      seen.clear()
    }
    if (seen.size < count) await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

function askSocket(socket: string, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let answer = ''
    const c = connect(socket, () => c.end(command))
    c.on('data', (d: Buffer) => (answer += d.toString()))
    c.on('end', () => resolve(answer))
    c.on('error', reject)
  })
}
