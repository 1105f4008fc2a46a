import { readFileSync, writeFileSync } from 'node:fs'
import { sql } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { expect } from 'vitest'
import { queryRows, type Db } from '../../../src/server/db/client'
import { itemCsv, packedCsvWriter } from '../../../src/server/exports/item-export'
import { visibleAnswerCsvChunks, visibleAnswerPackedPages } from '../../../src/server/repos/export-repo'
import { visibleAnswers } from '../../../src/server/repos/input-repo'
import { upsertRegion } from '../../../src/server/repos/municipality-repo'
import { ownItem } from '../../../src/server/services/input-service'
import type { Question } from '../../../src/shared/schemas/question'
import { givenItem } from '../../support/factories'
import type { Session } from '../../support/officials'

/**
 * One item's input with everything an export must get right, stored as fixed rows (fixed ids and
 * times, so the CSV is the same bytes on every run and on both databases): hidden rows, a
 * redacted answer, cells that start like a formula, multi-value answers (multiple, ranking,
 * matrix), unicode, times with microseconds, ties on time, answers stored under older rules, and
 * another item's rows that must stay out. `input-export.golden.csv` is the CSV the export gave
 * for it before the export was rewritten for speed; the rewrite must give the same bytes.
 */
export const fixtureQuestions: Question[] = [
  { id: 'q1', type: 'single', label: 'Vind je het belangrijk?', required: true, options: [{ id: 'ja', label: 'Ja' }, { id: 'nee', label: '=Nee, "echt"' }] },
  { id: 'q2', type: 'multiple', label: 'Welke plekken?', required: false, max: 3, options: [{ id: 'a', label: 'Park' }, { id: 'b', label: 'Plein; markt' }, { id: 'c', label: 'Café Ümit' }] },
  { id: 'q3', type: 'scale', label: 'Hoe tevreden?', required: false, min: 1, max: 5 },
  { id: 'q4', type: 'text', label: 'Nog iets?', required: false, max: 500 },
  { id: 'plek', type: 'ranking', label: 'Wat eerst?', required: false, max: 2, options: [{ id: 'park', label: 'Park' }, { id: 'veld', label: 'Sportveld' }, { id: 'jeugd', label: 'Jongerencentrum' }] },
  { id: 'buurt', type: 'matrix', label: 'Mijn buurt', required: false, rows: [{ id: 'veilig', label: 'Is veilig' }, { id: 'schoon', label: 'Is schoon' }] },
]

/** The part of a text answer the redaction removes. */
export const REDACTED_PART = '06-12345678'
const REDACTED_TEXT = `Bel mij op ${REDACTED_PART} over de lantaarn`
export const REDACTED_SUBMISSION = '00000000-0000-4000-8000-000000000005'

const TEXTS = ['=SUM(A1:A9)', '+31 6 1234', '-5 graden', '@iedereen', '\tmet tab', '\rmet CR', 'Fijn, "echt" waar', 'Één; twee\nregels', 'مرحبا بالجميع', 'Дякую 🙏🏽', 'gewoon']
const AREAS = [null, 'Centrum', '=Noord', 'Wijk, "aan" Zee', 'Zuid-Oost']
const AGE_BANDS = [null, '18-23', '65+']

