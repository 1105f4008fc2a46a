import type { Accountability, FeedbackFigures } from '../../shared/schemas/accountability'
import type { Db } from '../db/client'
import { notFound } from '../errors'
import { feedbackDue, feedbackFigures } from '../repos/accountability-repo'
import { overdueAdvice } from '../repos/advice-repo'
import { findMunicipality } from '../repos/municipality-repo'

/** A municipality's own evaluation measure, public: how often and how fast residents heard back. */
export async function publicFeedbackFigures(db: Db, municipality: string, now: Date): Promise<FeedbackFigures> {
  if (!(await findMunicipality(db, municipality))) throw notFound('municipality')
  return feedbackFigures(db, municipality, now)
}

/** For officials: the feedback that is overdue or due soon, the same figures, and council advice answered late. */
export async function accountabilityOf(db: Db, municipality: string, now: Date): Promise<Accountability> {
  const [due, figures, lateAdvice] = await Promise.all([feedbackDue(db, municipality, now), feedbackFigures(db, municipality, now), overdueAdvice(db, municipality, now)])
  return { due, figures, overdueAdvice: lateAdvice }
}
