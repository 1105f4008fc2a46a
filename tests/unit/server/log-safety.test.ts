import { describe, expect, it } from 'vitest'
import { errorForLog, safeUrl } from '../../../src/server/log-safety'

describe('log safety', () => {
  it('keeps only the first line of a query error, never its parameters', () => {
    const error = new Error('Failed query: insert into "current_answers" values ($1, $2)\nparams: 3f1b...,Mijn buurman Jan woont op nummer 4')
    const cause = Object.assign(new Error('duplicate key value\nDETAIL: Key (answers)=(Jan) already exists'), { code: '23505' })
    Object.assign(error, { cause })
    const logged = JSON.stringify(errorForLog(error))
    expect(logged).toContain('Failed query: insert into')
    expect(logged).toContain('23505')
    expect(logged).not.toContain('Jan')
  })

  it('masks device ids and drops query strings in request paths', () => {
    expect(safeUrl('/api/devices/abcdefghijklmnopqrstuvwxyz/inbox?since=1')).toBe('/api/devices/[device]/inbox')
    expect(safeUrl('/api/items?municipality=velsen')).toBe('/api/items')
  })

  it('masks device ids under the versioned path /api/v1 too', () => {
    expect(safeUrl('/api/v1/devices/abcdefghijklmnopqrstuvwxyz/signups')).toBe('/api/v1/devices/[device]/signups')
  })
})
