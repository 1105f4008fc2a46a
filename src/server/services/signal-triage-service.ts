import { signalStatusRefusal } from '../../shared/rules/signal-status'
import type { OfficialRole } from '../../shared/schemas/official'
import type { SignalStatus } from '../../shared/schemas/agenda-setting'
import type {
  SignalCommentRequest,
  SignalCouncilDecision,
  SignalDetail,
  SignalLink,
  SignalList,
  SignalListQuery,
  SignalModerationRequest,
  SignalRedactionRequest,
  SignalResponseRequest,
  SignalStatusRequest,
} from '../../shared/schemas/signal-triage'
import { redactPart } from '../../shared/validation/personal-data'
import type { Db } from '../db/client'
import { DomainError, notFound } from '../errors'
import { signalPushEvent } from '../push/push-events'
import { findMunicipality } from '../repos/municipality-repo'
import { queuePushForItem } from '../repos/push-repo'
import {
  addMeetingTopicOnce,
  commentsOf,
  findSignal,
  insertComment,
  linkTargetExists,
  listSignals,
  lockSignal,
  renameMeetingTopics,
  updateSignal,
  type SignalChange,
} from '../repos/signal-triage-repo'
import { audited, type Actor, type ServiceContext } from './context'

/** Who reads or changes signals: an official, an admin or a participation council member, of one municipality. */
export interface SignalViewer extends Actor {
  role: OfficialRole
}

const isCouncil = (viewer: SignalViewer): boolean => viewer.role === 'council'

const MESSAGES: Record<NonNullable<ReturnType<typeof signalStatusRefusal>>, string> = {
  signal_status_not_allowed: 'This status cannot follow the current one',
  signal_link_required: 'On the agenda needs a link to an agenda entry, an item or a meeting',
  signal_response_required: 'Answered needs the written response',
  signal_reason_required: 'Not taken up needs a reason in plain language',
}

/** The list; council members see published signals only. */
export async function signalList(db: Db, viewer: SignalViewer, query: SignalListQuery, now: Date): Promise<SignalList> {
  return listSignals(db, viewer.municipality, { ...query, publishedOnly: isCouncil(viewer) }, now)
}

/** One signal with its comments; one a council member may not read is as good as not there. */
export async function signalDetail(db: Db, viewer: SignalViewer, id: string, now: Date): Promise<SignalDetail> {
  const signal = await findSignal(db, viewer.municipality, id, now)
  if (!signal || (isCouncil(viewer) && signal.moderation !== 'published')) throw notFound('signal')
  return { signal, comments: await commentsOf(db, id, viewer.id) }
}

async function lockedSignal(tx: Db, viewer: SignalViewer, id: string) {
  const row = await lockSignal(tx, viewer.municipality, id)
  if (!row || (isCouncil(viewer) && row.moderation !== 'published')) throw notFound('signal')
  return row
}

/** Publish after the check, or hide with a reason; the resident's inbox does not change. */
export async function moderateSignal(context: ServiceContext, actor: SignalViewer, id: string, request: SignalModerationRequest): Promise<SignalDetail> {
  await audited(context, actor, 'signal.moderate', async (tx) => {
    const row = await lockedSignal(tx, actor, id)
    const change: SignalChange =
      request.action === 'publish'
        ? { moderation: 'published', hiddenReason: null, moderatedBy: actor.id, moderatedAt: context.now }
        : { moderation: 'hidden', hiddenReason: request.reason, moderatedBy: actor.id, moderatedAt: context.now }
    await updateSignal(tx, row.id, change, false, context.now)
    return { result: null, details: { signalId: row.id, action: request.action, ...(request.action === 'hide' ? { reason: request.reason } : {}) } }
  })
  return signalDetail(context.db, actor, id, context.now)
}

/**
 * Replaces personal data in the title or body by "[verwijderd]", as for text answers: the part
 * as the official saw it selected, refused when it reads differently now. The original is not
 * kept; the audit entry says which field and how much, never what.
 */
export async function redactSignal(context: ServiceContext, actor: SignalViewer, id: string, request: SignalRedactionRequest): Promise<SignalDetail> {
  await audited(context, actor, 'signal.redact', async (tx) => {
    const row = await lockedSignal(tx, actor, id)
    const before = row[request.field]
    const { part } = request
    if (part && before.slice(part.start, part.end) !== part.text) throw new DomainError('redaction_outdated', 'The selected part no longer reads like this; reload the signal')
    const after = redactPart(before, part)
    await updateSignal(tx, row.id, { [request.field]: after, redactedAt: context.now }, false, context.now)
    if (request.field === 'title') await renameMeetingTopics(tx, row.id, after)
    return { result: null, details: { signalId: row.id, field: request.field, part: part ? 'selection' : 'whole', removedCharacters: part ? part.text.length : before.length } }
  })
  return signalDetail(context.db, actor, id, context.now)
}

type SignalRow = NonNullable<Awaited<ReturnType<typeof lockSignal>>>

interface StatusMove {
  to: SignalStatus
  link?: SignalLink | undefined
  response?: string | undefined
  reason?: string | undefined
}

