import { randomBytes } from 'node:crypto'
import type { OnBehalfEntry, Partner, PartnerDraft } from '../../shared/schemas/on-behalf'
import type { SubmissionResult } from '../../shared/schemas/submission'
import type { DeviceKeys } from '../auth/device-keys'
import { DomainError, notFound } from '../errors'
import { deletePartner, findPartner, insertPartner, listPartners, nameTakenByAnother, partnerHasAnswers, updatePartner } from '../repos/partner-repo'
import { ingestSubmissions, type IngestSubmission } from '../repos/submission-repo'
import { audited, type Actor, type ServiceContext } from './context'
import { manageableItem } from './item-access'

/*
 * Answers collected on paper, by phone or at a meeting, entered by an official. They go through
 * the residents' own ingest (`ingestSubmissions`) so they are validated, stored exactly once by
 * id and counted the same way; only their origin (channel, partner) differs.
 *
 * Timing: the same rule as for residents' devices (`acceptsAnswerAt`): accepted while the item is
 * open, and after it closed only when the answer was given before closing and is entered within
 * the grace period (LATE_SUBMISSION_GRACE_MS, 7 days): a stack of paper forms from the last day
 * still counts, a form entered weeks later does not.
 */

/**
 * A device id nobody holds: each entered answer is its own respondent (one paper form is one
 * person), so no two entered answers ever replace each other.
 */
function unheldDeviceId(): string {
  return randomBytes(32).toString('base64url')
}

export async function enterOnBehalf(context: ServiceContext, actor: Actor, itemId: string, entries: OnBehalfEntry[], keys: DeviceKeys): Promise<SubmissionResult[]> {
  const item = await manageableItem(context.db, actor, itemId, context.now)
  const partners = new Map((await listPartners(context.db, actor.municipality)).map((p) => [p.id, p]))
  const unknown = entries.find((e) => e.partnerId && !partners.has(e.partnerId))
  if (unknown) throw new DomainError('partner_unknown', 'This partner organisation is not one of this municipality\'s')
  const submissions: IngestSubmission[] = entries.map((e) => ({
    id: e.id,
    itemId: item.id,
    deviceId: unheldDeviceId(),
    answeredAt: e.answeredAt,
    answers: e.answers,
    channel: e.channel,
    partnerId: e.partnerId ?? null,
    ...(e.profile ? { profile: e.profile } : {}),
  }))
  // Ingest runs its own transactions (prepared statements on the driver, one claim per id), so
  // the audit entry follows it: a replay of the same ids stores nothing twice and is audited again.
  const results = await ingestSubmissions(context.db, submissions, context.now, keys)
  const tally = (status: SubmissionResult['status']) => results.filter((r) => r.status === status).length
  return audited(context, actor, 'answer.onBehalf', async () => ({
    result: results,
    itemId: item.id,
    // Counts only: what people answered is not the audit log's business.
    details: { accepted: tally('accepted'), duplicate: tally('duplicate'), rejected: tally('rejected') },
  }))
}

export async function partnersOf(context: ServiceContext, actor: Actor): Promise<Partner[]> {
  return listPartners(context.db, actor.municipality)
}

const nameTaken = () => new DomainError('partner_name_taken', 'This municipality has a partner organisation with this name already')

export async function addPartner(context: ServiceContext, actor: Actor, draft: PartnerDraft): Promise<Partner> {
  return audited(context, actor, 'partner.create', async (tx) => {
    const partner = await insertPartner(tx, actor.municipality, draft, context.now)
    if (!partner) throw nameTaken()
    return { result: partner, details: { partnerId: partner.id, kind: partner.kind } }
  })
}

export async function changePartner(context: ServiceContext, actor: Actor, id: string, draft: PartnerDraft): Promise<Partner> {
  return audited(context, actor, 'partner.update', async (tx) => {
    if (!(await findPartner(tx, actor.municipality, id))) throw notFound('partner')
    if (await nameTakenByAnother(tx, actor.municipality, draft.name, id)) throw nameTaken()
    const partner = await updatePartner(tx, id, draft)
    return { result: partner, details: { partnerId: id, kind: partner.kind } }
  })
}

export async function removePartner(context: ServiceContext, actor: Actor, id: string): Promise<void> {
  await audited(context, actor, 'partner.delete', async (tx) => {
    if (!(await findPartner(tx, actor.municipality, id))) throw notFound('partner')
    if (await partnerHasAnswers(tx, id)) throw new DomainError('partner_in_use', 'Answers were entered for this partner organisation; it stays so they keep their source')
    await deletePartner(tx, id)
    return { result: undefined, details: { partnerId: id } }
  })
}
