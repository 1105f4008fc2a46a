import { eq } from 'drizzle-orm'
import type { Db } from '../../src/server/db/client'
import { items } from '../../src/server/db/schema'
import { upsertMunicipality, upsertRegion } from '../../src/server/repos/municipality-repo'
import type { ItemDraft } from '../../src/shared/schemas/item-draft'
import type { Question } from '../../src/shared/schemas/question'
import type { Submission } from '../../src/shared/schemas/submission'

const DAY = 24 * 60 * 60 * 1000

export async function givenMunicipality(db: Db, slug = 'beverwijk', name = 'Beverwijk'): Promise<string> {
  await upsertRegion(db, { slug: 'ijmond', name: 'IJmond' })
  await upsertMunicipality(db, { slug, name, region: 'ijmond', areas: ['Centrum', 'Noord'] })
  return slug
}

export const pollQuestions: Question[] = [
  {
    id: 'q1',
    type: 'single',
    label: 'Vind je het belangrijk?',
    required: true,
    options: [
      { id: 'ja', label: 'Ja' },
      { id: 'nee', label: 'Nee' },
    ],
  },
  { id: 'q2', type: 'multiple', label: 'Welke plekken?', required: false, max: 2, options: [
    { id: 'a', label: 'A' },
    { id: 'b', label: 'B' },
    { id: 'c', label: 'C' },
  ] },
  { id: 'q3', type: 'scale', label: 'Hoe tevreden?', required: false, min: 1, max: 5 },
  { id: 'q4', type: 'text', label: 'Nog iets?', required: false, max: 100 },
]

type ItemInsert = typeof items.$inferInsert

/** A published item of `municipality`, open around `now` unless overridden. */
export async function givenItem(db: Db, now: Date, overrides: Partial<ItemInsert> = {}): Promise<string> {
  const [row] = await db
    .insert(items)
    .values({
      municipality: 'beverwijk',
      kind: 'poll',
      title: 'Testpeiling',
      summary: 'Een korte peiling',
      theme: 'opgroeien',
      ladder: 'raadplegen',
      phase: 'agenda',
      opensAt: new Date(now.getTime() - DAY),
      closesAt: new Date(now.getTime() + 10 * DAY),
      feedbackDueAt: new Date(now.getTime() + 40 * DAY),
      questions: pollQuestions,
      publishedAt: new Date(now.getTime() - 2 * DAY),
      ...overrides,
    })
    .returning({ id: items.id })
  return row!.id
}

export async function editItem(db: Db, id: string, changes: Partial<ItemInsert>): Promise<void> {
  await db.update(items).set(changes).where(eq(items.id, id))
}

let deviceCounter = 0
/** A device id of the contract's form (>= 128 bits). */
export function newDeviceId(): string {
  deviceCounter += 1
  return `device-${deviceCounter.toString().padStart(4, '0')}-${crypto.randomUUID().replace(/-/g, '')}`
}

export function aSubmission(itemId: string, overrides: Partial<Submission> = {}): Submission {
  return {
    id: crypto.randomUUID(),
    itemId,
    deviceId: newDeviceId(),
    answeredAt: new Date('2026-06-01T11:00:00Z').toISOString(),
    answers: { q1: 'ja' },
    ...overrides,
  }
}

/** What an official fills in for a new flash poll, open from `now` for 10 days. */
export function anItemDraft(now: Date, overrides: Partial<ItemDraft> = {}): ItemDraft {
  const at = now.getTime()
  return {
    kind: 'poll',
    title: 'Wil je meepraten?',
    summary: 'Een korte peiling voor jongeren.',
    theme: 'opgroeien',
    ladder: 'raadplegen',
    phase: 'agenda',
    opensAt: new Date(at).toISOString(),
    closesAt: new Date(at + 10 * DAY).toISOString(),
    feedbackDueAt: new Date(at + 40 * DAY).toISOString(),
    resultsVisibility: 'direct',
    questions: pollQuestions,
    ...overrides,
  }
}
