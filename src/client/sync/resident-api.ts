import { createApi, type Api } from './api'

let current: Api | undefined

/**
 * The one API client behind the resident app's online-only calls (`reads.ts`, withdrawing,
 * the guardian's yes). Created lazily; tests swap it with `setResidentApi`. Pages and components
 * never hold it themselves: they call the sync layer's functions.
 */
export function residentApi(): Api {
  current ??= createApi()
  return current
}

export function setResidentApi(api: Api): void {
  current = api
}