const linkColumn = { agenda_entry: 'agendaEntryId', item: 'itemId', meeting: 'meetingId' } as const

/**
 * The one place a signal's status changes: the rule of `shared/rules/signal-status.ts` decides,
 * a link must be of the same municipality (a meeting gets the signal as a topic, once), and the
 * change is news for the resident's inbox and a Web Push wake-up in the same transaction.
 */
async function moveSignal(tx: Db, actor: Actor, row: SignalRow, move: StatusMove, now: Date): Promise<Record<string, unknown>> {
  if (move.link && !(await linkTargetExists(tx, row.municipality, move.link.kind, move.link.id))) throw notFound(move.link.kind.replace('_', ' '))
  const linked = Boolean(move.link || row.agendaEntryId || row.itemId || row.meetingId)
  const refusal = signalStatusRefusal(row.status, { to: move.to, linked, response: move.response, reason: move.reason })
  if (refusal) throw new DomainError(refusal, MESSAGES[refusal])
  const change: SignalChange = { status: move.to }
  if (move.link) change[linkColumn[move.link.kind]] = move.link.id
  if (move.to === 'answered') Object.assign(change, { response: move.response!.trim(), statusReason: null })
  if (move.to === 'not_taken_up') Object.assign(change, { statusReason: move.reason!.trim(), response: move.response?.trim() || null })
  if (move.to === 'answered' || move.to === 'not_taken_up') Object.assign(change, { respondedAt: now, respondedBy: actor.id })
  await updateSignal(tx, row.id, change, true, now)
  const meetingId = move.link?.kind === 'meeting' ? move.link.id : move.to === 'on_agenda' ? row.meetingId : null
  if (move.to === 'on_agenda' && meetingId) await addMeetingTopicOnce(tx, meetingId, row)
  if (move.to !== 'received') {
    const name = (await findMunicipality(tx, row.municipality))?.name ?? row.municipality
    const payload = signalPushEvent(row, move.to, name) as unknown as { nl: Record<string, unknown>; en: Record<string, unknown> }
    await queuePushForItem(tx, { itemId: row.id, eventKey: `signal:${row.id}:${move.to}`, payload }, now)
  }
  return { signalId: row.id, from: row.status, to: move.to, ...(move.link ? { link: move.link.kind } : {}) }
}

export async function changeSignalStatus(context: ServiceContext, actor: SignalViewer, id: string, request: SignalStatusRequest): Promise<SignalDetail> {
  await audited(context, actor, 'signal.status', async (tx) => {
    const row = await lockedSignal(tx, actor, id)
    const details = await moveSignal(tx, actor, row, { to: request.status, link: request.link, response: request.response, reason: request.reason }, context.now)
    return { result: null, details }
  })
  return signalDetail(context.db, actor, id, context.now)
}

/** The written answer (answered, or not taken up with a reason). */
export async function respondToSignal(context: ServiceContext, actor: SignalViewer, id: string, request: SignalResponseRequest): Promise<SignalDetail> {
  await audited(context, actor, 'signal.respond', async (tx) => {
    const row = await lockedSignal(tx, actor, id)
    const move: StatusMove = request.status === 'answered' ? { to: 'answered', response: request.response } : { to: 'not_taken_up', reason: request.reason, response: request.response }
    return { result: null, details: await moveSignal(tx, actor, row, move, context.now) }
  })
  return signalDetail(context.db, actor, id, context.now)
}

/**
 * The council says whether a resident's request for a meeting place is taken up: on the agenda
 * of the meeting asked for (or another of the municipality; its date says when), or not, with a
 * reason. Only for published signals that asked a meeting place.
 */
export async function decideMeetingRequest(context: ServiceContext, viewer: SignalViewer, id: string, request: SignalCouncilDecision): Promise<SignalDetail> {
  await audited(context, viewer, 'signal.councilDecision', async (tx) => {
    const row = await lockedSignal(tx, viewer, id)
    if (row.moderation !== 'published') throw new DomainError('signal_not_published', 'Publish the signal first')
    if (!row.meetingId) throw new DomainError('signal_not_meeting_request', 'This signal did not ask a place on a meeting agenda')
    const move: StatusMove =
      request.decision === 'on_agenda'
        ? { to: 'on_agenda', link: { kind: 'meeting', id: request.meetingId ?? row.meetingId } }
        : { to: 'not_taken_up', reason: request.reason }
    return { result: null, details: await moveSignal(tx, viewer, row, move, context.now) }
  })
  return signalDetail(context.db, viewer, id, context.now)
}

/** Council members and officials comment on published signals. */
export async function commentOnSignal(context: ServiceContext, viewer: SignalViewer, id: string, request: SignalCommentRequest): Promise<SignalDetail> {
  await audited(context, viewer, 'signal.comment', async (tx) => {
    const row = await lockedSignal(tx, viewer, id)
    if (row.moderation !== 'published') throw new DomainError('signal_not_published', 'Only published signals can be commented on')
    const commentId = await insertComment(tx, { signalId: row.id, authorId: viewer.id, body: request.body }, context.now)
    return { result: null, details: { signalId: row.id, commentId, length: request.body.length } }
  })
  return signalDetail(context.db, viewer, id, context.now)
}
