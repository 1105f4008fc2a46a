/** The municipality a widget page is for: `/embed/SLUG` (a trailing slash allowed); `undefined` otherwise. */
export function embedSlugOf(pathname: string): string | undefined {
  const match = /^\/embed\/([^/]+)\/?$/.exec(pathname)
  return match?.[1] === undefined ? undefined : decodeURIComponent(match[1])
}
