import { and, eq } from 'drizzle-orm'
import type { Answers } from '../../shared/schemas/question'
import type { Db } from '../db/client'
import { currentAnswers } from '../db/schema'
import { lockDeviceAnswers } from './submission-repo'

/**
 * Rewrites one text answer of one current answer in place, under the device's answer lock so a
 * replacing answer arriving at the same moment waits. `rewrite` gets the stored text and returns
 * the new one (or throws). Only that answer's text changes: the other answers of the submission,
 * its tallies (free text only counts "answered") and its moderation state stay as they were.
 * Returns null when there is no such submission or it holds no text for the question.
 */
export async function rewriteTextAnswer(
  tx: Db,
  itemId: string,
  submissionId: string,
  questionId: string,
  rewrite: (text: string) => string,
  now: Date,
): Promise<{ before: string; after: string } | null> {
  const where = and(eq(currentAnswers.itemId, itemId), eq(currentAnswers.submissionId, submissionId))
  const [target] = await tx.select({ deviceKey: currentAnswers.deviceKey }).from(currentAnswers).where(where)
  if (!target) return null
  await lockDeviceAnswers(tx, [{ itemId, deviceKey: target.deviceKey }])
  const [row] = await tx.select({ answers: currentAnswers.answers }).from(currentAnswers).where(where).for('update')
  const text = row?.answers[questionId]
  if (!row || typeof text !== 'string') return null
  const after = rewrite(text)
  const answers: Answers = { ...row.answers, [questionId]: after }
  await tx.update(currentAnswers).set({ answers, updatedAt: now }).where(where)
  return { before: text, after }
}
