/**
 * Writes a brotli (`.br`) and a gzip (`.gz`) copy beside every compressible file of the built
 * app, once at build time, so the server sends compressed bytes without compressing per request
 * (@fastify/static `preCompressed`). Run by `npm run build` after `vite build`.
 * Usage: tsx scripts/precompress.ts [DIR] (default dist/client)
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'

const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|webmanifest|txt|xml|ico)$/
/** Below this a compressed copy saves less than a network packet. */
const MIN_BYTES = 1024

export interface PrecompressSummary {
  files: number
  rawBytes: number
  brotliBytes: number
  gzipBytes: number
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    return entry.isDirectory() ? walk(full) : [full]
  })
}

/** Compresses every eligible file under `dir`; a copy only stays when it is smaller. */
export function precompressDir(dir: string): PrecompressSummary {
  const summary: PrecompressSummary = { files: 0, rawBytes: 0, brotliBytes: 0, gzipBytes: 0 }
  for (const file of walk(dir)) {
    if (!COMPRESSIBLE.test(file) || statSync(file).size < MIN_BYTES) continue
    const raw = readFileSync(file)
    const brotli = brotliCompressSync(raw, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
    })
    const gzip = gzipSync(raw, { level: 9 })
    if (brotli.length < raw.length) writeFileSync(`${file}.br`, brotli)
    if (gzip.length < raw.length) writeFileSync(`${file}.gz`, gzip)
    summary.files++
    summary.rawBytes += raw.length
    summary.brotliBytes += Math.min(brotli.length, raw.length)
    summary.gzipBytes += Math.min(gzip.length, raw.length)
  }
  return summary
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = path.resolve(process.argv[2] ?? 'dist/client')
  const s = precompressDir(dir)
  const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`
  console.log(`precompressed ${s.files} files: ${kib(s.rawBytes)} -> brotli ${kib(s.brotliBytes)}, gzip ${kib(s.gzipBytes)}`)
}
