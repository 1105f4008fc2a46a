import type { CouncilMeeting, MeetingInput } from '../../shared/schemas/council-meeting'
import { fromLocalInput, toLocalInput } from './draft-form'

/** A meeting as its form edits it: every field a string, topics and documents with a key for the list. */
export interface MeetingForm {
  startsAt: string
  place: string
  onlineUrl: string
  minutes: string
  agreements: string
  topics: TopicRow[]
}
export interface TopicRow {
  key: string
  title: string
  description: string
  signalId?: string
  documents: { key: string; title: string; url: string }[]
}

export function emptyTopic(): TopicRow {
  return { key: crypto.randomUUID(), title: '', description: '', documents: [] }
}

export function meetingForm(meeting: CouncilMeeting | undefined, now: Date): MeetingForm {
  if (!meeting) return { startsAt: toLocalInput(new Date(now.getTime() + 14 * 86_400_000)), place: '', onlineUrl: '', minutes: '', agreements: '', topics: [emptyTopic()] }
  return {
    startsAt: toLocalInput(meeting.startsAt),
    place: meeting.place ?? '',
    onlineUrl: meeting.onlineUrl ?? '',
    minutes: meeting.minutes ?? '',
    agreements: meeting.agreements ?? '',
    topics: meeting.topics.map((t) => ({
      key: t.id,
      title: t.title,
      description: t.description ?? '',
      ...(t.signalId ? { signalId: t.signalId } : {}),
      documents: t.documents.map((d) => ({ key: crypto.randomUUID(), ...d })),
    })),
  }
}

/** `{ [key]: trimmed }`, or nothing when the field was left empty. */
const optional = <K extends string>(key: K, value: string): Partial<Record<K, string>> => (value.trim() === '' ? {} : ({ [key]: value.trim() } as Record<K, string>))

/** The request body; empty optional fields are left out, so the schema only sees what was filled in. */
export function meetingInputOf(form: MeetingForm): MeetingInput {
  return {
    startsAt: form.startsAt ? fromLocalInput(form.startsAt) : '',
    ...optional('place', form.place),
    ...optional('onlineUrl', form.onlineUrl),
    ...optional('minutes', form.minutes),
    ...optional('agreements', form.agreements),
    topics: form.topics.map((t) => ({
      title: t.title,
      ...optional('description', t.description),
      documents: t.documents.map((d) => ({ title: d.title, url: d.url.trim() })),
      ...(t.signalId ? { signalId: t.signalId } : {}),
    })),
  }
}
