import { AGE_BANDS, type AgeBand } from '../../shared/schemas/profile'
import { TableAssignmentSchema, type TableAssignment } from '../../shared/schemas/table'
import type { KeysUnder } from '../message-keys'
import { fromLocalInput, toLocalInput } from './draft-form'

/** One meeting as the official edits it; `key` keeps ids and focus stable while rows move. */
export interface MeetingForm {
  key: string
  startsAt: string
  place: string
  online: boolean
  accessibility: string
}

export interface AreaTargetForm {
  key: string
  area: string
  count: string
}

/**
 * The assignment (opdracht) of a table as the official edits it: dates as `datetime-local`
 * values, numbers as the text typed, so a half-typed number is never silently turned into 0.
 */
export interface AssignmentForm {
  question: string
  form: string
  meetings: MeetingForm[]
  startsAt: string
  endsAt: string
  adviceDueAt: string
  allowanceKind: 'none' | 'amount'
  euros: string
  per: 'meeting' | 'total'
  hoursExpected: string
  seats: string
  reservedClientOrExpert: string
  reservedYouth: string
  ageTargets: Record<AgeBand, string>
  areaTargets: AreaTargetForm[]
  signupOpensAt: string
  signupClosesAt: string
  selectionMethod: 'first_come' | 'lot'
}

const DAY = 24 * 60 * 60 * 1000
const key = () => crypto.randomUUID()
const noAgeTargets = (): Record<AgeBand, string> => Object.fromEntries(AGE_BANDS.map((band) => [band, ''])) as Record<AgeBand, string>

export function emptyMeeting(startsAt = ''): MeetingForm {
  return { key: key(), startsAt, place: '', online: false, accessibility: '' }
}

export function emptyAreaTarget(): AreaTargetForm {
  return { key: key(), area: '', count: '' }
}

/** Sign-up for three weeks from now, then a table of six weeks, advice a week after that. */
export function emptyAssignmentForm(now: Date = new Date()): AssignmentForm {
  const at = (days: number) => toLocalInput(new Date(now.getTime() + days * DAY))
  return {
    question: '',
    form: '',
    meetings: [],
    startsAt: at(28),
    endsAt: at(70),
    adviceDueAt: at(77),
    allowanceKind: 'none',
    euros: '',
    per: 'meeting',
    hoursExpected: '',
    seats: '',
    reservedClientOrExpert: '0',
    reservedYouth: '0',
    ageTargets: noAgeTargets(),
    areaTargets: [],
    signupOpensAt: toLocalInput(now),
    signupClosesAt: at(21),
    selectionMethod: 'lot',
  }
}

export function assignmentFormFrom(a: TableAssignment): AssignmentForm {
  const ageTargets = noAgeTargets()
  for (const band of AGE_BANDS) {
    const n = a.targets?.ageBand?.[band]
    if (n !== undefined) ageTargets[band] = String(n)
  }
  return {
    question: a.question,
    form: a.form ?? '',
    meetings: a.meetings.map((m) => ({ key: key(), startsAt: toLocalInput(m.startsAt), place: m.place ?? '', online: m.online, accessibility: m.accessibility ?? '' })),
    startsAt: toLocalInput(a.startsAt),
    endsAt: toLocalInput(a.endsAt),
    adviceDueAt: toLocalInput(a.adviceDueAt),
    allowanceKind: a.allowance.kind,
    euros: a.allowance.kind === 'amount' ? String(a.allowance.euros) : '',
    per: a.allowance.kind === 'amount' ? a.allowance.per : 'meeting',
    hoursExpected: String(a.hoursExpected),
    seats: String(a.seats),
    reservedClientOrExpert: String(a.reserved.clientOrExpert),
    reservedYouth: String(a.reserved.youth),
    ageTargets,
    areaTargets: Object.entries(a.targets?.area ?? {}).map(([area, n]) => ({ key: key(), area, count: String(n) })),
    signupOpensAt: toLocalInput(a.signupOpensAt),
    signupClosesAt: toLocalInput(a.signupClosesAt),
    selectionMethod: a.selectionMethod,
  }
}

/** A typed number, or NaN for anything else (the schema then refuses it). Accepts a decimal comma. */
export function toNumber(text: string): number {
  const trimmed = text.trim().replace(',', '.')
  return trimmed === '' ? Number.NaN : Number(trimmed)
}
const optional = (text: string) => (text.trim() === '' ? undefined : text.trim())

/** Seats left for everyone once the guaranteed seats are taken; negative when too many are reserved. */
export function freeSeats(form: AssignmentForm): number | undefined {
  const seats = toNumber(form.seats)
  const reserved = toNumber(form.reservedClientOrExpert || '0') + toNumber(form.reservedYouth || '0')
  return Number.isFinite(seats) && Number.isFinite(reserved) ? seats - reserved : undefined
}

function targetsFrom(form: AssignmentForm): TableAssignment['targets'] {
  const ageBand = Object.fromEntries(AGE_BANDS.filter((band) => form.ageTargets[band].trim() !== '').map((band) => [band, toNumber(form.ageTargets[band])]))
  const filled = form.areaTargets.filter((t) => t.area.trim() !== '' || t.count.trim() !== '')
  const area = Object.fromEntries(filled.map((t) => [t.area.trim(), toNumber(t.count)]))
  const targets = { ...(Object.keys(ageBand).length ? { ageBand } : {}), ...(filled.length ? { area } : {}) }
  return Object.keys(targets).length ? targets : undefined
}

