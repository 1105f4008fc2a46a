/**
 * The public record of a draw by lot, and its verification.
 *
 * The record keeps what re-checking the draw needs and nothing that singles out a person: each
 * registration id is replaced by sha256(itemId + ':' + registrationId), so a registrant who
 * knows their own registration id can find themselves, and nobody else can. Since version 2 it
 * holds no per-person area, age band or category: categories appear only as counts, and a count
 * is published only when it and its complement are both at least {@link MIN_PUBLIC_COUNT}
 * people (so "all 6 members are clients" is as hidden as "1 client registered").
 *
 * What the public record proves (version 2, algorithm version 2): the panel and the waitlist
 * are exactly the registered hashes, each once; the panel has min(seats, registrants) members;
 * both are in ticket order, sha256(seed + ':' + hash), so nobody chose the order; and the
 * published category counts meet the reserved seats. Which member of a category was seated
 * cannot be re-checked without the per-person categories this record no longer holds: the
 * server re-runs the full draw before it publishes (`makeDrawRecord`), and a registrant can
 * check their own place. Version 1 records (full, with per-person fields, in files published
 * before) are still re-run in full.
 */
import { createHash } from 'node:crypto'
import { z } from 'zod'
import { ALGORITHM_VERSION_1, CATEGORIES, draw, KNOWN_ALGORITHM_VERSIONS, ticketOf, type DrawResult, type Quotas, type Registrant } from './draw'
import { compareIds } from './model'

const CategorySchema = z.enum(CATEGORIES as unknown as ['client_or_expert', 'youth'])
const Count = z.number().int().min(0)
/** A published count of people: null when it (or the rest of its group) is below {@link MIN_PUBLIC_COUNT}. */
const PublicCount = Count.nullable()
const Hash = z.string().regex(/^[0-9a-f]{64}$/, 'must be a lowercase sha256 hex digest')

/** A count of people in a category is published only when it and the rest are both at least this. */
export const MIN_PUBLIC_COUNT = 5

export const QuotasSchema = z.object({
  seats: Count,
  reserved: z.array(z.object({ category: CategorySchema, seats: Count })),
  targets: z.object({ ageBand: z.record(z.string(), Count).optional(), area: z.record(z.string(), Count).optional() }).optional(),
})

