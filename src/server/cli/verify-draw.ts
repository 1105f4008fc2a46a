/**
 * Checks a published draw by lot. Usage:
 *   npm run verify-draw -- FILE
 * A version 1 record (with per-person fields, as published before) is re-run in full. A
 * version 2 record holds no per-person fields: it is checked for what it can prove (panel and
 * waitlist are exactly the registrants, in the order the seed gives, and the category counts
 * meet the reserved seats). Exit codes: 0 verified, 1 differences found (or unknown algorithm
 * version), 2 the file cannot be read or is not a draw record. Headlines speak the operator's
 * language (`MEEPRAAT_LANG`, Dutch by default); the listed differences are technical, in English.
 */
import { readFileSync } from 'node:fs'
import { parseDrawRecord, verifyDrawRecord, type DrawVerification } from '../selection/draw-record'
import { say } from './cli-language'

function success(outcome: DrawVerification, members: number): string {
  if (outcome.kind === 'reproduced') return say({ nl: `OK: panel opnieuw getrokken en gelijk (${members} leden)`, en: `OK: panel reproduced (${members} members)` })
  if (outcome.orderChecked) {
    return say({
      nl: `OK: gecontroleerd (${members} leden): panel en wachtlijst zijn precies de aanmeldingen, in de volgorde die de seed geeft, en de aantallen per groep halen de gereserveerde plaatsen. Wie binnen een groep een plaats kreeg, is zonder gegevens per persoon niet na te rekenen; die staan bewust niet in het verslag.`,
      en: `OK: checked (${members} members): panel and waitlist are exactly the registrants, in the order the seed gives, and the counts per category meet the reserved seats. Who within a category got a seat cannot be re-checked without per-person data, which the record leaves out on purpose.`,
    })
  }
  return say({
    nl: `OK: gecontroleerd (${members} leden): panel en wachtlijst zijn precies de aanmeldingen en de aantallen per groep halen de gereserveerde plaatsen. Deze loting is van voor het weghalen van de gegevens per persoon; de volgorde is daardoor niet meer na te rekenen.`,
    en: `OK: checked (${members} members): panel and waitlist are exactly the registrants and the counts per category meet the reserved seats. This draw was made before per-person data was removed from the record, so its order can no longer be re-checked.`,
  })
}

function main(argv: readonly string[]): number {
  const file = argv.find((a) => a !== '--')
  if (!file) {
    console.error(say({ nl: 'Gebruik: npm run verify-draw -- BESTAND (een gepubliceerd lotingsverslag, JSON)', en: 'Usage: npm run verify-draw -- FILE (a published draw record, JSON)' }))
    return 2
  }
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    console.error(say({ nl: `Kan ${file} niet lezen: `, en: `Cannot read ${file}: ` }) + (error instanceof Error ? error.message : String(error)))
    return 2
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    console.error(say({ nl: `${file} is geen geldige JSON: `, en: `${file} is not valid JSON: ` }) + (error instanceof Error ? error.message : String(error)))
    return 2
  }
  const parsed = parseDrawRecord(json)
  if (!parsed.ok) {
    console.error(say({ nl: `${file} is geen geldig lotingsverslag:`, en: `${file} is not a valid draw record:` }))
    for (const p of parsed.problems) console.error(`  ${p}`)
    return 2
  }
  const outcome = verifyDrawRecord(parsed.record)
  if (outcome.ok) {
    console.log(success(outcome, parsed.record.panel.length))
    return 0
  }
  console.log(say({ nl: `KLOPT NIET: ${file} past niet bij de loting`, en: `NOT REPRODUCED: ${file} does not match the draw` }))
  for (const d of outcome.differences) console.log(`  ${d}`)
  return 1
}

process.exitCode = main(process.argv.slice(2))
