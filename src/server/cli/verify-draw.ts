/**
 * Checks a published draw by lot. Usage:
 *   npm run verify-draw -- FILE
 * Re-runs the draw from the record's seed, quotas and registrants and compares the result.
 * Exit codes: 0 reproduced, 1 differences found (or unknown algorithm version), 2 the file cannot
 * be read or is not a draw record.
 */
import { readFileSync } from 'node:fs'
import { parseDrawRecord, verifyDrawRecord } from '../selection/draw-record'

function main(argv: readonly string[]): number {
  const file = argv.find((a) => a !== '--')
  if (!file) {
    console.error('Usage: npm run verify-draw -- FILE (a published draw record, JSON)')
    return 2
  }
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    console.error(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`)
    return 2
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    console.error(`${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`)
    return 2
  }
  const parsed = parseDrawRecord(json)
  if (!parsed.ok) {
    console.error(`${file} is not a valid draw record:`)
    for (const p of parsed.problems) console.error(`  ${p}`)
    return 2
  }
  const { ok, differences } = verifyDrawRecord(parsed.record)
  if (ok) {
    console.log(`OK: panel reproduced (${parsed.record.panel.length} members)`)
    return 0
  }
  console.log(`NOT REPRODUCED: ${file} does not match the draw`)
  for (const d of differences) console.log(`  ${d}`)
  return 1
}

process.exitCode = main(process.argv.slice(2))
