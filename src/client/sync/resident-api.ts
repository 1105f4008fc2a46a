import { createApi, type Api } from './api'

let current: Api | undefined

/**
 * The one API client behind the resident app's online-only calls (`reads.ts`, withdrawing,
 * the guardian's yes), made on the first call. Tests swap it with `setResidentApi`. Pages and
 * components never hold it themselves: they call the sync layer's functions. A promise, so the
 * callers stay as they are if the client's code moves to a chunk loaded on first use (tried in
 * session 24: on Fast 3G the extra files cost more than the first page gained).
 */
export function residentApi(): Promise<Api> {
  current ??= createApi()
  return Promise.resolve(current)
}

export function setResidentApi(api: Api): void {
  current = api
}
