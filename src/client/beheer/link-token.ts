import type { Router } from 'vue-router'

/**
 * The one-time token of an invitation or reset link sits in the URL's #fragment, which browsers
 * never send to a server or put in a Referer. It is read once and removed from the address bar,
 * so it does not stay in the history of a shared computer.
 */
export function takeLinkToken(router: Router): string {
  const token = router.currentRoute.value.hash.replace(/^#/, '')
  if (token) void router.replace({ ...router.currentRoute.value, hash: '' })
  return /^[A-Za-z0-9_-]{20,100}$/.test(token) ? token : ''
}
