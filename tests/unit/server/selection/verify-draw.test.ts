import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ALGORITHM_VERSION_1, draw, ticketOf, type Registrant } from '../../../../src/server/selection/draw'
import { compareIds } from '../../../../src/server/selection/model'
import { makeDrawRecord, registrantHash, ticketKeyFor, verifyDrawRecord, type DrawRecordV1, type DrawRecordV2 } from '../../../../src/server/selection/draw-record'
import { CLIENT, people, skewed, skewedQuotas } from './fixtures'

const repoRoot = resolve(__dirname, '../../../..')
const itemId = '6f1c1b9e-0000-4000-8000-000000000001'

function published(): DrawRecordV2 {
  const result = draw({ seed: 'public-seed', registrants: skewed, quotas: skewedQuotas, ticketKey: ticketKeyFor(itemId) })
  return makeDrawRecord({ itemId, drawnAt: '2026-03-01T10:00:00.000Z', seed: 'public-seed', quotas: skewedQuotas, registrants: skewed, result })
}

/** A record as version 1 published it (per-person categories next to each hash), for files people kept. */
function legacyRecord(registrants: Registrant[] = skewed): DrawRecordV1 {
  const result = draw({ seed: 'public-seed', registrants, quotas: skewedQuotas, algorithmVersion: ALGORITHM_VERSION_1 })
  const hash = (id: string) => registrantHash(itemId, id)
  return {
    version: 1,
    itemId,
    drawnAt: '2025-03-01T10:00:00.000Z',
    seed: 'public-seed',
    algorithmVersion: result.algorithmVersion,
    quotas: skewedQuotas,
    registrants: registrants
      .slice()
      .sort((a, b) => compareIds(a.id, b.id))
      .map((r) => ({ hash: hash(r.id), categories: r.categories })),
    panel: result.panel.map(hash),
    waitlist: result.waitlist.map(hash),
    shortfalls: result.shortfalls,
  }
}

function runCli(record: unknown, lang = 'en'): { code: number; out: string } {
  const dir = mkdtempSync(join(tmpdir(), 'verify-draw-'))
  const file = join(dir, 'draw.json')
  writeFileSync(file, typeof record === 'string' ? record : JSON.stringify(record))
  try {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'src/server/cli/verify-draw.ts', file], { cwd: repoRoot, encoding: 'utf8', stdio: 'pipe', env: { ...process.env, MEEPRAAT_LANG: lang } })
    return { code: 0, out }
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string }
    return { code: e.status, out: `${e.stdout}${e.stderr}` }
  }
}

