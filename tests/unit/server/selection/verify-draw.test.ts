import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { draw } from '../../../../src/server/selection/draw'
import { makeDrawRecord, registrantHash, verifyDrawRecord, type DrawRecord } from '../../../../src/server/selection/draw-record'
import { skewed, skewedQuotas } from './fixtures'

const repoRoot = resolve(__dirname, '../../../..')
const itemId = '6f1c1b9e-0000-4000-8000-000000000001'

function published(): DrawRecord {
  const result = draw({ seed: 'public-seed', registrants: skewed, quotas: skewedQuotas })
  return makeDrawRecord({ itemId, drawnAt: '2026-03-01T10:00:00.000Z', seed: 'public-seed', quotas: skewedQuotas, registrants: skewed, result })
}

function runCli(record: unknown): { code: number; out: string } {
  const dir = mkdtempSync(join(tmpdir(), 'verify-draw-'))
  const file = join(dir, 'draw.json')
  writeFileSync(file, typeof record === 'string' ? record : JSON.stringify(record))
  try {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'src/server/cli/verify-draw.ts', file], { cwd: repoRoot, encoding: 'utf8', stdio: 'pipe', env: { ...process.env, MEEPRAAT_LANG: 'en' } })
    return { code: 0, out }
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string }
    return { code: e.status, out: `${e.stdout}${e.stderr}` }
  }
}

describe('published draw record', () => {
  it('names registrants only by sha256(itemId:registrationId) and reproduces the draw', () => {
    const record = published()
    expect(record.registrants.map((r) => r.hash)).toContain(registrantHash(itemId, 'p000'))
    expect(JSON.stringify(record)).not.toContain('"p000"')
    expect(verifyDrawRecord(record)).toEqual({ ok: true, differences: [] })
  })

  it('detects a tampered panel', () => {
    const record = published()
    const [first, ...rest] = record.panel
    const swapped = { ...record, panel: [record.waitlist[0] as string, ...rest], waitlist: [first as string, ...record.waitlist.slice(1)] }
    const outcome = verifyDrawRecord(swapped)
    expect(outcome.ok).toBe(false)
    expect(outcome.differences[0]).toMatch(/^panel\[0\]/)
  })

  it('refuses a record made with an unknown algorithm version', () => {
    const outcome = verifyDrawRecord({ ...published(), algorithmVersion: 'greedy/0' })
    expect(outcome.ok).toBe(false)
    expect(outcome.differences[0]).toMatch(/unknown algorithm version "greedy\/0"/)
  })

  it('refuses to make a record from a result that is not the draw for that seed', () => {
    const result = draw({ seed: 'other-seed', registrants: skewed, quotas: skewedQuotas })
    expect(() => makeDrawRecord({ itemId, drawnAt: new Date(0), seed: 'public-seed', quotas: skewedQuotas, registrants: skewed, result })).toThrow(/not the draw/)
  })

  it('verify-draw CLI: exits 0 for a reproduced record, 1 for a tampered panel, 2 for an invalid file', () => {
    const record = published()
    const ok = runCli(record)
    expect(ok).toEqual({ code: 0, out: 'OK: panel reproduced (12 members)\n' })
    const tampered = runCli({ ...record, panel: record.panel.slice().reverse() })
    expect(tampered.code).toBe(1)
    expect(tampered.out).toMatch(/NOT REPRODUCED[\s\S]*panel\[0\]/)
    const invalid = runCli({ ...record, seed: '' })
    expect(invalid.code).toBe(2)
    expect(invalid.out).toMatch(/not a valid draw record[\s\S]*seed/)
    expect(runCli('{ not json').code).toBe(2)
  }, 30_000)
})

describe('verify-draw speaks Dutch by default', () => {
  it('says OK in Dutch without MEEPRAAT_LANG or an English locale', () => {
    const dir = mkdtempSync(join(tmpdir(), 'verify-draw-nl-'))
    const file = join(dir, 'draw.json')
    writeFileSync(file, JSON.stringify(published()))
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'src/server/cli/verify-draw.ts', file], {
      cwd: repoRoot,
      encoding: 'utf8',
      stdio: 'pipe',
      env: { ...process.env, MEEPRAAT_LANG: '', LANG: 'C.UTF-8', LC_ALL: '', LC_MESSAGES: '' },
    })
    expect(out).toBe('OK: de groep is opnieuw uitgeloot met hetzelfde resultaat (12 leden)\n')
  }, 30_000)
})
