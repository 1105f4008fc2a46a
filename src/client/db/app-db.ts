import { createDb, type MeepraatDb } from './db'

let current: MeepraatDb | undefined

/**
 * The one database of the running app. Opened lazily so that importing a module never touches
 * IndexedDB (component tests and server-side tooling import client modules without a browser).
 */
export function useDb(): MeepraatDb {
  current ??= createDb()
  return current
}

/** Swaps the app database, so tests can give every case its own fresh, uniquely named db. */
export function setDb(db: MeepraatDb): void {
  current = db
}
