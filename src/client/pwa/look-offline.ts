/**
 * The chosen municipality's theme stylesheet and logo are kept by the service worker at run time
 * (vite.config.ts: the `meepraat-municipality-look` rule, whose pattern this mirrors). On a first
 * visit they usually load before the worker takes over, past it; fetching them again through it
 * keeps them, so the next visit offline paints in the municipality's colours straight away.
 */
export const MUNICIPALITY_LOOK = /^\/api\/municipalities\/[a-z0-9-]+\/(theme\.css|logo)\?v=[\w-]+$/

/** The theme and logo URLs this page has loaded so far (from the browser's resource timings). */
export function loadedLookFiles(entries: readonly { name: string }[]): string[] {
  return entries.map((entry) => entry.name).filter((url) => {
    const u = new URL(url, 'http://x')
    return MUNICIPALITY_LOOK.test(u.pathname + u.search)
  })
}

/** Call when the service worker starts controlling this page for the first time. */
export function keepLoadedLookOffline(): void {
  for (const url of loadedLookFiles(performance.getEntriesByType('resource'))) {
    void fetch(url).catch(() => undefined) // offline now: the next visit online keeps it
  }
}
