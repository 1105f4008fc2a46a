import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'

const repoRoot = fileURLToPath(new URL('../..', import.meta.url))

/** How long a server process may take to start listening, or to exit once signalled. */
export const SERVER_PROCESS_TIMEOUT_MS = 60_000

export interface ServerProcess {
  url: string
  port: number
  /** The spawned process: the server, or the wrapper (`strace ...`) it runs under. */
  child: ChildProcess
  /** The last 64 KiB the process printed. */
  output(): string
  /** Sends SIGTERM and waits for the process to end. */
  stop(signal?: NodeJS.Signals): Promise<number | null>
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

/**
 * Starts the real server (`src/server/main.ts`) as its own process and waits until it listens.
 * `wrapper` runs it under another command (for example `['strace', '-f', '-o', file]`); stop()
 * then signals the server itself, since a wrapper may not pass signals on.
 */
export async function startServerProcess(env: Record<string, string>, port?: number, wrapper: string[] = []): Promise<ServerProcess> {
  const chosen = port ?? (await freePort())
  const [command = process.execPath, ...args] = [...wrapper, process.execPath, '--import', 'tsx', 'src/server/main.ts']
  const child = spawn(command, args, {
    cwd: repoRoot,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env, PORT: String(chosen), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  // Keep only the tail: a busy server's log must not grow a string without bound.
  let output = ''
  const keep = (d: Buffer) => {
    output = (output + d.toString()).slice(-64 * 1024)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  await new Promise<void>((resolve, reject) => {
    const onData = () => {
      if (output.includes('Meepraat runs at')) {
        cleanup()
        resolve()
      }
    }
    const onExit = (code: number | null) => {
      cleanup()
      reject(new Error(`server exited with ${code} before listening:\n${output}`))
    }
    const timer = setTimeout(() => {
      cleanup()
      child.kill('SIGKILL')
      reject(new Error(`server did not listen within ${SERVER_PROCESS_TIMEOUT_MS} ms:\n${output}`))
    }, SERVER_PROCESS_TIMEOUT_MS)
    const cleanup = () => {
      clearTimeout(timer)
      child.stdout?.off('data', onData)
      child.off('exit', onExit)
    }
    child.stdout?.on('data', onData)
    child.once('exit', onExit)
  })
  return {
    url: `http://127.0.0.1:${chosen}`,
    port: chosen,
    child,
    output: () => output,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null) {
        const server = wrapper.length > 0 ? childPidOf(child.pid) : undefined
        if (server) process.kill(server, signal)
        else child.kill(signal)
      }
      let timer: NodeJS.Timeout | undefined
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`server did not exit within ${SERVER_PROCESS_TIMEOUT_MS} ms of ${signal}:\n${output}`)), SERVER_PROCESS_TIMEOUT_MS)
      })
      try {
        return await Promise.race([exited, late])
      } finally {
        clearTimeout(timer)
      }
    },
  }
}

/** The first child of a process (Linux /proc); the server under a wrapper. */
function childPidOf(pid: number | undefined): number | undefined {
  if (!pid) return undefined
  try {
    const first = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(' ')[0]
    return first ? Number(first) : undefined
  } catch {
    return undefined
  }
}