interface FixtureRow {
  submissionId: string
  answeredAt: string
  answers: unknown
  ageBand: string | null
  area: string | null
  /** On a regional item: the member municipality. */
  municipality?: string | null
  hidden?: boolean
}

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`

export function fixtureRows(): FixtureRow[] {
  const rows: FixtureRow[] = []
  for (let n = 1; n <= 60; n++) {
    const answers: Record<string, unknown> = { q1: n % 3 === 0 ? 'nee' : 'ja' }
    if (n % 4 !== 0) answers.q2 = n % 4 === 1 ? ['a'] : n % 4 === 2 ? ['c', 'b'] : ['a', 'b', 'c']
    if (n % 5 !== 0) answers.q3 = (n % 5) + 1
    if (n % 2 === 0) answers.q4 = TEXTS[(n / 2) % TEXTS.length]
    if (n % 6 === 1) answers.plek = n % 12 === 1 ? ['veld', 'park'] : ['jeugd']
    if (n % 7 === 2) answers.buurt = n % 14 === 2 ? { veilig: 4, schoon: 2 } : { schoon: 5 }
    rows.push({
      submissionId: id(n),
      // Three answers share each second (the submission id breaks the tie); some carry microseconds.
      answeredAt: `2026-06-01T10:${String(Math.floor(n / 3)).padStart(2, '0')}:00${n % 4 === 0 ? '.123456' : n % 4 === 1 ? '.9999' : ''}Z`,
      answers,
      ageBand: AGE_BANDS[n % AGE_BANDS.length]!,
      area: AREAS[n % AREAS.length]!,
      hidden: n % 17 === 0,
    })
  }
  rows.find((r) => r.submissionId === REDACTED_SUBMISSION)!.answers = { q1: 'ja', q4: REDACTED_TEXT }
  // Stored under older rules: an option that is gone, a scale value out of range, a string where a
  // list belongs, a JSON null, a number as text; written as they are.
  rows.push({ submissionId: id(101), answeredAt: '2026-06-01T11:00:00Z', answers: { q1: 'misschien', q3: 9 }, ageBand: null, area: null })
  rows.push({ submissionId: id(102), answeredAt: '2026-06-01T11:00:01Z', answers: { q1: 'ja', q2: 'a', q3: null }, ageBand: null, area: null })
  rows.push({ submissionId: id(103), answeredAt: '2026-06-01T11:00:02Z', answers: { q1: 'ja', q4: 42, buurt: { veilig: 9 } }, ageBand: null, area: null })
  // Profile texts with the export's packing marks in them (a unit separator; a record separator first).
  rows.push({ submissionId: id(104), answeredAt: '2026-06-01T11:00:03Z', answers: { q1: 'ja' }, ageBand: null, area: 'Noord\x1fZuid' })
  rows.push({ submissionId: id(105), answeredAt: '2026-06-01T11:00:04Z', answers: { q1: 'nee' }, ageBand: '\x1e18-23', area: '' })
  return rows
}

async function insertRows(db: Db, itemId: string, rows: readonly FixtureRow[]): Promise<void> {
  for (const r of rows) {
    await db.execute(sql`insert into current_answers (item_id, device_key, submission_id, answered_at, answers, age_band, area, municipality, hidden)
      values (${itemId}, ${`device-${r.submissionId}`}, ${r.submissionId}, ${r.answeredAt}::timestamptz, ${JSON.stringify(r.answers)}::jsonb, ${r.ageBand}, ${r.area}, ${r.municipality ?? null}, ${r.hidden ?? false})`)
  }
}

/**
 * The same rows on an item without the free-text question, whose export keeps whole rows' cells
 * (everything but id and time) instead of each answer's: its CSV must equal the row-object writer's.
 */
export async function givenChoiceOnlyFixture(db: Db, now: Date): Promise<string> {
  const itemId = await givenItem(db, now, { questions: fixtureQuestions.filter((q) => q.type !== 'text'), title: 'Alleen keuzes' })
  await insertRows(db, itemId, fixtureRows().map((r) => ({ ...r, submissionId: r.submissionId.replace('8000-0', '8000-8') })))
  return itemId
}

/**
 * The same rows on an item with free text first, in the middle and last, between the other
 * questions: the export cuts each row's free text off and keeps the rest's cells, so the cells
 * must still land in the questions' order.
 */
export async function givenFreeTextBetweenFixture(db: Db, now: Date): Promise<string> {
  const text = (id: string, label: string): Question => ({ id, type: 'text', label, required: false, max: 500 })
  const byId = new Map(fixtureQuestions.map((q) => [q.id, q]))
  const questions = [text('eerst', 'Eerst dit'), byId.get('q1')!, byId.get('q4')!, byId.get('q3')!, byId.get('buurt')!, text('laatst', 'Tot slot')]
  const itemId = await givenItem(db, now, { questions, title: 'Vrije tekst tussendoor' })
  const rows = fixtureRows().map((r, i) => {
    const answers = { ...(r.answers as Record<string, unknown>) }
    if (i % 3 !== 0) answers.eerst = TEXTS[i % TEXTS.length]
    if (i % 4 === 1) answers.laatst = TEXTS[(i + 5) % TEXTS.length]
    return { ...r, submissionId: r.submissionId.replace('8000-0', '8000-6'), answers }
  })
  await insertRows(db, itemId, rows)
  return itemId
}

const MEMBERS = ['beverwijk', null, 'velsen']

/**
 * The same rows on an item for the whole region, each with a member municipality (or none): its
 * CSV has the municipality column between the profile and the answers.
 */
export async function givenRegionalFixture(db: Db, now: Date): Promise<string> {
  await upsertRegion(db, { slug: 'ijmond', name: 'IJmond' })
  const itemId = await givenItem(db, now, { questions: fixtureQuestions, title: 'Voor de hele regio', region: 'ijmond' })
  await insertRows(db, itemId, fixtureRows().map((r, i) => ({ ...r, submissionId: r.submissionId.replace('8000-0', '8000-7'), municipality: MEMBERS[i % MEMBERS.length]! })))
  return itemId
}

/** The fixture item with its rows, another item's rows beside it, and one text answer redacted through the route. */
export async function givenExportFixture(app: FastifyInstance, session: Session, now: Date): Promise<string> {
  const db = app.database.db
  const itemId = await givenItem(db, now, { questions: fixtureQuestions })
  const otherId = await givenItem(db, now, { questions: fixtureQuestions, title: 'Ander item' })
  await insertRows(db, itemId, fixtureRows())
  await insertRows(db, otherId, fixtureRows().slice(0, 5).map((r) => ({ ...r, submissionId: r.submissionId.replace('8000-0', '8000-9') })))
  const start = REDACTED_TEXT.indexOf(REDACTED_PART)
  const res = await app.inject({
    method: 'POST',
    url: `/api/official/items/${itemId}/answers/${REDACTED_SUBMISSION}/redact`,
    headers: session.headers,
    payload: { questionId: 'q4', part: { start, end: start + REDACTED_PART.length, text: REDACTED_PART } },
  })
  expect(res.statusCode, res.body).toBe(200)
  return itemId
}

/** The CSV of the fixture item written from packed pages of `pageRows` rows: pages of any size must give the same bytes. */
export async function csvFromPackedPages(db: Db, itemId: string, now: Date, pageRows: number): Promise<string> {
  const item = await ownItem(db, 'beverwijk', itemId, now)
  const csv = packedCsvWriter(item)
  let text = csv.header
  await db.transaction(async (tx) => {
    for await (const page of visibleAnswerPackedPages(tx, itemId, csv.questionIds, pageRows)) {
      expect(page.length).toBeLessThanOrEqual(pageRows)
      for (const packed of page) text += csv.line(packed)
    }
  })
  return text
}

const GOLDEN = new URL('./input-export.golden.csv', import.meta.url)
export const goldenCsv = (): string => readFileSync(GOLDEN, 'utf8')

/**
 * The CSV of the row-object writer (`itemCsv` over `visibleAnswers`), which the export streamed
 * before it was rewritten for speed.
 */
export async function referenceCsv(db: Db, itemId: string, now: Date): Promise<string> {
  return itemCsv(await ownItem(db, 'beverwijk', itemId, now), await visibleAnswers(db, itemId))
}

/** With WRITE_EXPORT_GOLDEN=1, stores the fixture item's reference CSV as the golden file. */
export function storeGoldenIfAsked(referenceOfFixtureItem: string): void {
  if (process.env.WRITE_EXPORT_GOLDEN) writeFileSync(GOLDEN, referenceOfFixtureItem)
}

/** What every fixture export must show besides being the golden bytes: the checks say why a difference matters. */
export function expectFixtureProperties(csv: string): void {
  const hidden = fixtureRows().filter((r) => r.hidden)
  expect(hidden).toHaveLength(3)
  for (const r of hidden) expect(csv).not.toContain(r.submissionId)
  expect(csv).not.toContain(REDACTED_PART)
  expect(csv).not.toContain('8000-9')
  // No cell starts like a formula: each such cell is quoted with an apostrophe in front.
  expect(csv.match(/(^|,)([=+\-@\t]|\r(?!\n))/gm)).toBeNull()
  expect(csv).toContain(`"'=SUM(A1:A9)"`)
}

/**
 * The scenarios of `input-export-bytes.test.ts` (PGlite) and `-postgres` (PostgreSQL): the same
 * checks on both databases, since the rows are packed by the database's own SQL.
 */
export interface ExportWorld {
  app: FastifyInstance
  /** An official of Beverwijk, signed in. */
  session: Session
  now: Date
}

export async function streamsTheGoldenBytes(w: ExportWorld): Promise<void> {
  const db = w.app.database.db
  const itemId = await givenExportFixture(w.app, w.session, w.now)
  const res = await w.app.inject({ method: 'GET', url: `/api/official/items/${itemId}/export?format=csv`, headers: w.session.headers })
  expect(res.statusCode).toBe(200)
  expectFixtureProperties(res.body)
  const reference = await referenceCsv(db, itemId, w.now)
  storeGoldenIfAsked(reference)
  expect(res.body).toBe(reference)
  expect(res.body).toBe(goldenCsv())
  // Page boundaries anywhere (one row, a few, all at once) change nothing.
  for (const pageRows of [1, 7, 1000]) expect(await csvFromPackedPages(db, itemId, w.now, pageRows)).toBe(goldenCsv())
}

export async function streamsAChoiceOnlyItemAsTheRowObjectWriter(w: ExportWorld): Promise<void> {
  const db = w.app.database.db
  const itemId = await givenChoiceOnlyFixture(db, w.now)
  const res = await w.app.inject({ method: 'GET', url: `/api/official/items/${itemId}/export?format=csv`, headers: w.session.headers })
  expect(res.statusCode).toBe(200)
  const reference = await referenceCsv(db, itemId, w.now)
  // Header, one line per visible row, and the empty rest after the last line end.
  expect(reference.split('\r\n')).toHaveLength(fixtureRows().filter((r) => !r.hidden).length + 2)
  expect(res.body).toBe(reference)
}

export async function streamsARegionalItemAsTheRowObjectWriter(w: ExportWorld): Promise<void> {
  const db = w.app.database.db
  const itemId = await givenRegionalFixture(db, w.now)
  const reference = await referenceCsv(db, itemId, w.now)
  expect(reference).toMatch(/^\uFEFFsubmission_id,answered_at,age_band,area,municipality,/)
  expect(reference).toContain(',velsen,')
  for (const pageRows of [7, 1000]) expect(await csvFromPackedPages(db, itemId, w.now, pageRows)).toBe(reference)
}

export async function streamsFreeTextBetweenOtherQuestionsAsTheRowObjectWriter(w: ExportWorld): Promise<void> {
  const db = w.app.database.db
  const itemId = await givenFreeTextBetweenFixture(db, w.now)
  const reference = await referenceCsv(db, itemId, w.now)
  expect(reference).toMatch(/^\uFEFFsubmission_id,answered_at,age_band,area,Eerst dit,Vind je het belangrijk\?,Nog iets\?,Hoe tevreden\?,/)
  expect(reference).toContain(`"'=SUM(A1:A9)"`)
  const res = await w.app.inject({ method: 'GET', url: `/api/official/items/${itemId}/export?format=csv`, headers: w.session.headers })
  expect(res.statusCode).toBe(200)
  expect(res.body).toBe(reference)
  for (const pageRows of [1, 1000]) expect(await csvFromPackedPages(db, itemId, w.now, pageRows)).toBe(reference)
}

/** Times whose fraction PostgreSQL writes with 0 to 6 digits (it drops trailing zeros). */
const FRACTIONS = ['', '.5', '.25', '.1', '.120', '.100', '.1234', '.99999', '.000001', '.999999', '.05']

export async function writesAnswerTimesOfAnyPrecisionAsTheRowObjectWriter(w: ExportWorld): Promise<void> {
  const db = w.app.database.db
  const itemId = await givenItem(db, w.now, { questions: fixtureQuestions.filter((q) => q.type === 'single'), title: 'Tijden' })
  await insertRows(db, itemId, FRACTIONS.map((fraction, i) => ({ submissionId: id(200 + i), answeredAt: `2026-06-01T09:0${i % 10}:0${i % 7}${fraction}Z`, answers: { q1: 'ja' }, ageBand: null, area: null })))
  const reference = await referenceCsv(db, itemId, w.now)
  const times = reference.split('\r\n').slice(1, -1).map((line) => line.split(',')[1])
  expect(times).toContain('2026-06-01T09:02:02.250Z')
  expect(times).toContain('2026-06-01T09:07:00.999Z')
  expect(times).toContain('2026-06-01T09:00:00.000Z')
  const res = await w.app.inject({ method: 'GET', url: `/api/official/items/${itemId}/export?format=csv`, headers: w.session.headers })
  expect(res.body).toBe(reference)
  expect(await csvFromPackedPages(db, itemId, w.now, 1000)).toBe(reference)
}

/** The fixture item's CSV through `visibleAnswerCsvChunks` in a transaction whose session writes times in another DateStyle. */
export async function writesIsoTimesWhateverTheSessionsDateStyle(w: ExportWorld): Promise<void> {
  const db = w.app.database.db
  const itemId = await givenExportFixture(w.app, w.session, w.now)
  const item = await ownItem(db, 'beverwijk', itemId, w.now)
  const csv = packedCsvWriter(item)
  let text = csv.header
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local datestyle = 'SQL, DMY'`)
    const [shown] = await queryRows<{ t: string }>(tx, sql`select '2026-06-01 10:00:00'::timestamp::text as t`)
    expect(shown?.t).toBe('01/06/2026 10:00:00')
    for await (const chunk of visibleAnswerCsvChunks(tx, itemId, csv.questionIds, csv.line, 100)) text += chunk.text
  })
  expect(text).toBe(goldenCsv())
}
