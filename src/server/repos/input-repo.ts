import { and, count, eq, sql } from 'drizzle-orm'
import type { BreakdownGroup, HideReason, TextAnswerPage } from '../../shared/schemas/input'
import { isFreeText } from '../../shared/question-types/registry'
import type { Item } from '../../shared/schemas/item'
import type { Answers, Question } from '../../shared/schemas/question'
import { findPersonalData } from '../../shared/validation/personal-data'
import { queryRows, type Db } from '../db/client'
import { currentAnswers } from '../db/schema'
import { applyAnswerDeltas, talliedAnswerOf } from './answer-tallies'
import { profileOfColumns, type ProfileColumns } from './breakdown-counts'
import { BreakdownAccumulator } from './breakdown-repo'
import { lockDeviceAnswers } from './submission-repo'

export interface AnswerRow {
  submissionId: string
  answeredAt: Date
  answers: Answers
  ageBand: string | null
  area: string | null
  /** On a regional item: the member municipality the resident is in, when known. */
  municipality: string | null
  /** `app`, or how an official entered it (paper, phone, meeting), and the partner that collected it. */
  channel: string
  partnerId: string | null
}

/** The current, not hidden, answers of an item: what exports and breakdowns are made of. */
export async function visibleAnswers(db: Db, itemId: string): Promise<AnswerRow[]> {
  return db
    .select({
      submissionId: currentAnswers.submissionId,
      answeredAt: currentAnswers.answeredAt,
      answers: currentAnswers.answers,
      ageBand: currentAnswers.ageBand,
      area: currentAnswers.area,
      municipality: currentAnswers.municipality,
      channel: currentAnswers.channel,
      partnerId: currentAnswers.partnerId,
    })
    .from(currentAnswers)
    .where(and(eq(currentAnswers.itemId, itemId), eq(currentAnswers.hidden, false)))
    // The submission id breaks ties, so the same input always exports in the same order.
    .orderBy(currentAnswers.answeredAt, currentAnswers.submissionId)
}

/** Rows per fetch while an export streams: memory stays flat however many answers an item has. */
export const EXPORT_PAGE_ROWS = 2000

/**
 * The same rows as `visibleAnswers`, in the same order, a page at a time through a cursor of the
 * caller's transaction: the database sorts once and hands the rows over in pages, so neither it
 * nor the server holds all of them. Must run inside a transaction (the cursor lives in it).
 */
export async function* visibleAnswerPages(tx: Db, itemId: string, pageRows = EXPORT_PAGE_ROWS): AsyncGenerator<AnswerRow[]> {
  await tx.execute(sql`declare visible_answers_export no scroll cursor for
    select submission_id, answered_at, answers, age_band, area, municipality, channel, partner_id from current_answers
    where item_id = ${itemId} and not hidden order by answered_at, submission_id`)
  try {
    for (;;) {
      const rows = await queryRows<ProfileColumns & { submission_id: string; answered_at: Date | string; answers: Answers; channel: string }>(
        tx,
        sql.raw(`fetch forward ${Math.trunc(pageRows)} from visible_answers_export`),
      )
      if (rows.length === 0) return
      yield rows.map((r) => ({
        submissionId: r.submission_id,
        answeredAt: r.answered_at instanceof Date ? r.answered_at : new Date(r.answered_at),
        answers: r.answers,
        ...profileOfColumns(r),
        channel: r.channel,
      }))
    }
  } finally {
    await tx.execute(sql`close visible_answers_export`).catch(() => undefined)
  }
}

export async function hiddenCount(db: Db, itemId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(currentAnswers).where(and(eq(currentAnswers.itemId, itemId), eq(currentAnswers.hidden, true)))
  return row?.n ?? 0
}

/**
 * Results per group (age band or area) of answers already read, in one pass. Groups and cells
 * with fewer than MIN_CELL_SIZE respondents are null, so a small group cannot be traced to a
 * person. The officials' overview sums in the database instead (`answerBreakdowns`); both add up
 * through the same accumulator.
 */
