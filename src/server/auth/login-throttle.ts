import type { Db } from '../db/client'
import { loginFailureStats } from '../repos/login-failure-repo'
import { MAX_FAILURES_PER_TRUSTED_BROWSER } from './trusted-browser'

/**
 * Sign-in throttling. Three counters of failed attempts, each over a 15-minute window:
 * - account + address: 5 failures lock that address out of that account (the right password too);
 * - address: 20 failures lock that address out of every account (one address trying many);
 * - account, over all addresses: after 10 failures every further checked attempt waits a delay
 *   that doubles per failure (1 s, 2 s, 4 s ... at most 60 s) after the latest one, so guessing
 *   from ever new addresses is slowed to about one guess a minute.
 * The right password from an address that has not failed is not locked out by someone else's
 * wrong guesses: below the account threshold it goes straight through, above it it waits at most
 * the current delay. Attempts the throttle refuses are not counted (the caller forgets them), so
 * hammering a lock does not make it last longer.
 * That alone would let an attacker who keeps hammering take every free slot first, so a browser
 * that signed in to the account before (trusted-browser.ts) skips the account-wide delay; the
 * limits per address and per account + address still apply to it, and 5 failures with one such
 * cookie end its exemption (a stolen cookie gives no fast guessing).
 */
export const LOGIN_WINDOW_MS = 15 * 60 * 1000
export const MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS = 5
export const MAX_FAILURES_PER_ADDRESS = 20
export const ACCOUNT_FAILURES_BEFORE_DELAY = 10
export const MAX_ACCOUNT_DELAY_MS = 60 * 1000

export interface LoginKeys {
  account: string
  address: string
  pair: string
  /** The trusted-browser cookie this attempt carries for the account, when it carries one. */
  browser?: string
}

export function loginKeys(email: string, address: string, trustedBrowserId: string | null = null): LoginKeys {
  const account = email.trim().toLowerCase()
  const keys: LoginKeys = { account: `account:${account}`, address: `address:${address}`, pair: `pair:${account}|${address}` }
  if (trustedBrowserId) keys.browser = `browser:${trustedBrowserId}`
  return keys
}

/** Every key an attempt is recorded under. */
export function attemptKeys(keys: LoginKeys): string[] {
  return [keys.account, keys.address, keys.pair, ...(keys.browser ? [keys.browser] : [])]
}

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterMs: number; reason: 'address' | 'account' }

/** The delay the account imposes after `failures` failures in the window. */
export function accountDelayMs(failures: number): number {
  if (failures < ACCOUNT_FAILURES_BEFORE_DELAY) return 0
  return Math.min(1000 * 2 ** (failures - ACCOUNT_FAILURES_BEFORE_DELAY), MAX_ACCOUNT_DELAY_MS)
}

/**
 * Judges an attempt whose rows (`attempt`) are already recorded as failures, so parallel guesses
 * count against each other and cannot all slip in under a limit.
 */
export async function judgeLoginAttempt(db: Db, keys: LoginKeys, attempt: string[], now: Date): Promise<ThrottleVerdict> {
  const since = new Date(now.getTime() - LOGIN_WINDOW_MS)
  const [pair, address, account, browser] = await Promise.all([
    loginFailureStats(db, keys.pair, since),
    loginFailureStats(db, keys.address, since),
    loginFailureStats(db, keys.account, since, attempt),
    keys.browser ? loginFailureStats(db, keys.browser, since) : undefined,
  ])
  const untilOldestExpires = (oldest: Date | undefined) => Math.max(1000, (oldest?.getTime() ?? now.getTime()) + LOGIN_WINDOW_MS - now.getTime())
  if (pair.count > MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS) return { allowed: false, reason: 'address', retryAfterMs: untilOldestExpires(pair.oldest) }
  if (address.count > MAX_FAILURES_PER_ADDRESS) return { allowed: false, reason: 'address', retryAfterMs: untilOldestExpires(address.oldest) }
  if (browser && browser.count <= MAX_FAILURES_PER_TRUSTED_BROWSER) return { allowed: true }
  const delay = accountDelayMs(account.count)
  const waited = now.getTime() - (account.latest?.getTime() ?? 0)
  if (delay > 0 && waited < delay) return { allowed: false, reason: 'account', retryAfterMs: delay - waited }
  return { allowed: true }
}
