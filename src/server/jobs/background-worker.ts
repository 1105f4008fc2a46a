/**
 * A queue drainer in this process: drains when woken (something was just queued) and every
 * `intervalMs` (retries, and work queued by other processes). One drain at a time; a wake during
 * a drain runs one more afterwards, so nothing queued meanwhile waits for the next interval.
 */
export interface BackgroundWorker<T> {
  wake(): void
  /** Drains now and resolves when done; for tests and shutdown. */
  drain(): Promise<T>
  stop(): Promise<void>
}

export function startBackgroundWorker<T>(options: { drain: () => Promise<T>; intervalMs: number; onError: (error: unknown) => void; onStop?: () => Promise<void> }): BackgroundWorker<T> {
  let running: Promise<T> | null = null
  let again = false
  let stopped = false
  const drain = (): Promise<T> => {
    if (running) {
      again = true
      return running
    }
    running = options.drain().finally(() => {
      running = null
      if (again && !stopped) {
        again = false
        void drain().catch(options.onError)
      }
    })
    return running
  }
  const timer = setInterval(() => void drain().catch(options.onError), options.intervalMs)
  timer.unref()
  return {
    wake: () => {
      if (!stopped) void drain().catch(options.onError)
    },
    drain,
    async stop() {
      stopped = true
      clearInterval(timer)
      await running?.catch(() => undefined)
      await options.onStop?.()
    },
  }
}
