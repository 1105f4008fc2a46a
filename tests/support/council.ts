import type { Db } from '../../src/server/db/client'
import { agendaEntries, participationAgendas } from '../../src/server/db/schema'
import { insertAdvice, markSubmitted, recommendationIdsOf } from '../../src/server/repos/advice-repo'
import type { AdviceDraft } from '../../src/shared/schemas/advice'
import type { MeetingInput } from '../../src/shared/schemas/council-meeting'

/** Unasked advice with two recommendations, as a council member writes it. */
export function anAdviceDraft(overrides: Partial<AdviceDraft> = {}): AdviceDraft {
  return {
    kind: 'unasked',
    title: 'Maak meedoen makkelijker',
    body: 'Veel inwoners weten niet dat ze mogen meepraten. Wij geven daarom ongevraagd advies.',
    recommendations: ['Zet elke peiling ook op papier in de bibliotheek.', 'Stuur een brief aan nieuwe inwoners.'],
    ...overrides,
  }
}

/** Advice written straight to the database (for tests about other things than writing it); submitted when asked. */
export async function givenAdvice(db: Db, municipality: string, now: Date, options: { submitted?: boolean; draft?: Partial<AdviceDraft> } = {}): Promise<{ id: string; recommendationIds: string[] }> {
  const id = await db.transaction(async (tx) => insertAdvice(tx, { municipality, authorId: crypto.randomUUID(), draft: anAdviceDraft(options.draft) }, now))
  if (options.submitted) await markSubmitted(db, id, now, new Date(now.getTime() + 42 * 86_400_000))
  return { id, recommendationIds: await recommendationIdsOf(db, id) }
}

/** A yearly agenda of the municipality with one entry (the agenda helper's tables, written directly). */
export async function givenAgendaEntry(db: Db, municipality: string, year = 2026): Promise<string> {
  const [agenda] = await db
    .insert(participationAgendas)
    .values({ municipality, year })
    .onConflictDoUpdate({ target: [participationAgendas.municipality, participationAgendas.year], set: { updatedAt: new Date() } })
    .returning({ id: participationAgendas.id })
  const [entry] = await db
    .insert(agendaEntries)
    .values({ agendaId: agenda!.id, municipality, title: 'Nieuw beleid voor de jeugd', summary: 'De gemeente schrijft nieuw jeugdbeleid.', theme: 'opgroeien', phase: 'agenda', ladder: 'adviseren', forms: ['poll'], plannedQuarter: 2 })
    .returning({ id: agendaEntries.id })
  return entry!.id
}

/** A meeting two weeks after `now` in the town hall, with one topic and a document. */
export function aMeeting(now: Date, overrides: Partial<MeetingInput> = {}): MeetingInput {
  return {
    startsAt: new Date(now.getTime() + 14 * 86_400_000).toISOString(),
    place: 'Stadhuis, zaal 2',
    topics: [{ title: 'Het jeugdbeleid', description: 'Wat vinden we van de plannen?', documents: [{ title: 'Notitie jeugdbeleid', url: 'https://beverwijk.nl/stukken/jeugd.pdf' }] }],
    ...overrides,
  }
}
