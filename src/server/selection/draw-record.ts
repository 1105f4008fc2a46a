/**
 * The public record of a draw by lot, and its verification.
 *
 * The record contains everything needed to re-run the draw, and nothing that identifies a
 * person: each registration id is replaced by sha256(itemId + ':' + registrationId), so a
 * registrant who knows their own registration id can find themselves, and nobody else can.
 *
 * Registrants are listed in the order of their registration ids. `draw` uses ids only through
 * their order (it sorts them, and everything after that is positional), so re-running it on
 * order-preserving stand-in labels gives the same panel, and we can map those labels to hashes.
 * The order itself carries no information because registration ids are random UUIDs. For a draw
 * that even the server cannot steer, publish this list before the seed is known and take the seed
 * from a public source afterwards (see README).
 */
import { createHash } from 'node:crypto'
import { z } from 'zod'
import { ALGORITHM_VERSION, CATEGORIES, draw, type DrawResult, type Quotas, type Registrant } from './draw'
import { compareIds } from './model'

const CategorySchema = z.enum(CATEGORIES as unknown as ['client_or_expert', 'youth'])
const Count = z.number().int().min(0)
const Hash = z.string().regex(/^[0-9a-f]{64}$/, 'must be a lowercase sha256 hex digest')

export const QuotasSchema = z.object({
  seats: Count,
  reserved: z.array(z.object({ category: CategorySchema, seats: Count })),
  targets: z.object({ ageBand: z.record(z.string(), Count).optional(), area: z.record(z.string(), Count).optional() }).optional(),
})

export const DrawRecordSchema = z.object({
  version: z.literal(1),
  itemId: z.string().min(1),
  drawnAt: z.iso.datetime({ offset: true }),
  seed: z.string().min(1),
  algorithmVersion: z.string().min(1),
  quotas: QuotasSchema,
  registrants: z.array(z.object({ hash: Hash, categories: z.array(CategorySchema), ageBand: z.string().optional(), area: z.string().optional() })),
  panel: z.array(Hash),
  waitlist: z.array(Hash),
  shortfalls: z.array(z.object({ category: CategorySchema, reserved: Count, available: Count })),
})

/** The published draw document (JSON). */
export type DrawRecord = z.infer<typeof DrawRecordSchema>

/** The public pseudonym of a registration for one item: hex sha256(itemId + ':' + registrationId). */
export function registrantHash(itemId: string, registrationId: string): string {
  return createHash('sha256').update(`${itemId}:${registrationId}`, 'utf8').digest('hex')
}

export interface MakeDrawRecordInput {
  itemId: string
  drawnAt: Date | string
  seed: string
  quotas: Quotas
  registrants: Registrant[]
  /** The result of `draw({ seed, registrants, quotas })`; recomputed (and checked) if given. */
  result?: DrawResult
}

/**
 * Builds the public record of a draw. Throws if `result` is not what `draw` gives for this
 * input, because publishing a record that does not verify would be worse than failing.
 */
export function makeDrawRecord(input: MakeDrawRecordInput): DrawRecord {
  const result = draw({ seed: input.seed, registrants: input.registrants, quotas: input.quotas })
  if (input.result) {
    const same = JSON.stringify([input.result.panel, input.result.waitlist]) === JSON.stringify([result.panel, result.waitlist])
    if (!same || input.result.algorithmVersion !== result.algorithmVersion) throw new Error('makeDrawRecord: the given result is not the draw for this seed and input')
  }
  const hashOf = new Map(input.registrants.map((r) => [r.id, registrantHash(input.itemId, r.id)]))
  const toHash = (id: string): string => hashOf.get(id) as string
  const ordered = input.registrants.slice().sort((a, b) => compareIds(a.id, b.id))
  return {
    version: 1,
    itemId: input.itemId,
    drawnAt: typeof input.drawnAt === 'string' ? input.drawnAt : input.drawnAt.toISOString(),
    seed: input.seed,
    algorithmVersion: result.algorithmVersion,
    quotas: input.quotas,
    registrants: ordered.map((r) => ({
      hash: toHash(r.id),
      categories: r.categories.slice(),
      ...(r.ageBand !== undefined ? { ageBand: r.ageBand } : {}),
      ...(r.area !== undefined ? { area: r.area } : {}),
    })),
    panel: result.panel.map(toHash),
    waitlist: result.waitlist.map(toHash),
    shortfalls: result.shortfalls,
  }
}

/** Validates unknown JSON as a draw record; the error lists every problem with its path. */
export function parseDrawRecord(json: unknown): { ok: true; record: DrawRecord } | { ok: false; problems: string[] } {
  const parsed = DrawRecordSchema.safeParse(json)
  if (parsed.success) return { ok: true, record: parsed.data }
  return { ok: false, problems: parsed.error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(record)'}: ${i.message}`) }
}

const label = (i: number): string => `r${String(i).padStart(10, '0')}`

function compareList(name: string, published: readonly string[], reproduced: readonly string[]): string[] {
  const out: string[] = []
  if (published.length !== reproduced.length) out.push(`${name}: published ${published.length} entries, the draw gives ${reproduced.length}`)
  const n = Math.max(published.length, reproduced.length)
  for (let i = 0; i < n && out.length < 20; i++) {
    if (published[i] !== reproduced[i]) out.push(`${name}[${i}]: published ${published[i] ?? '(none)'}, the draw gives ${reproduced[i] ?? '(none)'}`)
  }
  return out
}

/**
 * Re-runs the draw from a record and compares panel, waitlist, shortfalls and algorithm version.
 * A record made by an algorithm version this code does not implement is refused, not guessed at.
 */
export function verifyDrawRecord(record: DrawRecord): { ok: boolean; differences: string[] } {
  if (record.algorithmVersion !== ALGORITHM_VERSION) {
    return {
      ok: false,
      differences: [`unknown algorithm version "${record.algorithmVersion}": this verifier implements only "${ALGORITHM_VERSION}", so it cannot check this draw`],
    }
  }
  const hashes = record.registrants.map((r) => r.hash)
  if (new Set(hashes).size !== hashes.length) return { ok: false, differences: ['registrants: a hash occurs more than once'] }
  const registrants: Registrant[] = record.registrants.map((r, i) => ({
    id: label(i),
    categories: r.categories,
    ...(r.ageBand !== undefined ? { ageBand: r.ageBand } : {}),
    ...(r.area !== undefined ? { area: r.area } : {}),
  }))
  let result: DrawResult
  try {
    result = draw({ seed: record.seed, registrants, quotas: record.quotas })
  } catch (error) {
    return { ok: false, differences: [`the draw cannot be re-run: ${error instanceof Error ? error.message : String(error)}`] }
  }
  const toHash = (id: string): string => hashes[Number(id.slice(1))] as string
  const differences = [
    ...compareList('panel', record.panel, result.panel.map(toHash)),
    ...compareList('waitlist', record.waitlist, result.waitlist.map(toHash)),
  ]
  if (JSON.stringify(record.shortfalls) !== JSON.stringify(result.shortfalls)) {
    differences.push(`shortfalls: published ${JSON.stringify(record.shortfalls)}, the draw gives ${JSON.stringify(result.shortfalls)}`)
  }
  return { ok: differences.length === 0, differences }
}
