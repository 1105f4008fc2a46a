import { randomBytes, randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import type { AgendaEntryDraft } from '../../shared/schemas/participation-agenda'
import type { Answers } from '../../shared/schemas/question'
import type { Db } from '../db/client'
import { currentAnswers, items, partnerOrganisations, participationAgendas, submissionReceipts } from '../db/schema'
import { insertEntry } from '../repos/participation-agenda-repo'
import { applyAnswerDeltas, type AnswerChange } from '../repos/answer-tallies'

/*
 * The demo's participation agenda (issue 11): Beverwijk's published agenda for this year and
 * next, two partner organisations, and answers collected on paper and by phone on the youth
 * poll, so "Wat komt eraan", the channel breakdown and the yearly report have something to show.
 */

const DEMO_MUNICIPALITY = 'beverwijk'
const POLL_TITLE = 'Mogen jongeren meepraten?'

type Topic = Omit<AgendaEntryDraft, 'position'> & { year: 'this' | 'next'; carriedOutBy?: string }

const TOPICS: Topic[] = [
  { year: 'this', title: 'Jongeren praten mee', summary: 'We maken afspraken over hoe jongeren meepraten over beleid dat over hen gaat, zoals sport, school en uitgaan.', theme: 'opgroeien', phase: 'agenda', ladder: 'adviseren', forms: ['poll', 'meeting'], plannedQuarter: 1, status: 'in_progress', carriedOutBy: POLL_TITLE },
  { year: 'this', title: 'Belangrijke plekken in de buurt', summary: 'De gemeente maakt een plan voor de openbare ruimte: fietspaden, hangplekken en sportvelden.', theme: 'wonen en vervoer', phase: 'beleidsvorming', ladder: 'raadplegen', forms: ['poll'], plannedQuarter: 2, status: 'in_progress', carriedOutBy: 'Welke plekken in je buurt zijn belangrijk?' },
  { year: 'this', title: 'Hulp vinden als je het nodig hebt', summary: 'Een tijdelijke tafel van inwoners adviseert hoe mensen makkelijker hulp vinden bij zorg, geld en werk.', theme: 'meedoen', phase: 'beleidsvorming', ladder: 'adviseren', forms: ['table'], plannedQuarter: 3, status: 'planned' },
  { year: 'this', title: 'Armoedebeleid 2027-2030', summary: 'Het nieuwe armoedebeleid: wat helpt mensen die moeilijk rondkomen echt? We vragen ervaringsdeskundigen en de cliëntenraad.', theme: 'rondkomen', phase: 'beleidsvorming', ladder: 'adviseren', forms: ['question', 'meeting'], plannedQuarter: 4, status: 'planned' },
  { year: 'next', title: 'Evaluatie van het jongerenbeleid', summary: 'We kijken samen met jongeren terug: wat werkte, wat niet, en wat moet anders?', theme: 'opgroeien', phase: 'evaluatie', ladder: 'raadplegen', forms: ['poll', 'question'], plannedQuarter: 1, status: 'planned' },
  { year: 'next', title: 'Wonen voor ouderen', summary: 'Er zijn te weinig woningen waar ouderen zelfstandig kunnen blijven wonen. Waar en hoe bouwen we die?', theme: 'wonen en vervoer', phase: 'agenda', ladder: 'coproduceren', forms: ['table', 'meeting'], plannedQuarter: 2, status: 'planned' },
  { year: 'next', title: 'Toegankelijk centrum', summary: 'Samen met de adviesraad sociaal domein maken we het centrum beter bereikbaar voor mensen met een beperking.', theme: 'meedoen', phase: 'uitvoering', ladder: 'meebeslissen', forms: ['meeting'], plannedQuarter: 3, status: 'planned' },
]

/** Paper forms and phone calls on the youth poll, collected by the partners. */
const COLLECTED: { channel: 'paper' | 'phone'; partner: number | null; answers: Answers; ageBand: string }[] = [
  ...Array.from({ length: 6 }, (_, i) => ({ channel: 'paper' as const, partner: 0, answers: { belangrijk: i < 5 ? 'ja' : 'weet-niet' }, ageBand: '16-17' })),
  ...Array.from({ length: 3 }, () => ({ channel: 'phone' as const, partner: 1, answers: { belangrijk: 'ja' }, ageBand: '18-23' })),
  { channel: 'paper', partner: null, answers: { belangrijk: 'nee' }, ageBand: '16-17' },
]

export async function seedDemoAgenda(tx: Db, now: Date): Promise<void> {
  const year = now.getUTCFullYear()
  const demoItems = await tx.select({ id: items.id, title: items.title, questions: items.questions }).from(items).where(eq(items.municipality, DEMO_MUNICIPALITY))
  for (const which of ['this', 'next'] as const) {
    const [agenda] = await tx
      .insert(participationAgendas)
      .values({
        municipality: DEMO_MUNICIPALITY,
        year: which === 'this' ? year : year + 1,
        intro: which === 'this' ? 'Dit jaar beslist de gemeente over deze onderwerpen. Bij elk onderwerp staat hoe je kunt meepraten.' : 'Dit staat volgend jaar op de agenda. Mis je een onderwerp? Stel het voor.',
        publishedAt: now,
        updatedAt: now,
      })
      .returning()
    for (const [position, topic] of TOPICS.filter((t) => t.year === which).entries()) {
      const { year: _year, carriedOutBy, ...draft } = topic
      const entry = await insertEntry(tx, agenda!, { ...draft, position }, randomUUID(), now)
      const item = demoItems.find((i) => i.title === carriedOutBy)
      if (item) await tx.update(items).set({ agendaEntryId: entry.id }).where(eq(items.id, item.id))
    }
  }

  const partners = await tx
    .insert(partnerOrganisations)
    .values([
      { municipality: DEMO_MUNICIPALITY, name: 'Jongerenwerk Beverwijk', kind: 'youth_work', createdAt: now },
      { municipality: DEMO_MUNICIPALITY, name: 'Cliëntenraad Sociaal Domein', kind: 'client_council', createdAt: now },
    ])
    .returning({ id: partnerOrganisations.id })

  // The youth poll is one of the demo items read above.
  const poll = demoItems.find((i) => i.title === POLL_TITLE)
  if (!poll) return
  const collected: AnswerChange[] = []
  for (const c of COLLECTED) {
    const id = randomUUID()
    // A key nobody's device has: each collected answer is its own respondent, as on-behalf input is.
    const deviceKey = randomBytes(32).toString('base64url')
    const profile = { ageBand: c.ageBand, area: null, municipality: null, channel: c.channel, partnerId: c.partner === null ? null : partners[c.partner]!.id }
    await tx.insert(submissionReceipts).values({ id, itemId: poll.id, deviceKey, answeredAt: now, receivedAt: now })
    await tx.insert(currentAnswers).values({ itemId: poll.id, deviceKey, submissionId: id, answeredAt: now, deviceAnsweredAt: now, answers: c.answers, ...profile })
    // Written beside the ingest, so both tallies the ingest keeps move here too: results and breakdowns.
    collected.push({ itemId: poll.id, questions: poll.questions, after: { answers: c.answers, profile } })
  }
  await applyAnswerDeltas(tx, collected)
}
