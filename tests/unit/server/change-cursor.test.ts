import { describe, expect, it } from 'vitest'
import { encodeCursor, parseCursor, type ChangeCursor } from '../../../src/server/repos/change-cursor'
import { CursorSchema } from '../../../src/shared/schemas/item'

const cursor: ChangeCursor = {
  at: new Date('2026-06-01T12:00:00Z'),
  system: 7714283011228788824n,
  snapshot: { xmin: 1000n, xmax: 1010n, xip: [1000n, 1004n] },
}

describe('change cursor', () => {
  it('reads back what it handed out, in the characters the shared cursor schema allows', () => {
    const encoded = encodeCursor(cursor)
    expect(CursorSchema.parse(encoded)).toBe(encoded)
    expect(parseCursor(encoded)).toEqual({ kind: 'cursor', cursor })
  })

  it('widens a snapshot with too many open transactions to "nothing from xmin on was seen", never narrower', () => {
    const busy: ChangeCursor = { ...cursor, snapshot: { xmin: 1000n, xmax: 2000n, xip: Array.from({ length: 40 }, (_, i) => 1000n + BigInt(i * 20)) } }
    const encoded = encodeCursor(busy)
    expect(encoded.length).toBeLessThanOrEqual(100)
    expect(parseCursor(encoded)).toEqual({ kind: 'cursor', cursor: { ...busy, snapshot: { xmin: 1000n, xmax: 1000n, xip: [] } } })
  })

  it('treats cursors of the earlier versions (inbox time in ms, item feed seq_time) as "read everything again"', () => {
    expect(parseCursor('1780315200000')).toEqual({ kind: 'legacy' })
    expect(parseCursor('1a_mbd3k8w0')).toEqual({ kind: 'legacy' })
  })

  it('refuses values this API never handed out', () => {
    const [, at, system, xmin] = encodeCursor(cursor).split('_')
    for (const value of [
      '999999999999999', // a time in the year 33658
      '0',
      'xyz',
      '',
      '3_abc_def_1_0', // unknown version
      `2_${at}_${system}_0_0`, // xmin 0 is no snapshot
      `2_${at}_${system}_${xmin}_5_5`, // xip outside [xmin, xmax)
      `2_${at}_${system}_${xmin}_5_3_2`, // xip not ascending
      `2_${(Date.UTC(2200, 0, 1)).toString(36)}_${system}_${xmin}_0`, // a time PostgreSQL cannot be asked about
      `2_${at}_${system}_zzzzzzzzzzzzz_0`, // beyond 64 bits
      `2_${at}_${system}_${xmin}`,
    ]) {
      expect(parseCursor(value), value).toEqual({ kind: 'invalid' })
    }
  })
})
