import type { StuckReason } from './db'

// Records keep one `reason` for both states: a stuck answer or sign-up says why it keeps failing
// (StuckReason), a rejected one why the server refused it. Each has its own texts (`stuck.*`,
// `reason.*`, `signupReason.*`), so a component picks the set by narrowing with this guard.
const STUCK_REASONS: Record<StuckReason, true> = { server_error: true, no_connection: true }

export function isStuckReason(reason: string | undefined): reason is StuckReason {
  return reason !== undefined && Object.hasOwn(STUCK_REASONS, reason)
}
