import { createHash, randomBytes } from 'node:crypto'

/**
 * A browser that signed in to an account before carries a "trusted browser" cookie for that
 * account (signed, HttpOnly). Its attempts are exempt from the account-wide delay, so an attacker
 * guessing one account from many addresses cannot keep its owner out: refused attempts cost the
 * attacker nothing, so without this the owner would have to win a race for each free slot.
 * The cookie names the account by a hash only (it shows no e-mail address) and carries a random
 * id, so failures made with one stolen cookie are counted and stop its exemption.
 */
export const TRUSTED_BROWSER_COOKIE = 'meepraat_trusted'
export const TRUSTED_BROWSER_DAYS = 90
/** Failures with one cookie in the throttle window after which it no longer exempts. */
export const MAX_FAILURES_PER_TRUSTED_BROWSER = 5
/** One browser may be trusted for a few accounts (a shared desk); the oldest drop out. */
const MAX_ACCOUNTS_PER_BROWSER = 5

const accountHash = (account: string) => createHash('sha256').update(`trusted-browser:${account.trim().toLowerCase()}`).digest('base64url').slice(0, 22)

interface Entry {
  account: string
  id: string
}

function parse(value: string | null): Entry[] {
  if (!value) return []
  return value
    .split(',')
    .map((part) => part.split('.'))
    .filter((p): p is [string, string] => p.length === 2 && /^[\w-]{22}$/.test(p[0] ?? '') && /^[\w-]{22}$/.test(p[1] ?? ''))
    .map(([account, id]) => ({ account, id }))
}

/** The id of the trust this (already unsigned) cookie value grants for `email`, if any. */
export function trustedBrowserId(cookieValue: string | null, email: string): string | null {
  const hash = accountHash(email)
  return parse(cookieValue).find((e) => e.account === hash)?.id ?? null
}

/** The cookie value after a successful sign-in to `email`: that account first, with a fresh id. */
export function trustedBrowserValue(cookieValue: string | null, email: string): string {
  const hash = accountHash(email)
  const others = parse(cookieValue).filter((e) => e.account !== hash)
  const entries = [{ account: hash, id: randomBytes(16).toString('base64url') }, ...others].slice(0, MAX_ACCOUNTS_PER_BROWSER)
  return entries.map((e) => `${e.account}.${e.id}`).join(',')
}
