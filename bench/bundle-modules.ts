/**
 * What is inside the JavaScript of the first route: builds the app once more (into a temp
 * directory, with the project's own vite.config.ts) and lists, for every chunk that
 * bench/bundle-size.ts counts, the modules in it with their rendered size (rollup's
 * `modules[id].renderedLength`, after tree-shaking and before minification; the share of each
 * module in its chunk's minified size is proportional, not exact). Grouped by package or
 * source folder, biggest first, so the next thing to cut is at the top.
 *
 *   npx tsx bench/bundle-modules.ts            (BUNDLE_MODULES_TOP: rows per table, default 40)
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import type { OutputBundle, OutputChunk } from 'rolldown'
import { build, type Plugin } from 'vite'
import { isMain, repoRoot, runAsScript } from './lib/common'

export interface ModuleShare {
  id: string
  chunk: string
  renderedLength: number
  /** The module's rendered code (before minification), to estimate its compressed share. */
  code: string
}

/** Package name for node_modules files, the source folder (two levels) for our own. */
function groupOf(id: string): string {
  const clean = id.replace(/^\0/, '').replace(/\?.*$/, '')
  const nm = clean.lastIndexOf('/node_modules/')
  if (nm >= 0) {
    const rest = clean.slice(nm + '/node_modules/'.length).split('/')
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!
  }
  const relative = path.relative(repoRoot, clean)
  if (relative.startsWith('..')) return clean
  const parts = relative.split('/')
  return parts.slice(0, Math.min(parts.length - 1, 3)).join('/') || relative
}

/** The chunks the first route needs: the residents' entry, its static imports and the home/item pages with theirs. */
function firstRouteChunks(bundle: OutputBundle): OutputChunk[] {
  const chunks = Object.values(bundle).filter((o): o is OutputChunk => o.type === 'chunk')
  const byName = new Map(chunks.map((c) => [c.fileName, c]))
  const entry = chunks.find((c) => c.isEntry && c.name === 'main')
  if (!entry) throw new Error('the residents\' entry chunk (main) is missing')
  const pages = chunks.filter((c) => /\/pages\/(HomePage|ItemPage)\.vue$/.test(c.facadeModuleId ?? ''))
  const seen = new Set<string>()
  const visit = (c: OutputChunk) => {
    if (seen.has(c.fileName)) return
    seen.add(c.fileName)
    for (const next of c.imports) visit(byName.get(next)!)
  }
  for (const c of [entry, ...pages]) visit(c)
  return [...seen].map((f) => byName.get(f)!)
}

export async function analyseFirstRoute(): Promise<ModuleShare[]> {
  const outDir = mkdtempSync(path.join(tmpdir(), 'meepraat-bundle-modules-'))
  const shares: ModuleShare[] = []
  const collector: Plugin = {
    name: 'meepraat:bench-module-shares',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      for (const chunk of firstRouteChunks(bundle)) {
        for (const [id, info] of Object.entries(chunk.modules)) {
          if (info.renderedLength > 0) shares.push({ id, chunk: chunk.fileName, renderedLength: info.renderedLength, code: info.code ?? '' })
        }
      }
    },
  }
  try {
    await build({ configFile: path.join(repoRoot, 'vite.config.ts'), logLevel: 'warn', plugins: [collector], build: { outDir, emptyOutDir: true } })
  } finally {
    rmSync(outDir, { recursive: true, force: true })
  }
  return shares
}

export function printModuleShares(shares: ModuleShare[], top = Number(process.env.BUNDLE_MODULES_TOP ?? 40)): void {
  const total = shares.reduce((s, m) => s + m.renderedLength, 0)
  const groups = new Map<string, ModuleShare[]>()
  for (const m of shares) groups.set(groupOf(m.id), [...(groups.get(groupOf(m.id)) ?? []), m])
  const pct = (n: number) => `${((100 * n) / total).toFixed(1)}%`
  console.log(`\nFirst route: ${shares.length} modules, ${total} bytes rendered (before minification)\n`)
  // Gzip of the group's unminified code together: an upper bound of what it adds minified, good for ranking.
  console.log('| package or folder | rendered bytes | share | gzip of its rendered code |')
  console.log('|---|---:|---:|---:|')
  const rows = [...groups].map(([group, members]) => ({ group, bytes: members.reduce((s, m) => s + m.renderedLength, 0), gzip: gzipSync(members.map((m) => m.code).join('\n'), { level: 9 }).length }))
  for (const r of rows.sort((a, b) => b.bytes - a.bytes).slice(0, top)) console.log(`| ${r.group} | ${r.bytes} | ${pct(r.bytes)} | ${r.gzip} |`)
  console.log('\n| module | chunk | rendered bytes |')
  console.log('|---|---|---:|')
  for (const m of [...shares].sort((a, b) => b.renderedLength - a.renderedLength).slice(0, top)) {
    console.log(`| ${path.relative(repoRoot, m.id.replace(/^\0/, ''))} | ${m.chunk} | ${m.renderedLength} |`)
  }
}

if (isMain(import.meta.url)) {
  runAsScript(async () => printModuleShares(await analyseFirstRoute()))
}
