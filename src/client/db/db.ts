import Dexie, { type EntityTable } from 'dexie'
import type { InboxEntry } from '../../shared/schemas/inbox'
import type { Item } from '../../shared/schemas/item'
import type { Profile } from '../../shared/schemas/profile'
import type { AgeBand } from '../../shared/schemas/profile'
import type { Answers, } from '../../shared/schemas/question'
import type { SignalKind } from '../../shared/schemas/agenda-setting'
import type { SignalRejectReason } from '../../shared/schemas/signal'
import type { RejectReason } from '../../shared/schemas/submission'
import type { Contact, RegistrationRejectReason, SignupRole, SignupStatus } from '../../shared/schemas/table'
import type { OutboxEntry } from '../sync/outbox/entry-types'

/**
 * Why an entry stepped aside (it is still tried, later): the server kept answering it with an
 * error, or its requests kept failing on the way while other answers got through.
 */
export type StuckReason = 'server_error' | 'no_connection'

/**
 * An item as last seen from the server, kept so the app works without a connection.
 * `alsoFor`: the other municipalities whose feed carried it (an item for a whole region is in
 * every member's feed, but `municipality` names only the one it was written in).
 */
export type StoredItem = Item & { alsoFor?: string[] }

/**
 * What this device answered. `id` is the submission UUID made when the resident pressed send;
 * it never changes. A changed answer is a new record with a new id; the old one gets
 * `replacedBy`.
 */
export interface LocalSubmission {
  id: string
  itemId: string
  municipality: string
  answeredAt: string
  answers: Answers
  profile?: Profile
  /**
   * saved = on this phone, waiting; stuck = it keeps failing, we keep trying (reason says why);
   * sent = the server has it; rejected = not accepted, final (reason says why).
   */
  state: 'saved' | 'stuck' | 'sent' | 'rejected'
  reason?: RejectReason | 'bad_request' | StuckReason
  sentAt?: string
  replacedBy?: string
}

/**
 * One thing waiting to be sent. The kinds of entry, their payloads and how each is sent are
 * defined in one place, the outbox module; the table here only stores them.
 */
export type { OutboxEntry, OutboxType } from '../sync/outbox/entry-types'

/**
 * The phone's copy of a table sign-up or a "Benader mij" registration. `id` is made on the
 * device and never changes; a change keeps the id and gets a higher `revision`. The contact
 * fields (`name`, `contact`, `guardianEmail`, `motivation`, `accessibilityNeeds`) are removed when
 * the resident withdraws, so nothing personal stays on the phone either.
 */
export interface LocalRegistration {
  id: string
  kind: 'signup' | 'interest'
  /** The table (sign-ups only). */
  itemId?: string
  municipality: string
  revision: number
  /** saved = on this phone, waiting; stuck = keeps failing, we keep trying; sent = the server has this revision; rejected = not accepted, final. */
  state: 'saved' | 'stuck' | 'sent' | 'rejected'
  reason?: RegistrationRejectReason | 'bad_request' | StuckReason
  /** What the server last said about a sign-up (selected, on the waiting list ...). */
  serverStatus?: SignupStatus
  savedAt: string
  sentAt?: string
  withdrawnAt?: string
  name?: string
  contact?: Contact
  ageBand: AgeBand
  area?: string
  roles?: SignupRole[]
  themes?: string[]
  motivation?: string
  accessibilityNeeds?: string
  consentVersion: string
  guardianEmail?: string
}

/** Small values: chosen municipality, device id, profile, locale, sync cursors. */
export interface MetaRow {
  key: string
  value: unknown
}

/**
 * One message from the device inbox (new feedback, or an answered item closed), as kept on the
 * phone. `readAt` is ours alone: set when the resident opened the item or the message, never
 * reset by a later pull. `notifiedAt`: the in-app notice has shown it, so it is not shown twice.
 */
export type StoredInboxEntry = InboxEntry & { readAt?: string; notifiedAt?: string }

/**
 * A signal or proposal raised on this phone. `id` is made when the resident presses send and is
 * the idempotency key. Contact details are not kept here: they travel in the outbox entry only,
 * which leaves the phone once the server has it; the record only says whether they were given.
 */
export interface LocalSignal {
  id: string
  municipality: string
  kind: SignalKind
  title: string
  body: string
  theme?: string
  area?: string
  meetingId?: string
  agendaId?: string
  agendaEntryId?: string
  wantsContact: boolean
  createdAt: string
  /** As for answers: saved = on this phone, waiting; stuck = keeps failing, we keep trying; sent; rejected = final. */
  state: 'saved' | 'stuck' | 'sent' | 'rejected'
  reason?: SignalRejectReason | 'bad_request' | StuckReason
  sentAt?: string
}

/** "Dit herken ik" pressed on this phone: kept so the button stays pressed, and sent through the outbox. */
export interface LocalSignalSupport {
  signalId: string
  municipality: string
  at: string
  state: 'saved' | 'stuck' | 'sent' | 'rejected'
  reason?: string
  sentAt?: string
}

export type MeepraatDb = Dexie & {
  items: EntityTable<StoredItem, 'id'>
  submissions: EntityTable<LocalSubmission, 'id'>
  outbox: EntityTable<OutboxEntry, 'seq'>
  meta: EntityTable<MetaRow, 'key'>
  inbox: EntityTable<StoredInboxEntry, 'id'>
  registrations: EntityTable<LocalRegistration, 'id'>
  signals: EntityTable<LocalSignal, 'id'>
  signalSupports: EntityTable<LocalSignalSupport, 'signalId'>
}

/**
 * Opens the app database. Versions are only ever added, never edited, so a phone with old
 * data upgrades without losing unsent answers.
 */
export function createDb(name = 'meepraat'): MeepraatDb {
  const db = new Dexie(name) as MeepraatDb
  db.version(1).stores({
    items: 'id, municipality, kind',
    submissions: 'id, itemId, state, answeredAt',
    outbox: '++seq, key, type',
    meta: 'key',
  })
  // Version 2: the inbox (terugkoppeling for this device). Only adds a table; nothing moves.
  db.version(2).stores({
    inbox: 'id, itemId, at, readAt',
  })
  // Version 3: table sign-ups and "Benader mij" registrations. Only adds a table; nothing moves.
  db.version(3).stores({
    registrations: 'id, kind, itemId, state',
  })
  // Version 4: regional items are listed for every member municipality whose feed carried them.
  db.version(4).stores({
    items: 'id, municipality, kind, *alsoFor',
  })
  // Version 5: signals and proposals raised on this phone, and its "Dit herken ik". Only adds tables.
  db.version(5).stores({
    signals: 'id, municipality, state, createdAt',
    signalSupports: 'signalId, municipality',
  })
  return db
}
