import type { AgendaEntry, AgendaEntryDraft, OfficialAgenda, PublicAgenda } from '../../shared/schemas/participation-agenda'
import type { Db } from '../db/client'
import { DomainError, notFound } from '../errors'
import { findMunicipality } from '../repos/municipality-repo'
import {
  countEntries,
  deleteEntry,
  ensureAgenda,
  entryBelongsTo,
  findAgenda,
  insertEntry,
  lockOwnEntry,
  markAgendaPublished,
  officialAgenda,
  publishedAgenda,
  setAgendaIntro,
  updateEntry,
} from '../repos/participation-agenda-repo'
import { audited, type Actor, type ServiceContext } from './context'
import { themeOfVocabulary } from './vocabulary'

/*
 * The yearly participation agenda. Officials and council members draft it (the routes allow
 * `member`); publishing is an official's act (the route allows `official` only). Every change is
 * audited with ids and field names, never texts.
 */

export async function agendaOfYear(db: Db, actor: Actor, year: number): Promise<OfficialAgenda> {
  return officialAgenda(db, actor.municipality, year)
}

export async function writeAgendaIntro(context: ServiceContext, actor: Actor, year: number, intro: string | null): Promise<OfficialAgenda> {
  await audited(context, actor, 'agenda.update', async (tx) => {
    const agenda = await ensureAgenda(tx, actor.municipality, year, context.now)
    await setAgendaIntro(tx, agenda.id, intro, context.now)
    return { result: undefined, details: { agendaId: agenda.id, year, fields: ['intro'] } }
  })
  return officialAgenda(context.db, actor.municipality, year)
}

export async function addAgendaEntry(context: ServiceContext, actor: Actor, year: number, draft: AgendaEntryDraft): Promise<AgendaEntry> {
  return audited(context, actor, 'agenda.entry.create', async (tx) => {
    const theme = await themeOfVocabulary(tx, actor.municipality, draft.theme)
    const agenda = await ensureAgenda(tx, actor.municipality, year, context.now)
    const entry = await insertEntry(tx, agenda, { ...draft, theme }, actor.id, context.now)
    return { result: entry, details: { agendaId: agenda.id, year, entryId: entry.id } }
  })
}

export async function changeAgendaEntry(context: ServiceContext, actor: Actor, id: string, draft: AgendaEntryDraft): Promise<AgendaEntry> {
  return audited(context, actor, 'agenda.entry.update', async (tx) => {
    const row = await lockOwnEntry(tx, actor.municipality, id)
    if (!row) throw notFound('agenda entry')
    // An entry may keep a theme that has since left the list; a new theme must be in it.
    const theme = draft.theme === row.theme ? row.theme : await themeOfVocabulary(tx, actor.municipality, draft.theme)
    const entry = await updateEntry(tx, id, { ...draft, theme }, context.now)
    return { result: entry, details: { agendaId: row.agendaId, entryId: id, status: entry.status } }
  })
}

export async function removeAgendaEntry(context: ServiceContext, actor: Actor, id: string): Promise<void> {
  await audited(context, actor, 'agenda.entry.delete', async (tx) => {
    const row = await lockOwnEntry(tx, actor.municipality, id)
    if (!row) throw notFound('agenda entry')
    await deleteEntry(tx, id)
    return { result: undefined, details: { agendaId: row.agendaId, entryId: id } }
  })
}

/** Makes the year's agenda public; an agenda without topics has nothing to show yet. */
export async function publishAgenda(context: ServiceContext, actor: Actor, year: number): Promise<OfficialAgenda> {
  await audited(context, actor, 'agenda.publish', async (tx) => {
    const agenda = await findAgenda(tx, actor.municipality, year)
    if (!agenda) throw notFound('agenda')
    const entries = await countEntries(tx, agenda.id)
    if (entries === 0) throw new DomainError('agenda_empty', 'An agenda needs at least one topic before it is published')
    await markAgendaPublished(tx, agenda.id, actor.id, context.now)
    return { result: undefined, details: { agendaId: agenda.id, year, entries } }
  })
  return officialAgenda(context.db, actor.municipality, year)
}

/** What residents read; an unknown municipality is a 404, a year without a published agenda is `null`. */
export async function publicAgenda(db: Db, slug: string, year: number, now: Date): Promise<PublicAgenda | null> {
  if (!(await findMunicipality(db, slug))) throw notFound('municipality')
  return publishedAgenda(db, slug, year, now)
}

/** An item may carry out an entry of its own municipality's agenda only. */
export async function checkAgendaEntryOf(db: Db, municipality: string, entryId: string | null | undefined): Promise<void> {
  if (!entryId) return
  if (!(await entryBelongsTo(db, municipality, entryId))) throw new DomainError('agenda_entry_unknown', 'This agenda entry is not one of this municipality\'s')
}
