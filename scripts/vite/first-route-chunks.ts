/**
 * Fewer, larger files for a resident's first screen. Left alone, the bundler cuts the residents'
 * entry and each first-route page into dozens of small shared chunks (one per component that the
 * back office or another page also uses). Every file is one more request, and over HTTP/1.1 a
 * browser runs six at a time: on a slow line with 0.5 s per round trip, 40 files queue for seconds
 * before a poll can show. So the modules of the first screens are grouped by what needs them:
 *
 * - `resident`: everything the residents' entry (src/client/main.ts) imports statically, and what
 *   two or more first-route pages share (a few KB);
 * - `route-<name>`: what only one first-route page imports (the item page's answer form and its
 *   question types, say), one file per page beside the page's own chunk.
 *
 * - `shared-<apps>`: what the back office or the widget also uses (Vue, the texts, the schemas),
 *   one file per set of apps that load it and whether at start or on some later page, so neither
 *   ever downloads code it does not use (the back office never the residents' database).
 * What a page loads lazily (`import()`) stays its own chunk. Which modules a page imports is read
 * from the module graph at chunking time, so a component added later lands in the right file.
 */
import type { ChunkingContext, CodeSplittingOptions } from 'rolldown'
import { FIRST_ROUTE_PAGES } from './first-route-texts'

type Graph = Pick<ChunkingContext, 'getModuleInfo'>

/** Module ids reached from `start` through static imports (and lazy ones too, with `lazy`). */
function closure(graph: Graph, start: string, lazy = false): Set<string> {
  const seen = new Set<string>()
  const stack = [start]
  while (stack.length > 0) {
    const id = stack.pop()!
    if (seen.has(id)) continue
    const info = graph.getModuleInfo(id)
    if (!info) continue
    seen.add(id)
    stack.push(...info.importedIds, ...(lazy ? info.dynamicallyImportedIds : []))
  }
  return seen
}

/** The other apps' entries (the back office, the widget), relative to src/client. */
const OTHER_ENTRIES = ['beheer/main-beheer.ts', 'embed/main-embed.ts']

export interface FirstRouteGroups {
  /** The group name for a module, or null to leave it to the bundler. */
  groupOf(id: string, graph: Graph): string | null
}

/**
 * `clientRoot` is the absolute path of src/client. The closures are worked out once per build,
 * on the first module asked about (the graph is complete by then).
 */
export function firstRouteGroups(clientRoot: string): FirstRouteGroups {
  let assignment: Map<string, string> | undefined
  const assign = (graph: Graph): Map<string, string> => {
    const map = new Map<string, string>()
    const reached = (file: string, lazy = false) => {
      const ids = closure(graph, `${clientRoot}/${file}`, lazy)
      if (ids.size === 0) throw new Error(`first-route-chunks: src/client/${file} is not in the module graph`)
      return ids
    }
    // What the back office or the widget can load, now or later, goes into `shared-*` files, cut
    // by which of them loads it at start: in a residents' file it would bring the residents' code
    // (their database, the sync engine) along, and the widget would load the back office's.
    const apps = OTHER_ENTRIES.map((file) => ({ name: file.split('/')[0]!, atStart: reached(file), ever: reached(file, true) }))
    const others = new Set(apps.flatMap((app) => [...app.ever]))
    // Named by who loads it, and when: `shared-embed-beheer~later` is loaded by the widget at
    // start and by some back-office page; nothing else shares its file.
    const sharedGroup = (id: string) =>
      `shared-${apps
        .filter((app) => app.ever.has(id))
        .map((app) => (app.atStart.has(id) ? app.name : `${app.name}~later`))
        .join('-')}`
    const entry = reached('main.ts')
    const pages = Object.entries(FIRST_ROUTE_PAGES).map(([name, page]) => ({ name, ids: reached(page) }))
    const usedBy = new Map<string, number>()
    for (const { ids } of pages) for (const id of ids) usedBy.set(id, (usedBy.get(id) ?? 0) + 1)
    const residentGroup = (id: string, own: string) => (others.has(id) ? sharedGroup(id) : own)
    for (const id of entry) map.set(id, residentGroup(id, 'resident'))
    for (const { name, ids } of pages) {
      for (const id of ids) if (!map.has(id)) map.set(id, residentGroup(id, (usedBy.get(id) ?? 0) > 1 ? 'resident' : `route-${name}`))
    }
    // The entry and the pages keep their own chunks (index.html, the router's import() and the
    // build's checks name them); the groups hold what they import.
    map.delete(`${clientRoot}/main.ts`)
    for (const page of Object.values(FIRST_ROUTE_PAGES)) map.delete(`${clientRoot}/${page}`)
    return map
  }
  return {
    groupOf(id, graph) {
      assignment ??= assign(graph)
      return assignment.get(id) ?? null
    },
  }
}

/** The `output.codeSplitting` that puts the first screens' modules into their files. */
export function firstRouteCodeSplitting(clientRoot: string): CodeSplittingOptions {
  const groups = firstRouteGroups(clientRoot)
  return {
    // A group holds exactly the modules named for it: by default the bundler would pull each
    // one's imports in too, the back office's shared code (Vue, the schemas) with them.
    includeDependenciesRecursively: false,
    groups: [{ name: (id, ctx) => groups.groupOf(id, ctx) }],
  }
}
