import { afterAll, beforeAll, describe, inject, it } from 'vitest'
import { migrateDatabase } from '../../../src/server/db/migrate'
import { withPostgres } from '../../support/installation'
import { newMunicipalityJourney, refusalsOfNewMunicipality, type CliTarget } from '../../support/new-municipality'
import { createPostgresTestDatabase } from '../../support/test-database'

// The PostgreSQL half of municipality-commands.test.ts: runs in `npm run test:pg` (project server-postgres).
const serverUrl = inject('postgresUrl')
let target: CliTarget
let drop: () => Promise<void>

beforeAll(async () => {
  if (!serverUrl) return
  const database = await createPostgresTestDatabase(serverUrl)
  drop = database.drop
  target = { env: { DATABASE_URL: database.url }, open: (fn) => withPostgres(database.url, async (d) => { await migrateDatabase(d); return fn(d) }) }
})
afterAll(async () => drop?.())

describe.runIf(serverUrl)('npm run admin -- create-region / create-municipality (PostgreSQL, DEMO=0)', () => {
  it('creates a region, a municipality in it and its admin, who then publishes an item a resident answers', async () => {
    await newMunicipalityJourney(target)
  }, 300_000)

  it('refuses a taken slug, an unknown region and a bad slug with one line in the operator language', async () => {
    await refusalsOfNewMunicipality(target)
  }, 300_000)
})
