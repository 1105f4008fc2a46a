import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../src/server/app'
import { listTables } from '../../src/server/backup/catalog'
import { tableDigests, type TableDigest } from '../../src/server/backup/rows'
import { createDatabase, type Database, type Db } from '../../src/server/db/client'
import { seedDemoIfEmpty } from '../../src/server/demo/seed'
import { ItemListSchema } from '../../src/shared/schemas/item'
import type { Submission } from '../../src/shared/schemas/submission'
import { aSubmission, givenItem } from './factories'
import { createMemoryNotifier } from './memory-notifier'

/** The clock every app in these tests runs on, so items open and close alike on both sides. */
export const NOW = new Date('2026-06-01T12:00:00Z')

const run = promisify(execFile)

/** Runs `npm run admin -- ...args` as the operator would, in its own process. */
export function admin(args: string[], env: { DATA_DIR?: string; DATABASE_URL?: string; MEEPRAAT_LANG?: 'nl' | 'en' }) {
  return run(process.execPath, ['--import', 'tsx', 'src/server/cli/admin.ts', ...args], {
    // English: the tests read the messages in English (Dutch, the default, has its own tests).
    env: { ...process.env, DATA_DIR: env.DATA_DIR ?? '', DATABASE_URL: env.DATABASE_URL ?? '', MEEPRAAT_LANG: env.MEEPRAAT_LANG ?? 'en' },
  }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  )
}

export function appOn(database: Database): Promise<FastifyInstance> {
  return buildApp({ database, clock: () => NOW, ownsDatabase: false, notifier: createMemoryNotifier(), publicUrl: 'http://meepraat.test' })
}

/**
 * An installation in use: the demo content plus a poll with answers from 7 devices (one of
 * them changing its answer, one answering a second time with the same submission id).
 */
export async function seedInstallation(database: Database): Promise<{ itemId: string }> {
  await seedDemoIfEmpty(database.db, NOW)
  const itemId = await givenItem(database.db, NOW, { title: 'Back-up peiling' })
  const app = await appOn(database)
  try {
    const answers: Submission['answers'][] = [{ q1: 'ja', q2: ['a', 'b'], q3: 4 }, { q1: 'nee', q3: 2 }, { q1: 'ja', q4: 'Meer bankjes' }, { q1: 'ja', q2: ['c'] }, { q1: 'nee' }, { q1: 'ja', q3: 5 }, { q1: 'nee', q2: ['a'] }]
    const submissions = answers.map((a) => aSubmission(itemId, { answers: a }))
    const changed = aSubmission(itemId, { deviceId: submissions[0]!.deviceId, answeredAt: '2026-06-01T11:30:00.000Z', answers: { q1: 'nee', q3: 1 } })
    for (const batch of [submissions, [changed, submissions[1]!]]) {
      const res = await app.inject({ method: 'POST', url: '/api/submissions', payload: { submissions: batch } })
      if (res.statusCode !== 200) throw new Error(`submissions: ${res.statusCode} ${res.body}`)
    }
  } finally {
    await app.close()
  }
  return { itemId }
}

/** Opens an embedded DATA_DIR for a moment (the CLI must not run meanwhile). */
export async function withEmbedded<T>(dataDir: string, fn: (database: Database) => Promise<T>): Promise<T> {
  const database = await createDatabase({ dataDir, role: 'test' })
  try {
    return await fn(database)
  } finally {
    await database.close()
  }
}

export async function withPostgres<T>(url: string, fn: (database: Database) => Promise<T>): Promise<T> {
  const database = await createDatabase({ url, poolSize: 4 })
  try {
    return await fn(database)
  } finally {
    await database.close()
  }
}

/** Row count and content digest (xid8 columns aside) of every table. */
export async function contentOf(db: Db): Promise<Record<string, TableDigest>> {
  return Object.fromEntries(await tableDigests(db, await listTables(db)))
}

/** What residents see: every municipality's feed (ids and titles) and the poll's results. */
export async function publicView(app: FastifyInstance, itemId: string): Promise<unknown> {
  const municipalities = (await app.inject({ url: '/api/municipalities' })).json() as { slug: string }[]
  const feeds: Record<string, string[]> = {}
  for (const m of municipalities) {
    const feed = ItemListSchema.parse((await app.inject({ url: `/api/items?municipality=${m.slug}` })).json())
    feeds[m.slug] = feed.items.map((i) => `${i.id} ${i.title} ${i.status}`).sort()
  }
  const results = await app.inject({ url: `/api/items/${itemId}/results` })
  return { municipalities, feeds, results: { status: results.statusCode, body: results.json() as unknown } }
}

/** The feed of one municipality read with `since`: the ids it returns, and its next cursor. */
export async function feedSince(app: FastifyInstance, municipality: string, since?: string): Promise<{ ids: string[]; cursor: string }> {
  const res = await app.inject({ url: `/api/items?municipality=${municipality}${since ? `&since=${since}` : ''}` })
  const feed = ItemListSchema.parse(res.json())
  return { ids: feed.items.map((i) => i.id).sort(), cursor: feed.cursor }
}
