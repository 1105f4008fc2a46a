import { resolveDeviceKeySecret } from '../auth/device-key-secret'
import type { Config } from '../config'
import { seedDemoIfEmpty } from '../demo/seed'
import { createDatabase, type Database } from './client'
import { migrateDatabase } from './migrate'

/**
 * Opens the configured database, applies migrations and, when asked, seeds demo content.
 * `role` names this process in the embedded data directory's lock ("server", "admin command").
 */
export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'demo'> & Partial<Pick<Config, 'databasePoolSize' | 'deviceKeySecret' | 'production'>>,
  role?: string,
): Promise<Database> {
  const database = await createDatabase({
    url: config.databaseUrl,
    dataDir: config.dataDir,
    ...(config.databasePoolSize ? { poolSize: config.databasePoolSize } : {}),
    ...(role ? { role } : {}),
  })
  try {
    // Rows stored before keys were split per purpose are re-keyed before anyone is served.
    await migrateDatabase(database, { deviceKeySecret: () => resolveDeviceKeySecret({ dataDir: config.dataDir, deviceKeySecret: config.deviceKeySecret, production: config.production ?? false }) })
    if (config.demo) await seedDemoIfEmpty(database.db, new Date())
    return database
  } catch (error) {
    await database.close()
    throw error
  }
}