describe('published draw record', () => {
  it('names registrants only by sha256(itemId:registrationId), in hash order, with no area, age band or category per person', () => {
    const record = published()
    expect(record.registrants).toContain(registrantHash(itemId, 'p000'))
    expect(record.registrants).toEqual(record.registrants.slice().sort())
    const body = JSON.stringify(record)
    expect(body).not.toContain('"p000"')
    for (const field of ['ageBand', 'area', '"categories":["']) expect(body).not.toContain(field)
    expect(verifyDrawRecord(record)).toEqual({ ok: true, kind: 'checked', differences: [], orderChecked: true })
  })

  it('gives categories only as counts, and leaves out any count (or its rest) under 5 people', () => {
    const record = published()
    // 6 of 60 registered are clients and 10 are youths; on a 12-seat panel with 3 reserved for each,
    // the selected counts of 3 or 4 are too small to publish.
    const client = record.categories.find((c) => c.category === 'client_or_expert')
    const youth = record.categories.find((c) => c.category === 'youth')
    expect(client?.registered).toBe(6)
    expect(youth?.registered).toBe(10)
    expect(client?.selected).toBeNull()
    const few = makeDrawRecord({ itemId, drawnAt: '2026-03-01T10:00:00.000Z', seed: 's', quotas: { seats: 4, reserved: [{ category: CLIENT, seats: 2 }] }, registrants: people(8, (i) => (i === 0 ? [CLIENT] : [])) })
    expect(few.categories.find((c) => c.category === 'client_or_expert')).toEqual({ category: 'client_or_expert', registered: null, selected: null })
    expect(few.shortfalls).toEqual([{ category: 'client_or_expert', reserved: 2, available: null }])
    expect(verifyDrawRecord(few).ok).toBe(true)
  })

  it('puts panel and waitlist in ticket order: sha256(seed:hash), which anyone can recompute', () => {
    const record = published()
    for (const list of [record.panel, record.waitlist]) {
      const tickets = list.map((h) => ticketOf(record.seed, h))
      expect(tickets).toEqual(tickets.slice().sort())
    }
  })

  it('detects a reordered panel, a stranger on it, a missing registrant, a wrong panel size and counts that miss the reserved seats', () => {
    const record = published()
    expect(verifyDrawRecord({ ...record, panel: record.panel.slice().reverse() }).differences[0]).toMatch(/^panel\[1\]: not in ticket order/)
    const stranger = registrantHash(itemId, 'nobody')
    expect(verifyDrawRecord({ ...record, panel: [...record.panel.slice(0, -1), stranger] }).differences.join('\n')).toMatch(/not registrants/)
    expect(verifyDrawRecord({ ...record, waitlist: record.waitlist.slice(1) }).differences.join('\n')).toMatch(/neither on the panel nor on the waitlist/)
    expect(verifyDrawRecord({ ...record, panel: record.panel.slice(1), waitlist: [...record.waitlist, record.panel[0] as string].sort((a, b) => compareIds(ticketOf(record.seed, a), ticketOf(record.seed, b))) }).differences.join('\n')).toMatch(
      /panel: 11 members, the draw seats min\(seats, registrants\) = 12/,
    )
    const tooFewYouths = record.categories.map((c) => (c.category === 'youth' ? { ...c, selected: 2 } : c))
    expect(verifyDrawRecord({ ...record, categories: tooFewYouths }).differences).toEqual(['categories.youth: 2 on the panel, but 3 seats are reserved and enough registered'])
    const hiddenShortfall = { ...record, shortfalls: [{ category: 'youth' as const, reserved: 3, available: 10 }] }
    expect(verifyDrawRecord(hiddenShortfall).ok).toBe(false)
  })

  it('still re-runs a version 1 record in full, from a file published before, and detects a swap', () => {
    const record = legacyRecord()
    expect(verifyDrawRecord(record)).toEqual({ ok: true, kind: 'reproduced', differences: [] })
    const [first, ...rest] = record.panel
    const swapped = { ...record, panel: [record.waitlist[0] as string, ...rest], waitlist: [first as string, ...record.waitlist.slice(1)] }
    const outcome = verifyDrawRecord(swapped)
    expect(outcome.ok).toBe(false)
    expect(outcome.differences[0]).toMatch(/^panel\[0\]/)
  })

  it('checks a record converted from version 1 (per-person fields removed) for membership and counts, and says its order is not re-checked', () => {
    const legacy = legacyRecord()
    const converted: DrawRecordV2 = {
      version: 2,
      itemId,
      drawnAt: legacy.drawnAt,
      seed: legacy.seed,
      algorithmVersion: legacy.algorithmVersion,
      quotas: legacy.quotas,
      registrants: legacy.registrants.map((r) => r.hash),
      panel: legacy.panel,
      waitlist: legacy.waitlist,
      categories: [
        { category: 'client_or_expert', registered: 6, selected: null },
        { category: 'youth', registered: 10, selected: null },
      ],
      shortfalls: [],
      perPersonFieldsRemovedAt: '2026-12-01T00:00:00.000Z',
    }
    expect(verifyDrawRecord(converted)).toEqual({ ok: true, kind: 'checked', differences: [], orderChecked: false })
  })

  it('refuses a record made with an unknown algorithm version', () => {
    const outcome = verifyDrawRecord({ ...published(), algorithmVersion: 'greedy/0' })
    expect(outcome.ok).toBe(false)
    expect(outcome.differences[0]).toMatch(/unknown algorithm version "greedy\/0"/)
  })

  it('refuses to make a record from a result that is not the draw for that seed', () => {
    const result = draw({ seed: 'other-seed', registrants: skewed, quotas: skewedQuotas, ticketKey: ticketKeyFor(itemId) })
    expect(() => makeDrawRecord({ itemId, drawnAt: new Date(0), seed: 'public-seed', quotas: skewedQuotas, registrants: skewed, result })).toThrow(/not the draw/)
  })

  it('verify-draw CLI: exits 0 for a checked record (in Dutch by default), 1 for a tampered panel, 2 for an invalid file', () => {
    const record = published()
    const ok = runCli(record)
    expect(ok.code).toBe(0)
    expect(ok.out).toMatch(/^OK: checked \(12 members\): panel and waitlist are exactly the registrants, in the order the seed gives/)
    expect(runCli(record, 'nl').out).toMatch(/^OK: gecontroleerd \(12 leden\)/)
    expect(runCli(legacyRecord())).toEqual({ code: 0, out: 'OK: panel reproduced (12 members)\n' })
    const tampered = runCli({ ...record, panel: record.panel.slice().reverse() })
    expect(tampered.code).toBe(1)
    expect(tampered.out).toMatch(/NOT REPRODUCED[\s\S]*panel\[1\]/)
    const invalid = runCli({ ...record, seed: '' })
    expect(invalid.code).toBe(2)
    expect(invalid.out).toMatch(/not a valid draw record[\s\S]*seed/)
    expect(runCli('{ not json').code).toBe(2)
  }, 60_000)
})

