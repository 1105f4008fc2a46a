import { createApi, type Api } from '../sync/api'

let current: Api | undefined

/**
 * The API client pages use for the few reads that are not synced into IndexedDB (the list of
 * municipalities, results). Created lazily; tests swap it with `setApi`.
 */
export function useApi(): Api {
  current ??= createApi()
  return current
}

export function setApi(api: Api): void {
  current = api
}
