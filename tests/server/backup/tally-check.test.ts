import { afterAll, beforeAll, beforeEach, describe } from 'vitest'
import { givenMunicipality } from '../../support/factories'
import { createTestDatabase, resetDatabase, type TestDatabase } from '../../support/test-database'
import { tallyCheckCases } from './tally-check-cases'

let t: TestDatabase
beforeAll(async () => {
  t = await createTestDatabase()
})
beforeEach(async () => {
  await resetDatabase(t.database)
  await givenMunicipality(t.database.db)
})
afterAll(async () => t.dispose())

describe('the tally check of backups and migrations (checkTallies)', () => tallyCheckCases(() => t.database.db))
