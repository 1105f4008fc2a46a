/**
 * The functions a V8 CPU profile (`BENCH_CPU_PROF=DIR`, see cpu-profile-hook.mjs) spent most
 * self time in, as shares of the busy (not idle) samples, plus the share per package (node_modules/<name>, the
 * project's own files, Node internals). Idle and GC are listed as they come.
 *
 *   npx tsx bench/lib/cpu-profile-top.ts DIR/server-123.cpuprofile [how many, default 25] [last seconds]
 *
 * With "last seconds", only the samples of that many seconds before the profile ended count:
 * the measured run, without the server's start (module loading and compiling).
 */
import { readFileSync } from 'node:fs'
import { isMain } from './common'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  hitCount?: number
}
interface Profile {
  nodes: ProfileNode[]
  samples?: number[]
  /** Microseconds between samples, one per sample. */
  timeDeltas?: number[]
}

export interface ProfileShare {
  name: string
  share: number
}

/** Where a script URL belongs: the package under node_modules, `project`, or `node`. */
function ownerOf(url: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)
  if (match) return match[1]!
  if (url.includes('/src/')) return 'project'
  return url === '' ? '(native)' : 'node'
}

/**
 * Shares of the busy samples: idle time (waiting on the database, mostly) is left out of the
 * total, so the shares say where the CPU time went, not how busy the process was.
 */
export function topOfProfile(profile: Profile, count: number, lastSeconds?: number): { functions: ProfileShare[]; owners: ProfileShare[]; busy: number } {
  const hits = new Map<number, number>()
  let samples = profile.samples ?? []
  if (lastSeconds !== undefined && profile.timeDeltas) {
    // Walk back from the end until the window is full.
    let us = 0
    let from = samples.length
    while (from > 0 && us < lastSeconds * 1e6) us += profile.timeDeltas[--from] ?? 0
    samples = samples.slice(from)
  }
  if (profile.samples) for (const id of samples) hits.set(id, (hits.get(id) ?? 0) + 1)
  else for (const n of profile.nodes) hits.set(n.id, n.hitCount ?? 0)
  const idleIds = new Set(profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id))
  for (const id of idleIds) hits.delete(id)
  const all = samples.length || 1
  const total = [...hits.values()].reduce((s, n) => s + n, 0) || 1
  const byFunction = new Map<string, number>()
  const byOwner = new Map<string, number>()
  for (const node of profile.nodes) {
    const n = hits.get(node.id) ?? 0
    if (n === 0) continue
    const { functionName, url, lineNumber } = node.callFrame
    const file = url.replace(/^.*node_modules\//, '').replace(/^.*\/src\//, 'src/')
    const name = `${functionName || '(anonymous)'} ${file ? `${file}:${lineNumber + 1}` : ''}`.trim()
    byFunction.set(name, (byFunction.get(name) ?? 0) + n)
    const owner = ownerOf(url)
    byOwner.set(owner, (byOwner.get(owner) ?? 0) + n)
  }
  const shares = (m: Map<string, number>) =>
    [...m.entries()]
      .sort(([, a], [, b]) => b - a)
      .slice(0, count)
      .map(([name, n]) => ({ name, share: Math.round((n / total) * 1000) / 10 }))
  return { functions: shares(byFunction), owners: shares(byOwner), busy: Math.round((total / all) * 1000) / 10 }
}

if (isMain(import.meta.url)) {
  const [file, count, last] = process.argv.slice(2)
  if (!file) throw new Error('usage: cpu-profile-top.ts FILE.cpuprofile [count] [last seconds]')
  const { functions, owners, busy } = topOfProfile(JSON.parse(readFileSync(file, 'utf8')) as Profile, Number(count ?? 25), last === undefined ? undefined : Number(last))
  console.log(`Busy in ${busy}% of the samples; shares below are of the busy ones.\n`)
  console.log('| self time | function |\n|---:|---|')
  for (const f of functions) console.log(`| ${f.share}% | \`${f.name}\` |`)
  console.log('\n| self time | where |\n|---:|---|')
  for (const o of owners) console.log(`| ${o.share}% | ${o.name} |`)
}
