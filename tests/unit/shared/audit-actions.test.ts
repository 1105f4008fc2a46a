import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import beheerEn from '../../../src/client/locales/beheer-en.json'
import beheerNl from '../../../src/client/locales/beheer-nl.json'
import { AUDIT_ACTIONS } from '../../../src/shared/audit-actions'

const SERVER = path.resolve(import.meta.dirname, '../../../src/server')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    return statSync(full).isDirectory() ? sourceFiles(full) : full.endsWith('.ts') ? [full] : []
  })
}

/**
 * The actions src/server records, read from the code itself: the action argument of `audited(...)`
 * and the `action:` of a `recordAudit` entry, and `job.<name>` for every audited scheduled job.
 */
function actionsInCode(): Map<string, string> {
  const found = new Map<string, string>()
  for (const file of sourceFiles(SERVER)) {
    const text = readFileSync(file, 'utf8')
    const relative = path.relative(SERVER, file)
    for (const m of text.matchAll(/audited\(\s*[^,]+,\s*[^,]+,\s*'([^']+)'/g)) found.set(m[1]!, relative)
    for (const m of text.matchAll(/recordAudit\([^]*?action: '([^']+)'/g)) found.set(m[1]!, relative)
    if (relative.endsWith(path.join('jobs', 'app-jobs.ts'))) {
      for (const m of text.matchAll(/name: '([^']+)'[^]*?audited: (true|false)/g)) if (m[2] === 'true') found.set(`job.${m[1]!}`, relative)
    }
  }
  return found
}

describe('audit actions', () => {
  it('finds the actions the server records (the scan itself works)', () => {
    const found = actionsInCode()
    expect(found.get('item.publish')).toMatch(/item-service/)
    expect(found.get('table.draw')).toMatch(/table-service/)
    expect(found.get('audit.export')).toMatch(/audit-routes/)
    expect(found.has('job.retention')).toBe(true)
  })

  it('lists every action recorded anywhere in src/server', () => {
    const unlisted = [...actionsInCode()].filter(([action]) => !(AUDIT_ACTIONS as readonly string[]).includes(action))
    expect(unlisted).toEqual([])
  })

  it('has a Dutch and an English label for every action', () => {
    const nl = beheerNl as Record<string, string>
    const en = beheerEn as Record<string, string>
    for (const action of AUDIT_ACTIONS) {
      expect(nl[`beheer.audit.action.${action}`], `nl ${action}`).toBeTruthy()
      expect(en[`beheer.audit.action.${action}`], `en ${action}`).toBeTruthy()
    }
  })
})
