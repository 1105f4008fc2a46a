import ical, { ICalCalendarMethod } from 'ical-generator'
import type { TableAssignment } from '../../shared/schemas/table'

/**
 * The assignment gives when a meeting starts, not when it ends; calendars need an end. Two hours
 * is what the seeds' theme tables plan for an evening session.
 */
export const MEETING_HOURS = 2

/**
 * A table's meetings as an iCalendar file (RFC 5545), so a member can put them in their own
 * calendar. Only what the item already shows residents: no names, no one's contact details.
 */
export function meetingCalendar(item: { id: string; title: string }, municipalityName: string, assignment: TableAssignment, itemUrl: string): string {
  const calendar = ical({ name: `${item.title} (${municipalityName})`, prodId: { company: 'Meepraat', product: 'tafels', language: 'NL' }, method: ICalCalendarMethod.PUBLISH })
  assignment.meetings.forEach((meeting, index) => {
    const start = new Date(meeting.startsAt)
    const lines = [`Gemeente ${municipalityName}: bijeenkomst ${index + 1} van ${assignment.meetings.length} van de tafel "${item.title}".`]
    if (meeting.accessibility) lines.push(`Toegankelijkheid: ${meeting.accessibility}`)
    lines.push(itemUrl)
    calendar.createEvent({
      id: `${item.id}-${index + 1}@meepraat`,
      start,
      end: new Date(start.getTime() + MEETING_HOURS * 60 * 60 * 1000),
      summary: `${item.title}: bijeenkomst ${index + 1}`,
      description: lines.join('\n'),
      location: meeting.online ? `Online${meeting.place ? `: ${meeting.place}` : ''}` : (meeting.place ?? null),
      url: itemUrl,
    })
  })
  // RFC 5545 ends every content line, END:VCALENDAR too, with CRLF; ical-generator leaves the
  // last one off, and strict calendar readers refuse the file without it.
  const text = calendar.toString()
  return text.endsWith('\r\n') ? text : `${text}\r\n`
}
