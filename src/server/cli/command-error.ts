import { say, type CliText } from './cli-language'

/** A refusal with a message for the person at the terminal; thrown so the database still closes. */
export class CommandError extends Error {}

/** Refuses in the operator's language (a plain string is for text that needs no words, like a usage line). */
export function fail(message: CliText | string): never {
  throw new CommandError(typeof message === 'string' ? message : say(message))
}
