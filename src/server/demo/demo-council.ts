import { and, asc, eq } from 'drizzle-orm'
import { hashPassword } from '../auth/passwords'
import type { Db } from '../db/client'
import { items } from '../db/schema'
import { insertAdvice, markSubmitted, recommendationIdsOf, saveResponse } from '../repos/advice-repo'
import { insertMeeting, markPublished } from '../repos/council-meeting-repo'
import { insertOfficial } from '../repos/official-repo'
import { MeetingInputSchema } from '../../shared/schemas/council-meeting'

const DAY_MS = 24 * 60 * 60 * 1000

/** The demo's participation council member of Beverwijk. */
export const DEMO_COUNCIL_EMAIL = 'raad@beverwijk.example'
/** The demo accounts' password: only ever seeded into a demo database (`DEMO=1`, empty database). */
export const DEMO_OFFICIAL_PASSWORD = 'meedoen in de ijmond is leuk'

/**
 * Beverwijk's participation council in the demo: a member who signs in to the back office, one
 * unasked advice the municipality answered, one asked advice still waiting for its answer, a
 * past meeting with minutes and agreements and a coming one residents can bring a topic to.
 */
export async function seedDemoCouncil(tx: Db, now: Date): Promise<void> {
  const at = (days: number) => new Date(now.getTime() + days * DAY_MS)
  const authorId = await insertOfficial(tx, { email: DEMO_COUNCIL_EMAIL, passwordHash: await hashPassword(DEMO_OFFICIAL_PASSWORD), municipality: 'beverwijk', role: 'council' })
  if (!authorId) return

  const answered = await insertAdvice(tx, {
    municipality: 'beverwijk',
    authorId,
    draft: {
      kind: 'unasked',
      title: 'Meedoen moet ook zonder internet kunnen',
      body: 'Niet iedereen in Beverwijk is online. Ouderen en mensen die de taal nog leren, missen nu veel vragen van de gemeente. Daarom geven wij dit advies, zonder dat de gemeente erom vroeg.',
      recommendations: [
        'Leg elke peiling ook op papier neer in de bibliotheek en het wijkcentrum.',
        'Laat medewerkers van het wijkteam inwoners helpen met het invullen.',
        'Stuur elke inwoner van 75 jaar en ouder een brief bij een nieuwe peiling.',
      ],
    },
  }, at(-50))
  await markSubmitted(tx, answered, at(-50), at(-8))
  const [paper, help, letter] = await recommendationIdsOf(tx, answered)
  await saveResponse(tx, answered, {
    summary: 'Dank voor dit advies. Wij nemen het grootste deel over. Vanaf de volgende peiling ligt er ook een papieren versie.',
    decisions: [
      { recommendationId: paper!, decision: 'adopted' },
      { recommendationId: help!, decision: 'partly_adopted', explanation: 'Het wijkteam helpt op de vaste spreekuren. Meer uren hebben we dit jaar niet.' },
      { recommendationId: letter!, decision: 'not_adopted', explanation: 'Een brief bij elke peiling kost te veel. We zetten de peilingen wel in de huis-aan-huiskrant.' },
    ],
    by: authorId,
  }, at(-20))

  const [item] = await tx.select({ id: items.id }).from(items).where(and(eq(items.municipality, 'beverwijk'), eq(items.kind, 'poll'))).orderBy(asc(items.opensAt)).limit(1)
  const waiting = await insertAdvice(tx, {
    municipality: 'beverwijk',
    authorId,
    draft: {
      kind: item ? 'asked' : 'unasked',
      ...(item ? { itemId: item.id } : {}),
      title: 'Advies over deze peiling',
      body: 'De gemeente vroeg ons om advies. Wij vinden de vragen duidelijk, maar missen de mening van jongeren.',
      recommendations: ['Vraag het jongerenwerk om de peiling bij jongeren onder de aandacht te brengen.', 'Maak de uitslag per leeftijdsgroep openbaar.'],
    },
  }, at(-10))
  await markSubmitted(tx, waiting, at(-10), at(32))

  const past = await insertMeeting(tx, {
    municipality: 'beverwijk',
    createdBy: authorId,
    meeting: MeetingInputSchema.parse({
      startsAt: at(-30).toISOString(),
      place: 'Stadhuis Beverwijk, zaal De Wijk',
      topics: [
        { title: 'Meedoen zonder internet', description: 'Ons ongevraagde advies en de eerste reactie van de gemeente.', documents: [{ title: 'Advies meedoen zonder internet', url: 'https://beverwijk.example.nl/participatieraad/advies-offline.pdf' }] },
        { title: 'De participatieagenda voor volgend jaar', documents: [{ title: 'Concept participatieagenda', url: 'https://beverwijk.example.nl/participatieraad/agenda-concept.pdf' }] },
      ],
      minutes: 'Aanwezig waren zes leden van de raad en twee medewerkers van de gemeente. We spraken over ons advies over meedoen zonder internet. De gemeente legde uit wat zij al doet.',
      agreements: 'De gemeente reageert binnen zes weken op het advies. De raad kijkt in het volgende overleg naar de participatieagenda.',
    }),
  }, at(-40))
  await markPublished(tx, past, at(-40))

  const coming = await insertMeeting(tx, {
    municipality: 'beverwijk',
    createdBy: authorId,
    meeting: MeetingInputSchema.parse({
      startsAt: at(21).toISOString(),
      place: 'Wijkcentrum Prinsenhof',
      onlineUrl: 'https://beverwijk.example.nl/participatieraad/online',
      topics: [{ title: 'Wat vinden jongeren van meedoen?', description: 'Het jongerenwerk vertelt wat jongeren zeggen.', documents: [] }],
    }),
  }, at(-5))
  await markPublished(tx, coming, at(-5))
}
