import type { Config } from '../config'
import { seedDemoIfEmpty } from '../demo/seed'
import { createDatabase, type Database } from './client'
import { migrateDatabase } from './migrate'

/**
 * Opens the configured database, applies migrations and, when asked, seeds demo content.
 * `role` names this process in the embedded data directory's lock ("server", "admin command").
 */
export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'demo'> & Partial<Pick<Config, 'databasePoolSize'>>,
  role?: string,
): Promise<Database> {
  const database = await createDatabase({
    url: config.databaseUrl,
    dataDir: config.dataDir,
    ...(config.databasePoolSize ? { poolSize: config.databasePoolSize } : {}),
    ...(role ? { role } : {}),
  })
  try {
    await migrateDatabase(database)
    if (config.demo) await seedDemoIfEmpty(database.db, new Date())
    return database
  } catch (error) {
    await database.close()
    throw error
  }
}
