import { describe, it } from 'vitest'
import { createDatabase } from '../../../src/server/db/client'
import { checkDeviceKeyMigration } from './device-key-migration-cases'

describe('migrating stored device keys to keys per purpose (embedded database)', () => {
  it('re-keys every row once, after which the same device still sees its inbox and its answer is still replaced by a newer one', async () => {
    const database = await createDatabase({ dataDir: 'memory://' })
    try {
      await checkDeviceKeyMigration(database)
    } finally {
      await database.close()
    }
  }, 120_000)
})
