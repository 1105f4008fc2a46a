import { ApiError } from '../http/api-error'
import type { Api } from './api'

let current: Promise<Api> | undefined

/**
 * The one API client behind the resident app's online-only calls (`reads.ts`, withdrawing,
 * the guardian's yes). Loaded on the first call: the route table and the schemas that check
 * every answer are not needed to show the first page from the phone, so they are not part of
 * its code. Tests swap it with `setResidentApi`. Pages and components never hold it themselves:
 * they call the sync layer's functions. A client that cannot be loaded fails as a `network` error.
 */
export function residentApi(): Promise<Api> {
  current ??= import('./api').then(
    ({ createApi }) => createApi(),
    (cause: unknown) => {
      // Offline before the app's files were kept on the phone: as any call that cannot reach the server.
      current = undefined
      throw new ApiError('network', 'the API client could not be loaded', { cause })
    },
  )
  return current
}

export function setResidentApi(api: Api): void {
  current = Promise.resolve(api)
}
