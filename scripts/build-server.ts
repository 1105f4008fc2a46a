/**
 * Compiles the server to plain JavaScript for `node` (no tsx at run time): one ESM bundle per
 * entry in dist/server, with every npm package left external (resolved from node_modules at run
 * time, so PGlite finds its wasm and data files beside its own code). Files the server reads
 * relative to its own module (`new URL('./migrations', import.meta.url)`) are copied so the
 * same relative URL resolves next to the bundle. Refuses a bundle that imports a package which
 * is not in `dependencies`: `npm ci --omit=dev` would not install it.
 * Usage: tsx scripts/build-server.ts  (run by `npm run build`)
 */
import { build, type Metafile } from 'esbuild'
import { cpSync, existsSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { builtinModules } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const outDir = path.join(root, 'dist/server')

/** Output name (dist/server/NAME.js) to its source entry. */
export const SERVER_ENTRIES = {
  main: 'src/server/main.ts',
  admin: 'src/server/cli/admin.ts',
  'verify-draw': 'src/server/cli/verify-draw.ts',
} as const

interface PackageJson {
  version: string
  dependencies?: Record<string, string>
}

/** `@scope/name/sub` and `name/sub` to the package name that npm installs. */
export function packageOf(specifier: string): string {
  const parts = specifier.split('/')
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier)
}

/** Every npm package the bundles import at run time. */
export function externalPackages(metafile: Metafile): string[] {
  const builtins = new Set(builtinModules)
  const found = new Set<string>()
  for (const output of Object.values(metafile.outputs)) {
    for (const imported of output.imports) {
      if (!imported.external) continue
      const name = imported.path.replace(/^node:/, '')
      if (imported.path.startsWith('node:') || builtins.has(packageOf(name))) continue
      found.add(packageOf(imported.path))
    }
  }
  return [...found].sort()
}

export async function buildServer(): Promise<string[]> {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as PackageJson
  // Built beside dist/server and swapped in at the end: a process that starts from
  // dist/server meanwhile (npm run admin while npm start rebuilds) never sees half a build.
  const staging = `${outDir}.building-${process.pid}`
  rmSync(staging, { recursive: true, force: true })
  const result = await build({
    absWorkingDir: root,
    entryPoints: Object.fromEntries(Object.entries(SERVER_ENTRIES)),
    outdir: staging,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    metafile: true,
    logLevel: 'warning',
    // The bundle sits elsewhere than src/server/version.ts: carry the version in the code.
    define: { __MEEPRAAT_VERSION__: JSON.stringify(pkg.version) },
  })
  // db/migrate.ts and db/migration-status.ts read ./migrations relative to their module. Each
  // entry is one file (no code splitting), so that module is dist/server/<entry>.js.
  cpSync(path.join(root, 'src/server/db/migrations'), path.join(staging, 'migrations'), { recursive: true })
  const externals = externalPackages(result.metafile)
  const missing = externals.filter((name) => !pkg.dependencies?.[name])
  if (missing.length > 0) {
    rmSync(staging, { recursive: true, force: true })
    throw new Error(`the server imports ${missing.join(', ')} at run time: move it to "dependencies" in package.json`)
  }
  const previous = `${outDir}.previous-${process.pid}`
  if (existsSync(outDir)) renameSync(outDir, previous)
  renameSync(staging, outDir)
  rmSync(previous, { recursive: true, force: true })
  return externals
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildServer().then(
    (externals) => console.log(`server built into dist/server; run-time packages: ${externals.join(', ')}`),
    (error: unknown) => {
      console.error(`server build failed: ${error instanceof Error ? error.message : String(error)}`)
      process.exit(1)
    },
  )
}
