import type { AdviceDraft, AdviceResponseInput, ApproachProposal, ApproachProposalInput, CouncilAdvice } from '../../shared/schemas/advice'
import type { Db } from '../db/client'
import { DomainError, notFound } from '../errors'
import { agendaEntryOf, insertAdvice, listAdvice, lockAdvice, markSubmitted, recommendationIdsOf, replaceDraft, saveResponse } from '../repos/advice-repo'
import { approachProposalsOf, insertApproachProposal } from '../repos/approach-proposal-repo'
import { findMunicipality, findMunicipalitySettings } from '../repos/municipality-repo'
import { audited, type Actor, type ServiceContext } from './context'
import { readableItem } from './item-access'

const DAY_MS = 86_400_000

/*
 * Advice of the participation council (issue 11, item 4). Council members write drafts together
 * and submit them; from then on the advice is public and the municipality owes a written answer
 * per recommendation by `adviceResponseDays` (default 42). Officials answer; they never see drafts.
 */

/** The advice of the actor's municipality: council members see drafts too, officials only what was submitted. */
export async function adviceFor(db: Db, actor: Actor & { role: string }, now: Date): Promise<CouncilAdvice[]> {
  return listAdvice(db, { municipality: actor.municipality, withDrafts: actor.role === 'council' }, now)
}

/** The public list: submitted advice with the response and due date. */
export async function publicAdvice(db: Db, slug: string, now: Date): Promise<CouncilAdvice[]> {
  if (!(await findMunicipality(db, slug))) throw notFound('municipality')
  return listAdvice(db, { municipality: slug, withDrafts: false }, now)
}

async function one(db: Db, municipality: string, id: string, now: Date): Promise<CouncilAdvice> {
  const [advice] = await listAdvice(db, { municipality, withDrafts: true, id }, now)
  if (!advice) throw notFound('advice')
  return advice
}

/** Asked advice is about an item the member can read or an agenda entry of their municipality. */
async function checkSubject(tx: Db, actor: Actor, draft: AdviceDraft, now: Date): Promise<void> {
  if (draft.itemId) await readableItem(tx, actor, draft.itemId, now)
  if (draft.agendaEntryId && !(await agendaEntryOf(tx, actor.municipality, draft.agendaEntryId))) throw notFound('agenda entry')
}

export async function createAdvice(context: ServiceContext, actor: Actor, draft: AdviceDraft): Promise<CouncilAdvice> {
  const id = await audited(context, actor, 'advice.create', async (tx) => {
    await checkSubject(tx, actor, draft, context.now)
    const id = await insertAdvice(tx, { municipality: actor.municipality, authorId: actor.id, draft }, context.now)
    return { result: id, itemId: draft.itemId ?? null, details: { adviceId: id, kind: draft.kind, recommendations: draft.recommendations.length } }
  })
  return one(context.db, actor.municipality, id, context.now)
}

const notDraft = () => new DomainError('advice_not_draft', 'This advice was submitted already and can no longer change')

export async function updateAdvice(context: ServiceContext, actor: Actor, id: string, draft: AdviceDraft): Promise<CouncilAdvice> {
  await audited(context, actor, 'advice.update', async (tx) => {
    const row = await lockAdvice(tx, actor.municipality, id)
    if (!row) throw notFound('advice')
    if (row.submittedAt) throw notDraft()
    await checkSubject(tx, actor, draft, context.now)
    await replaceDraft(tx, id, draft, context.now)
    return { result: undefined, itemId: draft.itemId ?? null, details: { adviceId: id, kind: draft.kind, recommendations: draft.recommendations.length } }
  })
  return one(context.db, actor.municipality, id, context.now)
}

/** Submits a draft: public from now on, with the answer due `adviceResponseDays` later. */
export async function submitAdvice(context: ServiceContext, actor: Actor, id: string): Promise<CouncilAdvice> {
  await audited(context, actor, 'advice.submit', async (tx) => {
    const row = await lockAdvice(tx, actor.municipality, id)
    if (!row) throw notFound('advice')
    if (row.submittedAt) throw notDraft()
    const days = (await findMunicipalitySettings(tx, actor.municipality))?.adviceResponseDays ?? 42
    const due = new Date(context.now.getTime() + days * DAY_MS)
    await markSubmitted(tx, id, context.now, due)
    return { result: undefined, itemId: row.itemId, details: { adviceId: id, responseDueAt: due.toISOString() } }
  })
  return one(context.db, actor.municipality, id, context.now)
}

/**
 * The municipality's written answer: a summary and a decision on every recommendation (the
 * schema already asks a why for partly or not adopted). Answered once; it is public at once.
 */
export async function respondToAdvice(context: ServiceContext, actor: Actor, id: string, response: AdviceResponseInput): Promise<CouncilAdvice> {
  await audited(context, actor, 'advice.respond', async (tx) => {
    const row = await lockAdvice(tx, actor.municipality, id)
    if (!row) throw notFound('advice')
    // A draft is the council's own: officials do not know it exists.
    if (!row.submittedAt) throw notFound('advice')
    if (row.respondedAt) throw new DomainError('advice_not_awaiting_response', 'This advice was answered already')
    const expected = new Set(await recommendationIdsOf(tx, id))
    const given = response.decisions.map((d) => d.recommendationId)
    if (given.length !== expected.size || given.some((g) => !expected.has(g))) {
      throw new DomainError('advice_response_incomplete', 'Give one decision on every recommendation of this advice')
    }
    await saveResponse(tx, id, { summary: response.summary, decisions: response.decisions, by: actor.id }, context.now)
    const counts = Object.fromEntries(['adopted', 'partly_adopted', 'not_adopted'].map((d) => [d, response.decisions.filter((x) => x.decision === d).length]))
    return { result: undefined, itemId: row.itemId, details: { adviceId: id, ...counts, late: Boolean(row.responseDueAt && row.responseDueAt < context.now) } }
  })
  return one(context.db, actor.municipality, id, context.now)
}

/** The council proposes how to involve residents in an agenda entry of its municipality. */
export async function proposeApproach(context: ServiceContext, actor: Actor, agendaEntryId: string, proposal: ApproachProposalInput): Promise<ApproachProposal> {
  return audited(context, actor, 'approach.propose', async (tx) => {
    if (!(await agendaEntryOf(tx, actor.municipality, agendaEntryId))) throw notFound('agenda entry')
    const created = await insertApproachProposal(tx, { agendaEntryId, authorId: actor.id, proposal }, context.now)
    return { result: created, details: { agendaEntryId, proposalId: created.id, forms: proposal.forms, ladder: proposal.ladder } }
  })
}

export async function approachProposalsFor(db: Db, actor: Actor, agendaEntryId: string): Promise<ApproachProposal[]> {
  if (!(await agendaEntryOf(db, actor.municipality, agendaEntryId))) throw notFound('agenda entry')
  return approachProposalsOf(db, agendaEntryId)
}
