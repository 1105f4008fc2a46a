import type { CouncilMeeting, MeetingInputSchema, PublicMeeting } from '../../shared/schemas/council-meeting'
import type { z } from 'zod'
import type { Db } from '../db/client'
import { notFound } from '../errors'
import { insertMeeting, listMeetings, lockMeeting, markPublished, ownSignalIds, replaceMeeting } from '../repos/council-meeting-repo'
import { findMunicipality } from '../repos/municipality-repo'
import { audited, type Actor, type ServiceContext } from './context'

type MeetingInput = z.output<typeof MeetingInputSchema>

/*
 * The participation council's periodic meetings (issue 11, item 5). Council members and officials
 * plan them, add the agenda and documents, and afterwards the minutes and agreements; a published
 * meeting is public. A topic a resident asked for keeps the link to their signal for the back
 * office; the public only learns that it came from a resident.
 */

export async function meetingsFor(db: Db, actor: Actor, now: Date): Promise<CouncilMeeting[]> {
  return listMeetings(db, { municipality: actor.municipality, publishedOnly: false }, now)
}

export async function publicMeetings(db: Db, slug: string, now: Date): Promise<PublicMeeting[]> {
  if (!(await findMunicipality(db, slug))) throw notFound('municipality')
  const meetings = await listMeetings(db, { municipality: slug, publishedOnly: true }, now)
  return meetings.map((m) => ({ ...m, topics: m.topics.map(({ signalId: _signal, ...topic }) => topic) }))
}

async function one(db: Db, municipality: string, id: string, now: Date): Promise<CouncilMeeting> {
  const [meeting] = await listMeetings(db, { municipality, publishedOnly: false, id }, now)
  if (!meeting) throw notFound('meeting')
  return meeting
}

/** A topic that links a resident's signal links one of this municipality; another answers like a missing one. */
async function checkSignals(tx: Db, municipality: string, meeting: MeetingInput): Promise<void> {
  const linked = meeting.topics.flatMap((t) => (t.signalId ? [t.signalId] : []))
  const own = await ownSignalIds(tx, municipality, linked)
  if (linked.some((id) => !own.has(id))) throw notFound('signal')
}

const details = (id: string, m: MeetingInput) => ({ meetingId: id, topics: m.topics.length, documents: m.topics.reduce((n, t) => n + t.documents.length, 0), minutes: Boolean(m.minutes), agreements: Boolean(m.agreements) })

export async function createMeeting(context: ServiceContext, actor: Actor, meeting: MeetingInput): Promise<CouncilMeeting> {
  const id = await audited(context, actor, 'meeting.create', async (tx) => {
    await checkSignals(tx, actor.municipality, meeting)
    const id = await insertMeeting(tx, { municipality: actor.municipality, createdBy: actor.id, meeting }, context.now)
    return { result: id, details: details(id, meeting) }
  })
  return one(context.db, actor.municipality, id, context.now)
}

export async function updateMeeting(context: ServiceContext, actor: Actor, id: string, meeting: MeetingInput): Promise<CouncilMeeting> {
  await audited(context, actor, 'meeting.update', async (tx) => {
    if (!(await lockMeeting(tx, actor.municipality, id))) throw notFound('meeting')
    await checkSignals(tx, actor.municipality, meeting)
    await replaceMeeting(tx, id, meeting, context.now)
    return { result: undefined, details: details(id, meeting) }
  })
  return one(context.db, actor.municipality, id, context.now)
}

/** Publishes a meeting; publishing it again keeps the first date and records nothing new. */
export async function publishMeeting(context: ServiceContext, actor: Actor, id: string): Promise<CouncilMeeting> {
  // The check and the change under one lock: of two publishes at once, the second finds the
  // meeting published and records nothing.
  await audited(context, actor, 'meeting.publish', async (tx) => {
    const locked = await lockMeeting(tx, actor.municipality, id)
    if (!locked) throw notFound('meeting')
    if (locked.publishedAt) return { result: undefined, unchanged: true }
    await markPublished(tx, id, context.now)
    return { result: undefined, details: { meetingId: id } }
  })
  return one(context.db, actor.municipality, id, context.now)
}
