import type { Api } from '../api'
import { inboxPull } from './inbox-pull'
import { itemsPull } from './items-pull'
import { municipalityProfilePull } from './municipality-profile-pull'
import type { Pull, PullContext } from './pull'
import { signupStatusesPull } from './signup-statuses-pull'
import { pushTopicsPull } from '../push-sync'

export type { Pull, PullContext } from './pull'
export { inboxPull, itemsPull, municipalityProfilePull, signupStatusesPull }

/** The api a set of pulls reads from; without an optional part its pull is left out. */
export type PullApi = Pick<Api, 'getItems'> & Partial<Pick<Api, 'getInbox' | 'getMySignups' | 'getMunicipalityProfile' | 'putPushSubscription'>>

/** The app's pulls for `api`: items always; sign-up statuses, the inbox and the municipality's profile where the api has them. */
export function pullsFor(api: PullApi): Pull[] {
  const pulls = [itemsPull(api)]
  if (api.getMySignups) pulls.push(signupStatusesPull({ getMySignups: api.getMySignups }))
  if (api.getInbox) pulls.push(inboxPull({ getInbox: api.getInbox }))
  if (api.getMunicipalityProfile) pulls.push(municipalityProfilePull({ getMunicipalityProfile: api.getMunicipalityProfile }))
  // Sends the push subscription again when what the device follows changed (only while push is on here).
  if (api.putPushSubscription) pulls.push(pushTopicsPull({ putPushSubscription: api.putPushSubscription }))
  return pulls
}

export interface PullRunner {
  /** Runs every `in-run` pull, each even when another failed; then rejects with the first failure. */
  runInRun(): Promise<void>
  /** Starts every `beside` pull that is not already under way; their errors are dropped. */
  startBeside(): void
  /** Resolves when no `beside` pull is under way. */
  whenIdle(): Promise<void>
  readonly busy: boolean
}

export function createPullRunner(pulls: readonly Pull[], context: PullContext): PullRunner {
  const running = new Map<string, Promise<void>>()
  return {
    async runInRun() {
      const failures: unknown[] = []
      for (const pull of pulls.filter((p) => p.mode === 'in-run')) {
        if (context.stopped()) return
        await pull.run(context).catch((error: unknown) => failures.push(error))
      }
      if (failures.length > 0) throw failures[0]
    },
    startBeside() {
      for (const pull of pulls.filter((p) => p.mode === 'beside')) {
        if (running.has(pull.name) || context.stopped()) continue
        const run = pull
          .run(context)
          .catch(() => undefined)
          .finally(() => running.delete(pull.name))
        running.set(pull.name, run)
      }
    },
    async whenIdle() {
      while (running.size > 0) await Promise.all(running.values())
    },
    get busy() {
      return running.size > 0
    },
  }
}