export function breakdown(questions: readonly Question[], rows: readonly AnswerRow[], groupOf: (r: AnswerRow) => string | null): BreakdownGroup[] {
  const sums = new BreakdownAccumulator(questions)
  for (const r of rows) sums.addAnswers(groupOf(r), r.answers)
  return sums.groups()
}

/**
 * Text answers of an item, paged and searchable, hidden ones included (marked) for moderation,
 * each with what in it looks like personal data (phone, e-mail, postcode, IBAN, BSN).
 */
export async function textAnswers(db: Db, item: Item, query: { question?: string | undefined; search?: string | undefined; page: number; pageSize: number }): Promise<TextAnswerPage> {
  const textIds = item.questions.filter((q) => isFreeText(q) && (!query.question || q.id === query.question)).map((q) => q.id)
  if (textIds.length === 0) return { total: 0, page: query.page, pageSize: query.pageSize, answers: [] }
  const pattern = query.search ? `%${query.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null
  const base = sql`from current_answers ca, jsonb_each_text(ca.answers) as a(question_id, text)
    where ca.item_id = ${item.id} and a.question_id in ${textIds} ${pattern ? sql`and a.text ilike ${pattern}` : sql``}`
  const [total] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n ${base}`)
  const rows = await queryRows<{ submission_id: string; question_id: string; text: string; answered_at: Date | string; hidden: boolean; hidden_reason: HideReason | null }>(db, sql`select ca.submission_id, a.question_id, a.text, ca.answered_at, ca.hidden, ca.hidden_reason ${base}
      order by ca.answered_at desc, ca.submission_id, a.question_id limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}`)
  return {
    total: total?.n ?? 0,
    page: query.page,
    pageSize: query.pageSize,
    answers: rows.map((r) => ({
      submissionId: r.submission_id,
      questionId: r.question_id,
      text: r.text,
      answeredAt: new Date(r.answered_at).toISOString(),
      hidden: r.hidden,
      hiddenReason: r.hidden_reason,
      personalData: findPersonalData(r.text),
    })),
  }
}

/**
 * Hides or shows again one current answer. A hidden answer leaves the public tallies (and comes
 * back when shown again); the row itself stays for audit. Returns false when no such answer.
 */
export async function setAnswerHidden(
  db: Db,
  item: Item,
  submissionId: string,
  change: { hidden: true; reason: HideReason; by: string; at: Date } | { hidden: false },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [target] = await tx
      .select({ deviceKey: currentAnswers.deviceKey })
      .from(currentAnswers)
      .where(and(eq(currentAnswers.itemId, item.id), eq(currentAnswers.submissionId, submissionId)))
    if (!target) return false
    await lockDeviceAnswers(tx, [{ itemId: item.id, deviceKey: target.deviceKey }])
    const [row] = await tx
      .select({
        answers: currentAnswers.answers,
        hidden: currentAnswers.hidden,
        deviceKey: currentAnswers.deviceKey,
        ageBand: currentAnswers.ageBand,
        area: currentAnswers.area,
        municipality: currentAnswers.municipality,
        channel: currentAnswers.channel,
        partnerId: currentAnswers.partnerId,
      })
      .from(currentAnswers)
      .where(and(eq(currentAnswers.itemId, item.id), eq(currentAnswers.submissionId, submissionId)))
      .for('update')
    if (!row) return false
    await tx
      .update(currentAnswers)
      .set(
        change.hidden
          ? { hidden: true, hiddenReason: change.reason, hiddenBy: change.by, hiddenAt: change.at }
          : { hidden: false, hiddenReason: null, hiddenBy: null, hiddenAt: null },
      )
      .where(and(eq(currentAnswers.itemId, item.id), eq(currentAnswers.deviceKey, row.deviceKey)))
    if (row.hidden !== change.hidden) {
      // The tallies count only visible answers: hiding takes the answer out, unhiding puts it back.
      const answer = talliedAnswerOf(row)
      await applyAnswerDeltas(tx, [{ itemId: item.id, questions: item.questions, ...(change.hidden ? { before: answer } : { after: answer }) }])
    }
    return true
  })
}

