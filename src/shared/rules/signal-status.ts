import type { SignalStatus } from '../schemas/agenda-setting'

/*
 * The promise a municipality makes on every signal, as one pure rule that the server enforces and
 * the back office uses to offer only the steps that can follow. A signal only moves forward:
 * received -> considering -> on_agenda -> answered, or, from any open status, not_taken_up.
 * Skipping a step forward is allowed (a clear signal can be answered at once); a final status
 * (answered, not_taken_up) stays final, so the resident's answer never silently changes.
 */

const ORDER: readonly SignalStatus[] = ['received', 'considering', 'on_agenda', 'answered']

/** The statuses after which the municipality has kept its promise. */
export const FINAL_SIGNAL_STATUSES: readonly SignalStatus[] = ['answered', 'not_taken_up']

/** A reason for not taking a signal up must say something: at least this many characters. */
export const SIGNAL_REASON_MIN_LENGTH = 20
/** A written response must say something too. */
export const SIGNAL_RESPONSE_MIN_LENGTH = 10
export const SIGNAL_TEXT_MAX_LENGTH = 4000

export function isFinalSignalStatus(status: SignalStatus): boolean {
  return FINAL_SIGNAL_STATUSES.includes(status)
}

/** The statuses a signal in `from` may move to. */
export function nextSignalStatuses(from: SignalStatus): SignalStatus[] {
  if (isFinalSignalStatus(from)) return []
  const at = ORDER.indexOf(from)
  return [...ORDER.slice(at + 1), 'not_taken_up']
}

/** What a status change brings along; only what its target needs is looked at. */
export interface SignalStatusChange {
  to: SignalStatus
  /** Whether the signal is (or will be) linked to an agenda entry, an item or a meeting. */
  linked: boolean
  response?: string | null | undefined
  reason?: string | null | undefined
}

/** Why a change is refused; each is an error code of the catalogue. */
export type SignalStatusRefusal = 'signal_status_not_allowed' | 'signal_link_required' | 'signal_response_required' | 'signal_reason_required'

const filled = (text: string | null | undefined, min: number): boolean => (text ?? '').trim().length >= min

/** Null when `change` may be made to a signal in `from`, otherwise why not. */
export function signalStatusRefusal(from: SignalStatus, change: SignalStatusChange): SignalStatusRefusal | null {
  if (!nextSignalStatuses(from).includes(change.to)) return 'signal_status_not_allowed'
  if (change.to === 'on_agenda' && !change.linked) return 'signal_link_required'
  if (change.to === 'answered' && !filled(change.response, SIGNAL_RESPONSE_MIN_LENGTH)) return 'signal_response_required'
  if (change.to === 'not_taken_up' && !filled(change.reason, SIGNAL_REASON_MIN_LENGTH)) return 'signal_reason_required'
  return null
}

/** Open (not final) and past its response-due date. */
export function isSignalOverdue(signal: { status: SignalStatus; responseDueAt: Date }, now: Date): boolean {
  return !isFinalSignalStatus(signal.status) && signal.responseDueAt.getTime() <= now.getTime()
}