/** The form as the request body, before checking. */
export function assignmentFromForm(form: AssignmentForm): unknown {
  return {
    question: form.question,
    form: optional(form.form),
    meetings: form.meetings.map((m) => ({ startsAt: fromLocalInput(m.startsAt), place: optional(m.place), online: m.online, accessibility: optional(m.accessibility) })),
    startsAt: fromLocalInput(form.startsAt),
    endsAt: fromLocalInput(form.endsAt),
    adviceDueAt: fromLocalInput(form.adviceDueAt),
    allowance: form.allowanceKind === 'none' ? { kind: 'none' } : { kind: 'amount', euros: toNumber(form.euros), per: form.per },
    hoursExpected: toNumber(form.hoursExpected),
    seats: toNumber(form.seats),
    reserved: { clientOrExpert: toNumber(form.reservedClientOrExpert || '0'), youth: toNumber(form.reservedYouth || '0') },
    targets: targetsFrom(form),
    signupOpensAt: fromLocalInput(form.signupOpensAt),
    signupClosesAt: fromLocalInput(form.signupClosesAt),
    selectionMethod: form.selectionMethod,
  }
}

/**
 * Problems per field: the key is the field's element id, the value an i18n key under
 * `beheer.table.error.`. One problem per field, the first one found.
 */
export type AssignmentErrors = Record<string, AssignmentError>
/** A problem with the assignment, named by its text under `beheer.table.error.`. */
export type AssignmentError = KeysUnder<'beheer.table.error.'>
/** What the edit page's one save has to store of a table's assignment. */
export type PendingAssignment = { kind: 'unchanged' } | { kind: 'invalid' } | { kind: 'changed'; assignment: TableAssignment }

export type AssignmentCheck = { ok: true; assignment: TableAssignment } | { ok: false; errors: AssignmentErrors }

/** Maps a schema issue path to the id of the control the official has to fix, and a message key. */
function locate(form: AssignmentForm, path: readonly PropertyKey[], code: string): [string, AssignmentError] {
  const [head, second, third] = path
  switch (head) {
    case 'question':
      return ['table-question', 'question']
    case 'form':
      return ['table-form', 'tooLong']
    case 'meetings': {
      const meeting = typeof second === 'number' ? form.meetings[second] : undefined
      if (!meeting) return ['table-meetings-add', 'meetings']
      const part = third === 'place' ? 'place' : third === 'accessibility' ? 'access' : 'starts'
      return [`table-meeting-${meeting.key}-${part}`, part === 'starts' ? 'date' : 'tooLong']
    }
    case 'startsAt':
      return ['table-starts', code === 'custom' ? 'startsOrder' : 'date']
    case 'endsAt':
      return ['table-ends', code === 'custom' ? 'endsOrder' : 'date']
    case 'adviceDueAt':
      return ['table-advice-due', 'date']
    case 'signupOpensAt':
      return ['table-signup-opens', 'date']
    case 'signupClosesAt':
      return ['table-signup-closes', code === 'custom' ? 'signupOrder' : 'date']
    case 'allowance':
      return ['table-euros', 'euros']
    case 'hoursExpected':
      return ['table-hours', 'hours']
    case 'seats':
      return ['table-seats', 'seats']
    case 'reserved':
      if (code === 'custom') return ['table-reserved-client', 'reservedTooMany']
      return [second === 'youth' ? 'table-reserved-youth' : 'table-reserved-client', 'reserved']
    case 'targets':
      if (second === 'ageBand') return [`table-target-age-${AGE_BANDS.indexOf(third as AgeBand)}`, 'target']
      return [form.areaTargets[0] ? `table-area-${form.areaTargets[0].key}-name` : 'table-targets', 'area']
    default:
      return ['table-question', 'unknown']
  }
}

/** Checks the form with the schema the server uses, plus what the schema cannot see in a record. */
export function checkAssignment(form: AssignmentForm): AssignmentCheck {
  const errors: AssignmentErrors = {}
  const add = (id: string, message: AssignmentError) => (errors[id] ??= message)
  for (const t of form.areaTargets) {
    const named = t.area.trim() !== ''
    if (!named && t.count.trim() !== '') add(`table-area-${t.key}-name`, 'areaName')
    if (named && !Number.isInteger(toNumber(t.count))) add(`table-area-${t.key}-count`, 'target')
  }
  const names = form.areaTargets.map((t) => t.area.trim().toLowerCase()).filter(Boolean)
  const twice = form.areaTargets.find((t, i) => t.area.trim() !== '' && names.indexOf(t.area.trim().toLowerCase()) !== i)
  if (twice) add(`table-area-${twice.key}-name`, 'areaTwice')
  const free = freeSeats(form)
  if (free !== undefined && free < 0) add('table-reserved-client', 'reservedTooMany')
  if (Date.parse(form.adviceDueAt) < Date.parse(form.startsAt)) add('table-advice-due', 'adviceOrder')
  const parsed = TableAssignmentSchema.safeParse(assignmentFromForm(form))
  if (!parsed.success) for (const issue of parsed.error.issues) add(...locate(form, issue.path, issue.code))
  if (Object.keys(errors).length || !parsed.success) return { ok: false, errors }
  return { ok: true, assignment: parsed.data }
}
