/**
 * Where each of the two client builds (vite.config.ts) writes its manifest, relative to
 * dist/client: which source each built file comes from, for scripts/precache-report.ts and the
 * precache test (the server does not serve dot folders).
 */
export const RESIDENTS_MANIFEST = '.vite/manifest.json'
export const BACK_OFFICE_MANIFEST = '.vite/manifest-back-office.json'
