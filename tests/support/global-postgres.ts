import type { TestProject } from 'vitest/node'
import { postgresAvailable, startPostgresCluster, type PostgresCluster } from './postgres-cluster'

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PostgreSQL server for tests that need several processes on one database. */
    postgresUrl: string | null
  }
}

let cluster: PostgresCluster | null = null

/**
 * For the server-postgres project (`*-postgres.test.ts`, run by `npm run test:pg`): tests that
 * need a real server (two app instances on one database) use DATABASE_URL, or, when a file is
 * run on its own, a throwaway cluster started here. `npm test` never starts one.
 */
export async function setup(project: TestProject): Promise<void> {
  if (process.env.DATABASE_URL) {
    project.provide('postgresUrl', process.env.DATABASE_URL)
    return
  }
  if (!postgresAvailable()) {
    project.provide('postgresUrl', null)
    return
  }
  cluster = await startPostgresCluster()
  project.provide('postgresUrl', cluster.url)
}

export function teardown(): void {
  cluster?.stop()
}
