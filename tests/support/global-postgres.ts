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
 * Server tests run on PGlite unless DATABASE_URL is set. Tests that need a real server (two
 * app instances on one database) use DATABASE_URL, or a throwaway cluster started here.
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
