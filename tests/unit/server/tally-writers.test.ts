import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../../..', import.meta.url))
const serverDir = path.join(root, 'src/server')

function serverFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name)
    return e.isDirectory() ? serverFiles(full) : e.name.endsWith('.ts') ? [path.relative(root, full)] : []
  })
}

/** The server files whose text matches `pattern` (comments included: it reads the text, not the code). */
function filesWith(pattern: RegExp): string[] {
  return serverFiles(serverDir)
    .filter((file) => pattern.test(readFileSync(path.join(root, file), 'utf8')))
    .sort()
}

/**
 * The result tallies and the breakdown tallies move together for every answer that appears,
 * disappears or changes. Beside the ingest's own statements, only `applyAnswerDeltas` writes
 * them; a recount of the breakdowns replaces them whole. A new writer elsewhere would be able to
 * move one kind and forget the other (the demo once did), so it has to go through that function.
 */
describe('the writers of the tallies', () => {
  it('apply result deltas only through applyAnswerDeltas', () => {
    expect(filesWith(/\bapplyCountDeltas\(/)).toEqual(['src/server/repos/answer-tallies.ts', 'src/server/repos/result-counts.ts'])
  })

  it('apply breakdown deltas only through applyAnswerDeltas and the breakdown recount', () => {
    expect(filesWith(/\bapplyBreakdownDeltas\(/)).toEqual(['src/server/repos/answer-tallies.ts', 'src/server/repos/breakdown-counts.ts', 'src/server/repos/breakdown-recount.ts'])
  })

  it('write the tally tables with SQL only in the ingest statements, the tally repos and the recount', () => {
    const writes = /\b(insert\s+into|update|delete\s+from)\s+(result_counts|breakdown_counts)\b|\.(insert|update|delete)\((resultCounts|breakdownCounts)\)/i
    expect(filesWith(writes)).toEqual([
      'src/server/ingest/ingest-statements.ts',
      'src/server/repos/breakdown-counts.ts',
      'src/server/repos/breakdown-recount.ts',
      'src/server/repos/result-counts.ts',
    ])
  })
})