/** Version 1, as published until per-person fields were removed; still verified from files people kept. */
export const DrawRecordV1Schema = z.object({
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

export const DrawRecordV2Schema = z.object({
  version: z.literal(2),
  itemId: z.string().min(1),
  drawnAt: z.iso.datetime({ offset: true }),
  seed: z.string().min(1),
  algorithmVersion: z.string().min(1),
  quotas: QuotasSchema,
  /** Every registrant's hash, in hash order (records converted from version 1: registration-id order). */
  registrants: z.array(Hash),
  panel: z.array(Hash),
  waitlist: z.array(Hash),
  /** Per category: how many registered and how many are on the panel. */
  categories: z.array(z.object({ category: CategorySchema, registered: PublicCount, selected: PublicCount })),
  shortfalls: z.array(z.object({ category: CategorySchema, reserved: Count, available: PublicCount })),
  /** Set on records published before version 2, when the per-person fields were removed from them. */
  perPersonFieldsRemovedAt: z.iso.datetime({ offset: true }).optional(),
})

export const DrawRecordSchema = z.discriminatedUnion('version', [DrawRecordV1Schema, DrawRecordV2Schema])

/** The published draw document (JSON). */
export type DrawRecord = z.infer<typeof DrawRecordSchema>
export type DrawRecordV1 = z.infer<typeof DrawRecordV1Schema>
export type DrawRecordV2 = z.infer<typeof DrawRecordV2Schema>

/** The public pseudonym of a registration for one item: hex sha256(itemId + ':' + registrationId). */
export function registrantHash(itemId: string, registrationId: string): string {
  return createHash('sha256').update(`${itemId}:${registrationId}`, 'utf8').digest('hex')
}

/** A count as published: shown only when it and the rest of its group are both big enough. */
export function publicCount(count: number, groupSize: number): number | null {
  return count >= MIN_PUBLIC_COUNT && groupSize - count >= MIN_PUBLIC_COUNT ? count : null
}

export interface MakeDrawRecordInput {
  itemId: string
  drawnAt: Date | string
  seed: string
  quotas: Quotas
  registrants: Registrant[]
  /** The result of `draw` for this input (tickets keyed by {@link registrantHash}); recomputed and checked if given. */
  result?: DrawResult
}

/** The ticket key of a registration in a published draw: its public hash. */
export const ticketKeyFor =
  (itemId: string) =>
  (registrationId: string): string =>
    registrantHash(itemId, registrationId)

/**
 * Builds the public record of a draw. It re-runs the full draw (with every person's categories)
 * and throws if `result` is not what it gives, because publishing a record of another draw would
 * be worse than failing.
 */
export function makeDrawRecord(input: MakeDrawRecordInput): DrawRecordV2 {
  const result = draw({ seed: input.seed, registrants: input.registrants, quotas: input.quotas, ticketKey: ticketKeyFor(input.itemId) })
  if (input.result) {
    const same = JSON.stringify([input.result.panel, input.result.waitlist]) === JSON.stringify([result.panel, result.waitlist])
    if (!same || input.result.algorithmVersion !== result.algorithmVersion) throw new Error('makeDrawRecord: the given result is not the draw for this seed and input')
  }
  const toHash = ticketKeyFor(input.itemId)
  const n = input.registrants.length
  const onPanel = new Set(result.panel)
  return {
    version: 2,
    itemId: input.itemId,
    drawnAt: typeof input.drawnAt === 'string' ? input.drawnAt : input.drawnAt.toISOString(),
    seed: input.seed,
    algorithmVersion: result.algorithmVersion,
    quotas: input.quotas,
    registrants: input.registrants.map((r) => toHash(r.id)).sort(compareIds),
    panel: result.panel.map(toHash),
    waitlist: result.waitlist.map(toHash),
    categories: CATEGORIES.map((category) => {
      const members = input.registrants.filter((r) => r.categories.includes(category))
      return { category, registered: publicCount(members.length, n), selected: publicCount(members.filter((r) => onPanel.has(r.id)).length, result.panel.length) }
    }),
    shortfalls: result.shortfalls.map((s) => ({ ...s, available: publicCount(s.available, n) })),
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

/** What a verification established, so the CLI can say it in words. */
export interface DrawVerification {
  ok: boolean
  differences: string[]
  /** `reproduced`: the whole draw re-run (version 1); `checked`: what a version 2 record proves. */
  kind: 'reproduced' | 'checked'
  /** For `checked`: whether the order was checked from the seed (false for records converted from version 1). */
  orderChecked?: boolean
}

function unknownVersion(record: DrawRecord): DrawVerification | null {
  if (KNOWN_ALGORITHM_VERSIONS.includes(record.algorithmVersion)) return null
  return {
    ok: false,
    kind: record.version === 1 ? 'reproduced' : 'checked',
    differences: [`unknown algorithm version "${record.algorithmVersion}": this verifier implements only ${KNOWN_ALGORITHM_VERSIONS.map((v) => `"${v}"`).join(' and ')}, so it cannot check this draw`],
  }
}

/** Version 1: re-runs the draw on order-preserving stand-in labels and compares panel, waitlist and shortfalls. */
function verifyV1(record: DrawRecordV1): DrawVerification {
  const hashes = record.registrants.map((r) => r.hash)
  if (new Set(hashes).size !== hashes.length) return { ok: false, kind: 'reproduced', differences: ['registrants: a hash occurs more than once'] }
  const registrants: Registrant[] = record.registrants.map((r, i) => ({
    id: label(i),
    categories: r.categories,
    ...(r.ageBand !== undefined ? { ageBand: r.ageBand } : {}),
    ...(r.area !== undefined ? { area: r.area } : {}),
  }))
  let result: DrawResult
  try {
    result = draw({ seed: record.seed, registrants, quotas: record.quotas, algorithmVersion: record.algorithmVersion, ticketKey: (id) => hashes[Number(id.slice(1))] as string })
  } catch (error) {
    return { ok: false, kind: 'reproduced', differences: [`the draw cannot be re-run: ${error instanceof Error ? error.message : String(error)}`] }
  }
  const toHash = (id: string): string => hashes[Number(id.slice(1))] as string
  const differences = [...compareList('panel', record.panel, result.panel.map(toHash)), ...compareList('waitlist', record.waitlist, result.waitlist.map(toHash))]
  if (JSON.stringify(record.shortfalls) !== JSON.stringify(result.shortfalls)) {
    differences.push(`shortfalls: published ${JSON.stringify(record.shortfalls)}, the draw gives ${JSON.stringify(result.shortfalls)}`)
  }
  return { ok: differences.length === 0, kind: 'reproduced', differences }
}

function inTicketOrder(name: string, seed: string, list: readonly string[]): string[] {
  for (let i = 1; i < list.length; i++) {
    if (compareIds(ticketOf(seed, list[i - 1] as string), ticketOf(seed, list[i] as string)) > 0) return [`${name}[${i}]: not in ticket order (sha256(seed + ':' + hash)), so the order did not come from the seed`]
  }
  return []
}

function countProblems(record: DrawRecordV2): string[] {
  const out: string[] = []
  for (const category of CATEGORIES) {
    const reserved = record.quotas.reserved.find((q) => q.category === category)?.seats ?? 0
    const counts = record.categories.find((c) => c.category === category)
    const shortfall = record.shortfalls.find((s) => s.category === category)
    if (!counts) {
      out.push(`categories: ${category} is missing`)
      continue
    }
    const { registered, selected } = counts
    if (registered !== null && registered > record.registrants.length) out.push(`categories.${category}: ${registered} registered, but only ${record.registrants.length} people registered`)
    if (selected !== null && selected > record.panel.length) out.push(`categories.${category}: ${selected} selected, but the panel has ${record.panel.length} members`)
    if (registered !== null && selected !== null && selected > registered) out.push(`categories.${category}: more selected (${selected}) than registered (${registered})`)
    if (registered !== null && selected !== null && selected < Math.min(reserved, registered)) out.push(`categories.${category}: ${selected} on the panel, but ${Math.min(reserved, registered)} seats are reserved and enough registered`)
    if (shortfall && shortfall.reserved !== reserved) out.push(`shortfalls.${category}: ${shortfall.reserved} reserved, the quotas say ${reserved}`)
    if (shortfall && shortfall.available !== null && shortfall.available >= reserved) out.push(`shortfalls.${category}: ${shortfall.available} available is no shortfall for ${reserved} reserved seats`)
    if (registered !== null && registered < reserved && !shortfall) out.push(`shortfalls.${category}: ${registered} registered for ${reserved} reserved seats, but no shortfall is listed`)
    if (registered !== null && registered >= reserved && shortfall) out.push(`shortfalls.${category}: listed, but ${registered} registered for ${reserved} reserved seats`)
  }
  return out
}

/**
 * Version 2: checks what the public record can prove without per-person categories (see the
 * top of this file). For records converted from version 1 the order came from the PRNG stream
 * with the categories, so only membership, size and counts are checked, and the result says so.
 */
function verifyV2(record: DrawRecordV2): DrawVerification {
  const differences: string[] = []
  const registered = new Set(record.registrants)
  if (registered.size !== record.registrants.length) differences.push('registrants: a hash occurs more than once')
  const drawn = [...record.panel, ...record.waitlist]
  if (new Set(drawn).size !== drawn.length) differences.push('panel and waitlist: a hash occurs more than once')
  const drawnSet = new Set(drawn)
  const missing = record.registrants.filter((h) => !drawnSet.has(h))
  const strangers = drawn.filter((h) => !registered.has(h))
  if (missing.length > 0) differences.push(`registrants: ${missing.length} are neither on the panel nor on the waitlist (first: ${missing[0]})`)
  if (strangers.length > 0) differences.push(`panel and waitlist: ${strangers.length} are not registrants (first: ${strangers[0]})`)
  const size = Math.min(record.quotas.seats, record.registrants.length)
  if (record.panel.length !== size) differences.push(`panel: ${record.panel.length} members, the draw seats min(seats, registrants) = ${size}`)
  const orderChecked = record.algorithmVersion !== ALGORITHM_VERSION_1
  if (orderChecked) differences.push(...inTicketOrder('panel', record.seed, record.panel), ...inTicketOrder('waitlist', record.seed, record.waitlist))
  differences.push(...countProblems(record))
  return { ok: differences.length === 0, kind: 'checked', differences, orderChecked }
}

/**
 * Verifies a published record: a version 1 record by re-running the draw, a version 2 record by
 * the checks its public content allows. A record made by an algorithm version this code does not
 * implement is refused, not guessed at.
 */
export function verifyDrawRecord(record: DrawRecord): DrawVerification {
  return unknownVersion(record) ?? (record.version === 1 ? verifyV1(record) : verifyV2(record))
}

