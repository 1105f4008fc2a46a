/**
 * The English texts are not precached (most residents never read them); the service worker keeps
 * them at run time once they pass through it (vite.config.ts: the `meepraat-english` rule, whose
 * pattern this mirrors). On a first visit they may have loaded before the worker took over, past
 * it; fetching them again through it keeps them for the next offline visit, as when they were
 * precached.
 */
export const ENGLISH_CHUNK = /\/assets\/en-[\w-]+\.js$/

/** The English chunk URLs this page has loaded so far (from the browser's resource timings). */
export function loadedEnglishChunks(entries: readonly { name: string }[]): string[] {
  return entries.map((entry) => entry.name).filter((url) => ENGLISH_CHUNK.test(new URL(url, 'http://x').pathname))
}

/** Call when the service worker starts controlling this page for the first time. */
export function keepLoadedEnglishOffline(): void {
  for (const url of loadedEnglishChunks(performance.getEntriesByType('resource'))) {
    void fetch(url).catch(() => undefined) // offline now: the next English visit online keeps it
  }
}
