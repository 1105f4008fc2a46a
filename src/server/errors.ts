import type { ErrorCode } from '../shared/schemas/error'

/** An error the client caused or may see; thrown deep, turned into the contract's body at the edge. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'HttpError'
  }
}

export const notFound = (what: string): HttpError => new HttpError(404, 'not_found', `${what} not found`)
export const badRequest = (message: string): HttpError => new HttpError(400, 'bad_request', message)
