import type { Config } from '../config'
import { seedDemoIfEmpty } from '../demo/seed'
import { createDatabase, type Database } from './client'
import { migrateDatabase } from './migrate'

/** Opens the configured database, applies migrations and, when asked, seeds demo content. */
export async function openDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir' | 'demo'>): Promise<Database> {
  const database = await createDatabase({ url: config.databaseUrl, dataDir: config.dataDir })
  try {
    await migrateDatabase(database)
    if (config.demo) await seedDemoIfEmpty(database.db, new Date())
    return database
  } catch (error) {
    await database.close()
    throw error
  }
}
