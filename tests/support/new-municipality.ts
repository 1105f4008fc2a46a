import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { expect } from 'vitest'
import type { Database } from '../../src/server/db/client'
import { ItemListSchema } from '../../src/shared/schemas/item'
import { aSubmission, anItemDraft } from './factories'
import { appOn, NOW } from './installation'
import { signInEnrollingSecondFactor } from './officials'

const run = promisify(execFile)

export interface CliTarget {
  /** `DATA_DIR` of an embedded database, or `DATABASE_URL` of a PostgreSQL one. */
  env: { DATA_DIR?: string; DATABASE_URL?: string }
  /** Opens the same database for a moment (after the commands ran). */
  open<T>(fn: (database: Database) => Promise<T>): Promise<T>
}

/** `npm run admin -- ...args` in its own process, with demo content off and the language pinned. */
export function adminIn(target: CliTarget, args: string[], lang: 'nl' | 'en' = 'en') {
  return run(process.execPath, ['--import', 'tsx', 'src/server/cli/admin.ts', ...args], {
    env: { ...process.env, DEMO: '0', MEEPRAAT_LANG: lang, DATA_DIR: target.env.DATA_DIR ?? '', DATABASE_URL: target.env.DATABASE_URL ?? '' },
  }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  )
}

const PASSWORD = 'spaarne-loopt-door-de-stad'

/**
 * What a new municipality does on a database without demo content, all without SQL: a region,
 * the municipality in it, its admin; the admin signs in, publishes a poll, and a resident answers.
 */
export async function newMunicipalityJourney(target: CliTarget): Promise<void> {
  const region = await adminIn(target, ['create-region', '--slug', 'zuid-kennemerland', '--name', 'Zuid-Kennemerland'])
  expect(region.code, region.out).toBe(0)
  expect(region.out).toContain('Created region Zuid-Kennemerland (zuid-kennemerland)')

  const created = await adminIn(target, ['create-municipality', '--slug', 'haarlem', '--name', 'Haarlem', '--region', 'zuid-kennemerland', '--areas', 'Centrum, Schalkwijk,Noord'])
  expect(created.code, created.out).toBe(0)
  expect(created.out).toContain('Created municipality Haarlem (haarlem) in region zuid-kennemerland, with 3 areas and the themes: opgroeien, meedoen, rondkomen, wonen en vervoer')

  const official = await adminIn(target, ['create-official', '--email', 'beheer@haarlem.nl', '--password', PASSWORD, '--municipality', 'haarlem', '--role', 'admin'])
  expect(official.code, official.out).toBe(0)

  await target.open(async (database) => {
    const app = await appOn(database)
    try {
      const list = (await app.inject({ url: '/api/municipalities' })).json() as { slug: string; region?: string }[]
      expect(list).toEqual([expect.objectContaining({ slug: 'haarlem', name: 'Haarlem', region: 'Zuid-Kennemerland', areas: ['Centrum', 'Schalkwijk', 'Noord'] })])

      // Admins need a second factor: the first sign-in leads through its enrolment.
      const session = await signInEnrollingSecondFactor(app, 'beheer@haarlem.nl', PASSWORD, NOW)
      const draft = await app.inject({ method: 'POST', url: '/api/official/items', headers: session.headers, payload: anItemDraft(new Date(NOW.getTime() - 60_000), { theme: 'meedoen' }) })
      expect(draft.statusCode, draft.body).toBe(201)
      const itemId = (draft.json() as { id: string }).id
      const published = await app.inject({ method: 'POST', url: `/api/official/items/${itemId}/publish`, headers: session.headers, payload: {} })
      expect(published.statusCode, published.body).toBe(200)

      const feed = ItemListSchema.parse((await app.inject({ url: '/api/items?municipality=haarlem' })).json())
      expect(feed.items.map((i) => i.id)).toEqual([itemId])
      const answer = await app.inject({ method: 'POST', url: '/api/submissions', payload: { submissions: [aSubmission(itemId, { answers: { q1: 'ja' } })] } })
      expect(answer.json()).toMatchObject({ results: [{ status: 'accepted' }] })
    } finally {
      await app.close()
    }
  })
}

/** The refusals: one line each, saying what is wrong; nothing is created. */
export async function refusalsOfNewMunicipality(target: CliTarget): Promise<void> {
  const twice = await adminIn(target, ['create-municipality', '--slug', 'haarlem', '--name', 'Haarlem'])
  expect([twice.code, twice.out.trim()]).toEqual([1, 'A municipality with slug haarlem exists already.'])
  const regionTwice = await adminIn(target, ['create-region', '--slug', 'zuid-kennemerland', '--name', 'Kennemerland'])
  expect([regionTwice.code, regionTwice.out.trim()]).toEqual([1, 'A region with slug zuid-kennemerland exists already.'])
  const unknownRegion = await adminIn(target, ['create-municipality', '--slug', 'bloemendaal', '--name', 'Bloemendaal', '--region', 'atlantis'])
  expect([unknownRegion.code, unknownRegion.out.trim()]).toEqual([1, 'Unknown region: atlantis. Create it first with create-region --slug atlantis --name NAME.'])
  const badSlug = await adminIn(target, ['create-municipality', '--slug', 'Bloemen Daal', '--name', 'Bloemendaal'])
  expect(badSlug.code).toBe(1)
  expect(badSlug.out.trim().split('\n')).toEqual([expect.stringMatching(/^--slug: use lowercase letters, digits and dashes/)])
  const dutch = await adminIn(target, ['create-municipality', '--slug', 'haarlem', '--name', 'Haarlem'], 'nl')
  expect(dutch.out.trim()).toBe('Er is al een gemeente met slug haarlem.')
  await target.open(async (database) => {
    const app = await appOn(database)
    try {
      const list = (await app.inject({ url: '/api/municipalities' })).json() as { slug: string }[]
      expect(list.map((m) => m.slug)).toEqual(['haarlem'])
    } finally {
      await app.close()
    }
  })
}
