/**
 * Fewer, larger files for a resident's first screen. Left alone, the bundler cuts the residents'
 * entry and each first-route page into dozens of small shared chunks (one per component that
 * another page also uses). Every file is one more request, and over HTTP/1.1 a browser runs six
 * at a time: on a slow line with 0.5 s per round trip, 40 files queue for seconds before a poll
 * can show. So the modules of the first screens are grouped by what needs them:
 *
 * - `resident`: everything the residents' entry (src/client/main.ts) imports statically, and what
 *   two or more first-route pages share;
 * - `route-<name>`: what only one first-route page imports (the item page's answer form and its
 *   question types, say), one file per page beside the page's own chunk.
 *
 * The residents' app is built on its own (vite.config.ts), so nothing here is shared with the back
 * office or the widget. What a page loads lazily (`import()`) stays its own chunk. Which modules a
 * page imports is read from the module graph at chunking time, so a component added later lands
 * in the right file.
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

/** What `file` (relative to src/client) reaches; fails the build when the file is not in the graph. */
function reachedFrom(graph: Graph, clientRoot: string, file: string, lazy = false): Set<string> {
  const ids = closure(graph, `${clientRoot}/${file}`, lazy)
  if (ids.size === 0) throw new Error(`first-route-chunks: src/client/${file} is not in the module graph`)
  return ids
}

/**
 * Code splitting into the groups `assign` names, worked out once per build on the first module asked
 * about (the graph is complete by then).
 */
function codeSplittingBy(assign: GroupAssignment): CodeSplittingOptions {
  let assignment: Map<string, string> | undefined
  return {
    // A group holds exactly the modules named for it: by default the bundler would pull each
    // one's imports in too, a lazy page's shared code with them.
    includeDependenciesRecursively: false,
    groups: [{ name: (id, ctx) => (assignment ??= assign(ctx)).get(id) ?? null }],
  }
}

/** Which group each module goes into (a module it does not name is left to the bundler). */
export type GroupAssignment = (graph: Graph) => Map<string, string>

/** The residents' groups; `clientRoot` is the absolute path of src/client. */
export function firstRouteAssignment(clientRoot: string): GroupAssignment {
  return (graph) => {
    const map = new Map<string, string>()
    const reached = (file: string) => reachedFrom(graph, clientRoot, file)
    const pages = Object.entries(FIRST_ROUTE_PAGES).map(([name, page]) => ({ name, ids: reached(page) }))
    const usedBy = new Map<string, number>()
    for (const { ids } of pages) for (const id of ids) usedBy.set(id, (usedBy.get(id) ?? 0) + 1)
    for (const id of reached('main.ts')) map.set(id, 'resident')
    for (const { name, ids } of pages) {
      for (const id of ids) if (!map.has(id)) map.set(id, (usedBy.get(id) ?? 0) > 1 ? 'resident' : `route-${name}`)
    }
    // The entry and the pages keep their own chunks (index.html, the router's import() and the
    // build's checks name them); the groups hold what they import.
    map.delete(`${clientRoot}/main.ts`)
    for (const page of Object.values(FIRST_ROUTE_PAGES)) map.delete(`${clientRoot}/${page}`)
    return map
  }
}

/** The `output.codeSplitting` that puts the first screens' modules into their files. */
export function firstRouteCodeSplitting(clientRoot: string): CodeSplittingOptions {
  return codeSplittingBy(firstRouteAssignment(clientRoot))
}

/**
 * The same for the other build (the back office and the widget): what an app's entry imports
 * statically goes into one file per set of apps that load it and when (`start-embed`,
 * `start-beheer-embed` for Vue, `start-beheer~later-embed` for what the widget starts with and a
 * back-office page loads later), so the widget on a municipality's site opens with its entry and
 * two files, not fifteen, and no app ever loads a file holding another's code (the back office
 * never the residents' database, which the widget uses). Modules only pages load later are left
 * to the bundler. `entries` maps each app's name to its entry, relative to src/client.
 */
export function appStartAssignment(clientRoot: string, entries: Record<string, string>): GroupAssignment {
  return (graph) => {
    const apps = Object.entries(entries).map(([name, file]) => ({ name, atStart: reachedFrom(graph, clientRoot, file), ever: reachedFrom(graph, clientRoot, file, true) }))
    const map = new Map<string, string>()
    for (const id of new Set(apps.flatMap((app) => [...app.atStart]))) {
      const loaders = apps.filter((app) => app.ever.has(id)).map((app) => (app.atStart.has(id) ? app.name : `${app.name}~later`))
      map.set(id, `start-${loaders.sort().join('-')}`)
    }
    for (const file of Object.values(entries)) map.delete(`${clientRoot}/${file}`)
    return map
  }
}

export function appStartCodeSplitting(clientRoot: string, entries: Record<string, string>): CodeSplittingOptions {
  return codeSplittingBy(appStartAssignment(clientRoot, entries))
}
