import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { buildApp } from '../../../src/server/app'
import { createDatabase } from '../../../src/server/db/client'
import { migrateDatabase } from '../../../src/server/db/migrate'
import { aSubmission, givenItem, givenMunicipality } from '../../support/factories'
import { createMemoryNotifier } from '../../support/memory-notifier'
import { givenOfficial, signIn } from '../../support/officials'

/** Files of the data directory holding `text`; write-ahead log segments aside (documented). */
function filesHolding(dataDir: string, text: string): string[] {
  try {
    return execFileSync('grep', ['-rlaF', '--exclude-dir=pg_wal', text, dataDir], { encoding: 'utf8' }).split('\n').filter(Boolean)
  } catch (error) {
    if ((error as { status?: number }).status === 1) return [] // grep: no match
    throw error
  }
}

let cleanup: (() => void) | undefined
afterEach(() => cleanup?.())

describe('a redacted text answer on disk (embedded database)', () => {
  it('leaves the removed part in no data file, while the rest of the answer is still there', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'meepraat-redact-'))
    cleanup = () => rmSync(dataDir, { recursive: true, force: true })
    const database = await createDatabase({ dataDir })
    await migrateDatabase(database)
    const now = new Date('2026-06-01T12:00:00Z')
    const app = await buildApp({ database, clock: () => now, ownsDatabase: false, notifier: createMemoryNotifier(), publicUrl: 'http://meepraat.test' })
    await givenMunicipality(database.db)
    await givenOfficial(database.db, 'beverwijk')
    const session = await signIn(app, 'official@beverwijk.nl')
    const itemId = await givenItem(database.db, now)

    const tag = crypto.randomUUID().slice(0, 8)
    const secret = `probe-${tag}@example.nl`
    const kept = `Probelantaarn${tag}`
    const text = `${kept} bij de school, mail ${secret}`
    const others = Array.from({ length: 20 }, (_, i) => aSubmission(itemId, { answeredAt: now.toISOString(), answers: { q1: 'ja', q4: `Ander antwoord ${i}` } }))
    const sub = aSubmission(itemId, { answeredAt: now.toISOString(), answers: { q1: 'ja', q4: text } })
    const posted = await app.inject({ method: 'POST', url: '/api/submissions', payload: { submissions: [...others, sub] } })
    expect(posted.statusCode).toBe(200)
    await database.db.execute('checkpoint')
    expect(filesHolding(dataDir, secret).length, 'the search sees the stored answer').toBeGreaterThan(0)

    const start = text.indexOf(secret)
    const res = await app.inject({
      method: 'POST',
      url: `/api/official/items/${itemId}/answers/${sub.id}/redact`,
      headers: session.headers,
      payload: { questionId: 'q4', part: { start, end: start + secret.length, text: secret } },
    })
    expect(res.statusCode, res.body).toBe(200)
    await app.close()
    await database.close()

    expect(filesHolding(dataDir, secret)).toEqual([])
    expect(filesHolding(dataDir, kept).length).toBeGreaterThan(0)
  })
})
