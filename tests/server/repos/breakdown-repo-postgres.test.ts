import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { answerBreakdowns } from '../../../src/server/repos/breakdown-repo'
import { breakdown, visibleAnswers } from '../../../src/server/repos/input-repo'
import { findManagedItemById } from '../../../src/server/repos/managed-item-repo'
import { ingestSubmissions } from '../../../src/server/repos/submission-repo'
import { testDeviceKeys } from '../../support/device-keys'
import { aSubmission, givenItem, givenMunicipality } from '../../support/factories'
import { mixedWorkload } from '../../support/ingest-workload'
import { createTestDatabase, type TestDatabase } from '../../support/test-database'

const serverUrl = inject('postgresUrl')
let t: TestDatabase
beforeAll(async () => {
  if (!serverUrl) throw new Error('These tests need PostgreSQL: install it (apt-get install -y postgresql) or set DATABASE_URL')
  t = await createTestDatabase(serverUrl)
  await givenMunicipality(t.database.db)
})
afterAll(async () => t.dispose())

const AGE_BANDS = ['16-17', '18-23', '65+'] as const

describe('breakdowns summed in PostgreSQL', () => {
  it('equal the breakdowns counted answer by answer, per age band, area and municipality, hidden answers left out', async () => {
    const now = new Date()
    const itemId = await givenItem(t.database.db, now)
    const item = (await findManagedItemById(t.database.db, itemId, now))!
    await mixedWorkload(t.database.db, item, now, crypto.randomUUID())
    // Enough answers per group that cells are shown, not suppressed.
    const more = Array.from({ length: 90 }, (_, i) =>
      aSubmission(itemId, {
        answeredAt: now.toISOString(),
        answers: { q1: i % 3 ? 'ja' : 'nee', ...(i % 2 ? { q2: ['a', 'b'] } : { q2: ['c'] }), q3: (i % 5) + 1, q4: 'tekst' },
        ...(i % 4 ? { profile: { ageBand: AGE_BANDS[i % 3]!, area: i % 5 ? 'Centrum' : 'Noord' } } : {}),
      }),
    )
    await ingestSubmissions(t.database.db, more, now, testDeviceKeys)

    const rows = await visibleAnswers(t.database.db, itemId)
    const summed = await answerBreakdowns(t.database.db, itemId, item.questions, ['ageBand', 'area', 'municipality'])
    expect(summed.ageBand).toEqual(breakdown(item.questions, rows, (r) => r.ageBand))
    expect(summed.area).toEqual(breakdown(item.questions, rows, (r) => r.area))
    expect(summed.municipality).toEqual(breakdown(item.questions, rows, (r) => r.municipality))
    // Not trivially equal: groups are shown and counted.
    const centrum = summed.area.find((g) => g.group === 'Centrum')
    // 54 of the 90 have a profile in Centrum (i % 4 and i % 5 both non-zero): 36 said ja, 18 nee.
    expect(centrum?.respondents).toBe(54)
    expect(centrum?.questions.find((q) => q.questionId === 'q1')?.counts).toEqual([
      { key: 'ja', count: 36 },
      { key: 'nee', count: 18 },
    ])
  })
})
