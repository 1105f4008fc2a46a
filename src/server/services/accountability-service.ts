import type { Accountability, FeedbackFigures } from '../../shared/schemas/accountability'
import type { Db } from '../db/client'
import { notFound } from '../errors'
import { feedbackDue, feedbackFigures } from '../repos/accountability-repo'
import { overdueAdvice } from '../repos/advice-repo'
import { findMunicipality } from '../repos/municipality-repo'
import { signalsDue } from '../repos/signal-triage-repo'
import { FEEDBACK_DUE_SOON_DAYS } from '../../shared/schemas/accountability'

/** A municipality's own evaluation measure, public: how often and how fast residents heard back. */
export async function publicFeedbackFigures(db: Db, municipality: string, now: Date): Promise<FeedbackFigures> {
  if (!(await findMunicipality(db, municipality))) throw notFound('municipality')
  return feedbackFigures(db, municipality, now)
}

/** For officials: the feedback and the signal responses that are overdue or due soon, the same figures, and council advice answered late. */
export async function accountabilityOf(db: Db, municipality: string, now: Date): Promise<Accountability> {
  const horizon = new Date(now.getTime() + FEEDBACK_DUE_SOON_DAYS * 24 * 60 * 60 * 1000)
  const [due, figures, lateAdvice, signals] = await Promise.all([
    feedbackDue(db, municipality, now),
    feedbackFigures(db, municipality, now),
    overdueAdvice(db, municipality, now),
    signalsDue(db, municipality, horizon, now),
  ])
  return { due, figures, overdueAdvice: lateAdvice, signalsDue: signals }
}
