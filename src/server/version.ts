import { readFileSync } from 'node:fs'

/** Set by scripts/build-server.ts: the compiled bundle does not sit two levels below package.json. */
declare const __MEEPRAAT_VERSION__: string | undefined

/** The version from package.json, reported by /api/health and the OpenAPI document. */
export const APP_VERSION: string =
  typeof __MEEPRAAT_VERSION__ === 'string'
    ? __MEEPRAAT_VERSION__
    : (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version
