import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns'
import { BlockList, isIP } from 'node:net'

/**
 * A push endpoint is a URL a browser gave us, so the server must never be turned into a way to
 * reach its own network: endpoints must be `https:` URLs on public addresses, checked both when
 * a subscription is stored and at connect time (the address the connection really uses, so a
 * name that later resolves to 127.0.0.1 cannot slip through).
 */
const PRIVATE = new BlockList()
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24],
  ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) PRIVATE.addSubnet(net, prefix, 'ipv4')
for (const [net, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['2001:db8::', 32], ['64:ff9b::', 96]] as const) {
  PRIVATE.addSubnet(net, prefix, 'ipv6')
}

/** Whether `address` is an ordinary public unicast address (IPv4-mapped IPv6 checked as IPv4). */
export function isPublicAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  if (mapped) return isPublicAddress(mapped[1]!)
  const family = isIP(address)
  if (family === 0) return false
  return !PRIVATE.check(address, family === 4 ? 'ipv4' : 'ipv6')
}

export type EndpointProblem = 'not_a_url' | 'not_https' | 'private_address'

/**
 * Checks an endpoint's form before it is stored. With `allowPrivate` (tests with a local push
 * service stand-in; refused in production by the config) plain `http:` to a loopback address is
 * accepted too.
 */
export function endpointProblem(endpoint: string, allowPrivate: boolean): EndpointProblem | null {
  let url: URL
  try {
    url = new URL(endpoint)
  } catch {
    return 'not_a_url'
  }
  if (url.username || url.password) return 'not_a_url'
  const host = url.hostname.replace(/^\[|\]$/g, '')
  if (allowPrivate) return url.protocol === 'https:' || url.protocol === 'http:' ? null : 'not_https'
  if (url.protocol !== 'https:') return 'not_https'
  if (isIP(host) && !isPublicAddress(host)) return 'private_address'
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host.endsWith('.internal')) return 'private_address'
  return null
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void

/** A `lookup` for http(s) agents that refuses to connect to any non-public address. */
export function publicOnlyLookup(allowPrivate: boolean) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, [])
      const list = addresses as LookupAddress[]
      const usable = allowPrivate ? list : list.filter((a) => isPublicAddress(a.address))
      if (usable.length === 0) {
        const refused = new Error(`push endpoint ${hostname} resolves to no public address`) as NodeJS.ErrnoException
        refused.code = 'EPUSHPRIVATE'
        return callback(refused, [])
      }
      if (options.all) return callback(null, usable)
      return callback(null, usable[0]!.address, usable[0]!.family)
    })
  }
}
