import { describe, expect, inject, it } from 'vitest'
import { createDatabase } from '../../../src/server/db/client'
import { createPostgresTestDatabase } from '../../support/test-database'
import { checkDeviceKeyMigration } from './device-key-migration-cases'

const serverUrl = inject('postgresUrl')

describe('migrating stored device keys to keys per purpose (PostgreSQL)', () => {
  it('re-keys every row once, after which the same device still sees its inbox and its answer is still replaced by a newer one', async () => {
    expect(serverUrl, 'needs PostgreSQL (npm run test:pg)').toBeTruthy()
    const created = await createPostgresTestDatabase(serverUrl!)
    // Two connections: migrateDatabase holds one for its advisory lock and migrates on another.
    const database = await createDatabase({ url: created.url, poolSize: 4 })
    try {
      await checkDeviceKeyMigration(database)
    } finally {
      await database.close()
      await created.drop()
    }
  }, 120_000)
})
