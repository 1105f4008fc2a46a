import type { TestProject } from 'vitest/node'
import { createPostgresTemplate } from './test-database'

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated database on DATABASE_URL's server that test databases are copied from; null on PGlite. */
    postgresTemplate: string | null
  }
}

let template: { drop(): Promise<void> } | null = null

/**
 * On PostgreSQL (`npm run test:pg`) every test database is a copy of one migrated template,
 * made once per run here, instead of a new database that runs every migration.
 */
export async function setup(project: TestProject): Promise<void> {
  const serverUrl = process.env.DATABASE_URL
  if (!serverUrl) {
    project.provide('postgresTemplate', null)
    return
  }
  const made = await createPostgresTemplate(serverUrl)
  template = made
  project.provide('postgresTemplate', made.name)
}

export async function teardown(): Promise<void> {
  await template?.drop()
}
