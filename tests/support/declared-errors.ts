import { allRoutes, type RouteDefinition } from '../../src/shared/routes'

function routeFor(method: string, url: string): RouteDefinition | undefined {
  const path = new URL(url, 'http://x').pathname.replace(/^\/api(\/v1)?/, '')
  return allRoutes().find((r) => r.method === method && new RegExp(`^${r.path.replace(/:[^/]+/g, '[^/]+')}$`).test(path))
}

/** The error codes the shared route table declares for the route that answered this request. */
export function declaredErrorCodes(method: string, url: string, status: number): readonly string[] {
  const route = routeFor(method, url)
  if (!route) throw new Error(`${method} ${url} is not in the route table`)
  return (route.errors as Record<number, readonly string[] | undefined>)[status] ?? []
}
