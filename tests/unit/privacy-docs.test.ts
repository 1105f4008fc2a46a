import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { GUARDIAN_TOKEN_DAYS, TOKEN_DAYS } from '../../src/server/repos/guardian-repo'
import { NETWORK_OPT_OUT_DAYS, PENDING_CONFIRMATION_DAYS, PENDING_GUARDIAN_DAYS, RENEWAL_GRACE_DAYS } from '../../src/shared/retention-periods'
import { RetentionSettingsSchema } from '../../src/shared/schemas/municipality-settings'

const docsDir = fileURLToPath(new URL('../../docs/privacy/', import.meta.url))

/** Every retention figure the code holds, by the name the documents use, with its unit. */
function retentionInCode(): Record<string, { value: number; unit: 'dagen' | 'maanden' }> {
  const defaults = RetentionSettingsSchema.parse({})
  return {
    nonSelectedDays: { value: defaults.nonSelectedDays, unit: 'dagen' },
    memberDays: { value: defaults.memberDays, unit: 'dagen' },
    answersMonths: { value: defaults.answersMonths, unit: 'maanden' },
    interestConfirmMonths: { value: defaults.interestConfirmMonths, unit: 'maanden' },
    PENDING_GUARDIAN_DAYS: { value: PENDING_GUARDIAN_DAYS, unit: 'dagen' },
    PENDING_CONFIRMATION_DAYS: { value: PENDING_CONFIRMATION_DAYS, unit: 'dagen' },
    RENEWAL_GRACE_DAYS: { value: RENEWAL_GRACE_DAYS, unit: 'dagen' },
  }
}

type Figure = { file: string; name: string; value: number; unit: string }

/**
 * Retention figures in a document: table rows `| name | 12 maanden |`, and in running text
 * `name (standaard 12 maanden)`, so prose cannot drift from the table either.
 */
function figuresIn(file: string, text: string): Figure[] {
  const rows: Figure[] = []
  for (const match of text.matchAll(/^\|\s*([A-Za-z_]+)\s*\|\s*(\d+)\s+(dagen|maanden|dag|maand)\s*\|/gm)) rows.push({ file, name: match[1]!, value: Number(match[2]), unit: match[3]! })
  for (const match of text.matchAll(/\b([A-Za-z_]+) \(standaard (\d+) (dagen|maanden)\)/g)) rows.push({ file, name: match[1]!, value: Number(match[2]), unit: match[3]! })
  return rows
}

function retentionInDocs(): Figure[] {
  return readdirSync(docsDir)
    .filter((f) => f.endsWith('.md'))
    .flatMap((file) => figuresIn(file, readFileSync(path.join(docsDir, file), 'utf8')))
}

describe('privacy documents (docs/privacy)', () => {
  it('state every retention default of the code, in a machine-checkable row', () => {
    const documented = new Set(retentionInDocs().map((r) => r.name))
    expect(Object.keys(retentionInCode()).filter((name) => !documented.has(name))).toEqual([])
  })

  it('give the same figure and unit as the code wherever they state one', () => {
    const code = retentionInCode()
    const rows = retentionInDocs()
    expect(rows.length).toBeGreaterThanOrEqual(Object.keys(code).length)
    for (const row of rows) {
      const expected = code[row.name]
      expect(expected, `${row.file}: ${row.name} is not a retention figure of the code`).toBeDefined()
      expect(`${row.value} ${row.unit}`, `${row.file}: ${row.name}`).toBe(`${expected!.value} ${expected!.unit}`)
    }
  })

  it('reads the figure a changed document states, in a table row and in running text', () => {
    const text = '| answersMonths | 13 maanden | x |\nnonSelectedDays (standaard 31 dagen) na de start'
    expect(figuresIn('changed.md', text)).toEqual([
      { file: 'changed.md', name: 'answersMonths', value: 13, unit: 'maanden' },
      { file: 'changed.md', name: 'nonSelectedDays', value: 31, unit: 'dagen' },
    ])
  })

  it('keep each confirmation link valid exactly as long as its registration waits', () => {
    expect(TOKEN_DAYS).toEqual({ guardian: PENDING_GUARDIAN_DAYS, contact: PENDING_CONFIRMATION_DAYS, renewal: RENEWAL_GRACE_DAYS, network_optout: NETWORK_OPT_OUT_DAYS })
    expect(GUARDIAN_TOKEN_DAYS).toBe(PENDING_GUARDIAN_DAYS)
  })

  it('have a register, a data-flow description and a DPIA input pack, each with an English summary', () => {
    for (const file of ['verwerkingsregister.md', 'gegevensstromen.md', 'dpia-input.md', 'bewaartermijnen.md']) {
      expect(readFileSync(path.join(docsDir, file), 'utf8'), file).toContain('**English summary.**')
    }
    const register = readFileSync(path.join(docsDir, 'verwerkingsregister.md'), 'utf8')
    for (const part of ['| doel |', '| grondslag |', '| gegevens |', '| bewaartermijn |', '| ontvangers |']) expect(register).toContain(part)
  })
})
