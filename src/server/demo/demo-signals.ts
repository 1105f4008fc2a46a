import type { SignalKind, SignalStatus } from '../../shared/schemas/agenda-setting'
import type { Db } from '../db/client'
import { signals, signalSupports } from '../db/schema'

const DAY_MS = 24 * 60 * 60 * 1000
/** The default response period (six weeks): the demo municipalities keep the default. */
const RESPONSE_DAYS = 42

/** A published demo signal of Beverwijk, with dates as days before the moment of seeding. */
interface DemoSignal {
  kind: SignalKind
  title: string
  body: string
  theme: string
  area?: string
  daysAgo: number
  status: SignalStatus
  statusReason?: string
  response?: string
  respondedDaysAgo?: number
  supports: number
}

/**
 * What residents of Beverwijk raised, on the seeds' themes of the social domain (opgroeien,
 * meedoen, rondkomen, wonen en vervoer), in each state of the promise: just received, being
 * considered (one of them past its due date, so the accountability list has something to show),
 * on the agenda, answered, and not taken up with its reason.
 */
const DEMO_SIGNALS: DemoSignal[] = [
  {
    kind: 'proposal',
    title: 'Taalcafé in de wijk voor nieuwe inwoners',
    body: 'In Meerestein wonen veel mensen die net in Nederland zijn. Een vaste middag per week in het buurthuis om samen Nederlands te praten zou helpen. Ik wil zelf ook meehelpen.',
    theme: 'meedoen',
    area: 'Meerestein',
    daysAgo: 3,
    status: 'received',
    supports: 2,
  },
  {
    kind: 'signal',
    title: 'Stoep bij de bibliotheek te smal voor een rolstoel',
    body: 'Met mijn rolstoel kan ik niet langs de fietsen die op de stoep voor de bibliotheek staan. Ik moet dan de weg op. Dat is gevaarlijk, vooral als het druk is.',
    theme: 'meedoen',
    area: 'Centrum',
    daysAgo: 45,
    status: 'considering',
    supports: 7,
  },
  {
    kind: 'proposal',
    title: 'Jongerencentrum op vrijdag langer open',
    body: 'Op vrijdagavond is er voor jongeren in de Oranjebuurt niets te doen na negen uur. Als het jongerencentrum tot elf uur open is, hangen er minder jongeren op straat.',
    theme: 'opgroeien',
    area: 'Oranjebuurt',
    daysAgo: 30,
    status: 'on_agenda',
    supports: 12,
  },
  {
    kind: 'signal',
    title: 'Formulier bijzondere bijstand is moeilijk te begrijpen',
    body: 'Ik wilde bijzondere bijstand aanvragen voor een nieuwe wasmachine. Het formulier heeft veel moeilijke woorden en ik wist niet welke papieren ik moest meesturen. Mijn buurvrouw had hetzelfde.',
    theme: 'rondkomen',
    daysAgo: 60,
    status: 'answered',
    response:
      'Dank je wel voor je signaal. We hebben het formulier samen met inwoners herschreven in eenvoudige taal. Bovenaan staat nu een lijstje met de papieren die je nodig hebt. Hulp nodig bij het invullen? Kom naar het spreekuur van de sociaal raadslieden in het stadhuis.',
    respondedDaysAgo: 20,
    supports: 9,
  },
  {
    kind: 'signal',
    title: 'Buurtbus rijdt niet meer op zondag',
    body: 'Sinds dit voorjaar rijdt de buurtbus naar Wijk aan Zee niet meer op zondag. Ouderen zonder auto kunnen dan niet meer op bezoek bij familie.',
    theme: 'wonen en vervoer',
    area: 'Wijk aan Zee',
    daysAgo: 50,
    status: 'not_taken_up',
    statusReason: 'De buurtbus wordt gereden door vrijwilligers. Er zijn op zondag te weinig chauffeurs. De gemeente kan dat niet zelf oplossen.',
    response:
      'We begrijpen dat dit lastig is. Op zondag kun je de Regiotaxi bellen voor hetzelfde tarief als de bus. Wil je helpen als chauffeur? Meld je dan bij de vereniging Buurtbus Beverwijk.',
    respondedDaysAgo: 15,
    supports: 4,
  },
]

/**
 * Seeds Beverwijk's published demo signals, with their "Dit herken ik" supports as rows so the
 * counts agree with them. No device raised these: their keys are random values no device has.
 */
export async function seedDemoSignals(tx: Db, now: Date): Promise<void> {
  const ago = (days: number) => new Date(now.getTime() - days * DAY_MS)
  for (const s of DEMO_SIGNALS) {
    const createdAt = ago(s.daysAgo)
    const [row] = await tx
      .insert(signals)
      .values({
        id: crypto.randomUUID(),
        municipality: 'beverwijk',
        deviceKey: `demo:${crypto.randomUUID()}`,
        kind: s.kind,
        title: s.title,
        body: s.body,
        theme: s.theme,
        area: s.area ?? null,
        createdAt,
        receivedAt: createdAt,
        moderation: 'published',
        moderatedAt: createdAt,
        status: s.status,
        statusReason: s.statusReason ?? null,
        response: s.response ?? null,
        respondedAt: s.respondedDaysAgo === undefined ? null : ago(s.respondedDaysAgo),
        responseDueAt: new Date(createdAt.getTime() + RESPONSE_DAYS * DAY_MS),
        supportCount: s.supports,
        updatedAt: createdAt,
      })
      .returning({ id: signals.id })
    const supports = Array.from({ length: s.supports }, (_, i) => ({ signalId: row!.id, deviceKey: `demo:${crypto.randomUUID()}`, createdAt: ago(Math.max(s.daysAgo - i - 1, 0)) }))
    if (supports.length > 0) await tx.insert(signalSupports).values(supports)
  }
}
