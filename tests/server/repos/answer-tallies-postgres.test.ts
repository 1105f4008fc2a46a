import { afterAll, beforeAll, describe, inject } from 'vitest'
import { givenMunicipality } from '../../support/factories'
import { createTestDatabase, type TestDatabase } from '../../support/test-database'
import { answerTallyCases } from './answer-tallies-cases'

const serverUrl = inject('postgresUrl')
let t: TestDatabase
beforeAll(async () => {
  if (!serverUrl) throw new Error('These tests need PostgreSQL: install it (apt-get install -y postgresql) or set DATABASE_URL')
  t = await createTestDatabase(serverUrl)
  await givenMunicipality(t.database.db)
})
afterAll(async () => t.dispose())

describe('writers of answers beside the ingest (applyAnswerDeltas), on PostgreSQL', () => answerTallyCases(() => t.database.db))
