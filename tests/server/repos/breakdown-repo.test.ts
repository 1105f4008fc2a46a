import { afterAll, beforeAll, describe } from 'vitest'
import { givenMunicipality } from '../../support/factories'
import { breakdownCases } from '../../support/ingest-workload'
import { createTestDatabase, type TestDatabase } from '../../support/test-database'

let t: TestDatabase
beforeAll(async () => {
  t = await createTestDatabase()
  await givenMunicipality(t.database.db)
})
afterAll(async () => t.dispose())

describe('breakdowns summed in the database', () => breakdownCases(() => t.database.db))
