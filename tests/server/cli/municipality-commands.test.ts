import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { withEmbedded } from '../../support/installation'
import { newMunicipalityJourney, refusalsOfNewMunicipality, type CliTarget } from '../../support/new-municipality'

let dataDir: string
let target: CliTarget
beforeAll(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'meepraat-new-municipality-'))
  target = { env: { DATA_DIR: dataDir }, open: (fn) => withEmbedded(dataDir, fn) }
})
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

describe('npm run admin -- create-region / create-municipality (embedded database, DEMO=0)', () => {
  it('creates a region, a municipality in it and its admin, who then publishes an item a resident answers', async () => {
    await newMunicipalityJourney(target)
  }, 300_000)

  it('refuses a taken slug, an unknown region and a bad slug with one line in the operator language', async () => {
    await refusalsOfNewMunicipality(target)
  }, 300_000)
})
