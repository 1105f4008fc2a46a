import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../src/server/app'
import { createDatabase } from '../../src/server/db/client'
import { migrateDatabase } from '../../src/server/db/migrate'
import { createMemoryNotifier } from './memory-notifier'
import { createPostgresTestDatabase } from './test-database'

export interface SharedPostgresApps {
  apps: FastifyInstance[]
  /** The clock every app reads; tests move it. */
  clock: { now: Date }
  close(): Promise<void>
}

/**
 * `count` app instances, each with a pool of its own, on one fresh PostgreSQL database: the
 * replicas of a deployment, inside one test process.
 */
export async function createSharedPostgresApps(serverUrl: string, count: number, start = new Date('2026-06-01T12:00:00Z')): Promise<SharedPostgresApps> {
  const created = await createPostgresTestDatabase(serverUrl)
  const clock = { now: start }
  const apps: FastifyInstance[] = []
  try {
    for (let i = 0; i < count; i++) {
      const database = await createDatabase({ url: created.url, poolSize: 4 })
      if (i === 0) await migrateDatabase(database)
      apps.push(await buildApp({ database, clock: () => clock.now, notifier: createMemoryNotifier() }))
    }
  } catch (error) {
    await Promise.all(apps.map((a) => a.close()))
    await created.drop()
    throw error
  }
  return {
    apps,
    clock,
    async close() {
      await Promise.all(apps.map((a) => a.close()))
      await created.drop()
    },
  }
}
