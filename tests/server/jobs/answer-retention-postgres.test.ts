import { afterEach, beforeAll, describe, inject, it } from 'vitest'
import { createDatabase, type Database } from '../../../src/server/db/client'
import { migrateDatabase } from '../../../src/server/db/migrate'
import { createPostgresTestDatabase } from '../../support/test-database'
import { anonymisesAfterFinalFeedback, givenScenario, waitsForFinalFeedback } from './answer-retention-scenarios'

const serverUrl = inject('postgresUrl')
let opened: { database: Database; drop(): Promise<void> } | undefined

beforeAll(() => {
  if (!serverUrl) throw new Error('These tests need PostgreSQL: install it (apt-get install -y postgresql) or set DATABASE_URL')
})
afterEach(async () => {
  await opened?.database.close()
  await opened?.drop()
  opened = undefined
})

async function scenario() {
  const created = await createPostgresTestDatabase(serverUrl!)
  const database = await createDatabase({ url: created.url, poolSize: 2 })
  opened = { database, drop: created.drop }
  await migrateDatabase(database)
  return givenScenario(database)
}

describe('answer retention on PostgreSQL', () => {
  it('deletes free-text answers and gives every answer and receipt its own random key answersMonths after the final feedback; tallies and other answers stay', async () => {
    await anonymisesAfterFinalFeedback(await scenario())
  })

  it('does not count in_progress feedback as final, and counts from the latest entry', async () => {
    await waitsForFinalFeedback(await scenario())
  })
})
