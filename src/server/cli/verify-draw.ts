/**
 * Checks a published draw by lot. Usage:
 *   npm run verify-draw -- FILE
 * Re-runs the draw from the record's seed, quotas and registrants and compares the result.
 * Exit codes: 0 reproduced, 1 differences found (or unknown algorithm version), 2 the file cannot
 * be read or is not a draw record.
 */
import { readFileSync } from 'node:fs'
import { parseDrawRecord, verifyDrawRecord } from '../selection/draw-record'
import { say } from './cli-language'

function main(argv: readonly string[]): number {
  const file = argv.find((a) => a !== '--')
  if (!file) {
    console.error(say({ nl: 'Gebruik: npm run verify-draw -- BESTAND (een gepubliceerd verslag van een loting, JSON)', en: 'Usage: npm run verify-draw -- FILE (a published draw record, JSON)' }))
    return 2
  }
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    console.error(say({ nl: `Kan ${file} niet lezen: ${reason}`, en: `Cannot read ${file}: ${reason}` }))
    return 2
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    console.error(say({ nl: `${file} is geen geldige JSON: ${reason}`, en: `${file} is not valid JSON: ${reason}` }))
    return 2
  }
  const parsed = parseDrawRecord(json)
  if (!parsed.ok) {
    console.error(say({ nl: `${file} is geen geldig verslag van een loting:`, en: `${file} is not a valid draw record:` }))
    for (const p of parsed.problems) console.error(`  ${p}`)
    return 2
  }
  const { ok, differences } = verifyDrawRecord(parsed.record)
  if (ok) {
    const members = parsed.record.panel.length
    console.log(say({ nl: `OK: de groep is opnieuw uitgeloot met hetzelfde resultaat (${members} leden)`, en: `OK: panel reproduced (${members} members)` }))
    return 0
  }
  console.log(say({ nl: `NIET HETZELFDE: ${file} past niet bij de loting`, en: `NOT REPRODUCED: ${file} does not match the draw` }))
  for (const d of differences) console.log(`  ${d}`)
  return 1
}

process.exitCode = main(process.argv.slice(2))
