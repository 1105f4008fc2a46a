import { afterEach, describe, expect, it } from 'vitest'
import { emptyDraftForm } from '../../../../src/client/beheer/draft-form'
import { draftKey, forgetDraft, keepDraft, readDraft } from '../../../../src/client/beheer/local-draft'
import { SESSION_WARNING_LEAD_MS, sessionEndsAt } from '../../../../src/client/beheer/session-timing'

/** A Map-backed Storage: the unit project runs in Node, which has no localStorage. */
class MemoryStorage {
  private items = new Map<string, string>()
  getItem = (key: string) => this.items.get(key) ?? null
  setItem = (key: string, value: string) => void this.items.set(key, value)
  removeItem = (key: string) => void this.items.delete(key)
}

describe('session timing', () => {
  it('ends the idle time-out after the last answer, or at the fixed end when that comes first', () => {
    expect(sessionEndsAt(1_000, 150, undefined)).toBe(151_000)
    expect(sessionEndsAt(1_000, 7200, new Date(60_000).toISOString())).toBe(60_000)
    expect(sessionEndsAt(1_000, undefined, undefined)).toBeNull()
    expect(SESSION_WARNING_LEAD_MS).toBe(120_000)
  })
})

describe('drafts kept in the browser', () => {
  const original = Object.getOwnPropertyDescriptor(globalThis, 'localStorage')
  afterEach(() => {
    if (original) Object.defineProperty(globalThis, 'localStorage', original)
    else delete (globalThis as { localStorage?: unknown }).localStorage
  })

  it('keeps a draft per official and item, and forgets it', () => {
    Object.defineProperty(globalThis, 'localStorage', { value: new MemoryStorage(), configurable: true })
    const mine = draftKey('official-1', undefined)
    const theirs = draftKey('official-2', undefined)
    keepDraft(mine, { ...emptyDraftForm(), title: 'Bankjes' }, new Date('2026-06-01T10:00:00Z'))
    expect(readDraft(mine)).toMatchObject({ keptAt: '2026-06-01T10:00:00.000Z', form: { title: 'Bankjes' } })
    expect(readDraft(theirs)).toBeNull()
    expect(draftKey('official-1', 'item-9')).not.toBe(mine)
    forgetDraft(mine)
    expect(readDraft(mine)).toBeNull()
  })

  it('works without storage (switched off) and ignores a damaged entry', () => {
    delete (globalThis as { localStorage?: unknown }).localStorage
    expect(() => keepDraft('k', emptyDraftForm())).not.toThrow()
    expect(readDraft('k')).toBeNull()
    const storage = new MemoryStorage()
    storage.setItem('k', '{not json')
    Object.defineProperty(globalThis, 'localStorage', { value: storage, configurable: true })
    expect(readDraft('k')).toBeNull()
  })
})
