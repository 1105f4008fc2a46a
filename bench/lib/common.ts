import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

type Cleanup = () => unknown

/**
 * Everything a benchmark starts (clusters, server processes, temp directories) registers its
 * undo here; `close()` runs them newest first and never throws. Open scopes are also closed on
 * SIGINT/SIGTERM, so an interrupted run leaves nothing behind.
 */
export class Scope {
  private readonly cleanups: { label: string; fn: Cleanup }[] = []

  constructor() {
    openScopes.add(this)
    installSignalHandlers()
  }

  defer(label: string, fn: Cleanup): void {
    this.cleanups.push({ label, fn })
  }

  tempDir(prefix: string): string {
    const dir = mkdtempSync(path.join(tmpdir(), prefix))
    this.defer(`remove ${dir}`, () => rmSync(dir, { recursive: true, force: true }))
    return dir
  }

  async close(): Promise<void> {
    openScopes.delete(this)
    while (this.cleanups.length > 0) {
      const { label, fn } = this.cleanups.pop()!
      try {
        await fn()
      } catch (error) {
        console.error(`cleanup "${label}" failed:`, error instanceof Error ? error.message : error)
      }
    }
  }
}

const openScopes = new Set<Scope>()
let handlersInstalled = false

function installSignalHandlers(): void {
  if (handlersInstalled) return
  handlersInstalled = true
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: cleaning up`)
      void Promise.all([...openScopes].map((s) => s.close())).finally(() => process.exit(130))
    })
  }
}

/** Runs `fn` with a scope that is always closed afterwards, also when `fn` throws. */
export async function withScope<T>(fn: (scope: Scope) => Promise<T>): Promise<T> {
  const scope = new Scope()
  try {
    return await fn(scope)
  } finally {
    await scope.close()
  }
}

/** True when the module at `moduleUrl` is the script node was started with. */
export function isMain(moduleUrl: string): boolean {
  const entry = process.argv[1]
  return entry !== undefined && path.resolve(entry) === fileURLToPath(moduleUrl)
}

/** Runs a benchmark's `main` as a script: prints errors and sets the exit code. */
export function runAsScript(main: () => Promise<unknown>): void {
  main().then(
    () => process.exit(),
    (error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : error)
      process.exit(1)
    },
  )
}

export interface TimingStats {
  runs: number
  p50: number
  p99: number
  mean: number
  min: number
  max: number
}

/** Nearest-rank percentiles of a list of durations (ms). */
export function timingStats(samples: number[]): TimingStats {
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
  return {
    runs: sorted.length,
    p50: rank(50),
    p99: rank(99),
    mean: sorted.reduce((s, v) => s + v, 0) / sorted.length,
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
  }
}

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url))

export function round(value: number, digits = 1): number {
  const f = 10 ** digits
  return Math.round(value * f) / f
}

export function log(message: string): void {
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`)
}
