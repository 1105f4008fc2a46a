import { afterAll, beforeAll, describe } from 'vitest'
import { givenMunicipality } from '../../support/factories'
import { createTestDatabase, type TestDatabase } from '../../support/test-database'
import { answerTallyCases } from './answer-tallies-cases'

let t: TestDatabase
beforeAll(async () => {
  t = await createTestDatabase()
  await givenMunicipality(t.database.db)
})
afterAll(async () => t.dispose())

describe('writers of answers beside the ingest (applyAnswerDeltas)', () => answerTallyCases(() => t.database.db))
