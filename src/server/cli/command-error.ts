/** A refusal with a message for the person at the terminal; thrown so the database still closes. */
export class CommandError extends Error {}

export function fail(message: string): never {
  throw new CommandError(message)
}
