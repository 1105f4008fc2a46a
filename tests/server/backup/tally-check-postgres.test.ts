import { afterAll, beforeAll, beforeEach, describe, inject } from 'vitest'
import { givenMunicipality } from '../../support/factories'
import { createTestDatabase, resetDatabase, type TestDatabase } from '../../support/test-database'
import { tallyCheckCases } from './tally-check-cases'

const serverUrl = inject('postgresUrl')
let t: TestDatabase
beforeAll(async () => {
  if (!serverUrl) throw new Error('These tests need PostgreSQL: install it (apt-get install -y postgresql) or set DATABASE_URL')
  t = await createTestDatabase(serverUrl)
})
beforeEach(async () => {
  await resetDatabase(t.database)
  await givenMunicipality(t.database.db)
})
afterAll(async () => t.dispose())

describe('the tally check of backups and migrations (checkTallies), on PostgreSQL', () => tallyCheckCases(() => t.database.db))
