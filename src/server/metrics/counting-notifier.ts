import type { AppMetrics } from './app-metrics'
import type { Notifier } from '../notify/notifier'

/** The transport, counting what it delivered and what failed (behind the mail queue: real deliveries, not enqueues). */
export function countingNotifier(notifier: Notifier, metrics: Pick<AppMetrics, 'mailSent' | 'mailFailed'>): Notifier {
  const forget = notifier.forget?.bind(notifier)
  return {
    async send(message) {
      try {
        await notifier.send(message)
      } catch (error) {
        metrics.mailFailed.inc()
        throw error
      }
      metrics.mailSent.inc()
    },
    ...(forget ? { forget } : {}),
    close: () => notifier.close(),
  }
}
