import { statusOfCode, type ErrorCode } from '../shared/error-codes'
import type { InvalidParam } from '../shared/schemas/error'

/** An error the client caused or may see; thrown deep, turned into the contract's body at the edge. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    /** Which inputs were wrong and why, in keys a client words itself (`invalidParams` of the body). */
    readonly invalidParams?: InvalidParam[],
  ) {
    super(message)
    this.name = 'HttpError'
  }
}

/**
 * A domain rule said no. Services throw it with a code from the catalogue (src/shared/error-codes.ts);
 * the status comes from there, so a code is always sent with the same status. The message is
 * English for developers and logs: the clients show their own words for the code.
 */
export class DomainError extends HttpError {
  constructor(code: ErrorCode, message: string, invalidParams?: InvalidParam[]) {
    super(statusOfCode(code), code, message, invalidParams)
    this.name = 'DomainError'
  }
}

export const notFound = (what: string): HttpError => new HttpError(404, 'not_found', `${what} not found`)
export const badRequest = (message: string): HttpError => new HttpError(400, 'bad_request', message)
