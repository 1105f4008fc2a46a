/**
 * A stand-in resident Api built on a Proxy. It never answers `then`: the app awaits its API
 * client (loaded on first use), and a value with a `then` would be taken for a promise.
 */
export function fakeApi<T extends object>(target: T, handler: Required<Pick<ProxyHandler<T>, 'get'>>): T {
  return new Proxy(target, { get: (inner, key, receiver) => (key === 'then' ? undefined : handler.get(inner, key, receiver)) })
}
