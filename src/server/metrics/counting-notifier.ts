import type { AppMetrics } from './app-metrics'
import type { Notifier } from '../notify/notifier'

/** The notifier, counting what it sent and what failed (mail goes out inline: there is no queue to measure). */
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
