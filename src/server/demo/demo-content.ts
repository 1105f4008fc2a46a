import type { ContentLanguage, ItemTranslations } from '../../shared/schemas/content-language'
import type { ItemKind, LadderStep, Phase, ResultsVisibility } from '../../shared/schemas/item'
import type { Question } from '../../shared/schemas/question'
import type { TableAssignment } from '../../shared/schemas/table'
import type { NewMunicipality, NewRegion } from '../services/municipality-service'
import { demoThemeFor } from './demo-themes'

/** The demo's region; created through the same service as a real one (`create-region`). */
export const DEMO_REGIONS: NewRegion[] = [{ slug: 'ijmond', name: 'IJmond' }]

/**
 * The statements and contacts of a demo municipality. Every address, phone number and e-mail is
 * made up (example.nl, 0000-numbers): the demo must never send a resident to a real town hall.
 */
function demoSettings(m: { slug: string; name: string; contentLanguages?: ContentLanguage[] }) {
  return {
    contact: {
      website: `https://${m.slug}.example.nl`,
      email: `meepraat@${m.slug}.example.nl`,
      phone: '14 0000',
      postalAddress: `Postbus 1, 0000 AA ${m.name}`,
    },
    controller: { name: `College van burgemeester en wethouders van ${m.name}`, email: `privacy@${m.slug}.example.nl`, postalAddress: `Postbus 1, 0000 AA ${m.name}` },
    dataProtectionOfficer: { name: `Functionaris gegevensbescherming van ${m.name}`, email: `fg@${m.slug}.example.nl` },
    accessibilityStatement: {
      text: `${m.name} wil dat iedereen Meepraat kan gebruiken. Deze demo-app volgt de WCAG 2.2 op niveau AA. Werkt iets niet voor u? Mail ons via meepraat@${m.slug}.example.nl.`,
    },
    // The municipality's look: design tokens built from the open example tokens (never a real house style).
    theme: demoThemeFor(m.slug),
    // Beverwijk writes for the region's newcomers too; the others keep the default (English).
    ...(m.contentLanguages ? { contentLanguages: m.contentLanguages } : {}),
  }
}

const demoMunicipality = ({ contentLanguages, ...m }: { slug: string; name: string; region?: string; areas: string[]; contentLanguages?: ContentLanguage[] }): NewMunicipality => ({
  ...m,
  settings: demoSettings({ ...m, ...(contentLanguages ? { contentLanguages } : {}) }),
})

/** The demo municipalities, each created through the same service as a real one (`create-municipality`). */
export const DEMO_MUNICIPALITIES: NewMunicipality[] = [
  demoMunicipality({
    slug: 'beverwijk',
    name: 'Beverwijk',
    region: 'ijmond',
    areas: ['Centrum', 'Oranjebuurt', 'Meerestein', 'Broekpolder', 'Wijk aan Zee'],
    contentLanguages: ['en', 'ar', 'tr', 'pl', 'uk'],
  }),
  demoMunicipality({ slug: 'heemskerk', name: 'Heemskerk', region: 'ijmond', areas: ['Centrum', 'Noord', 'Zuid', 'Oosterwijk', 'Rijkshemelweg'] }),
  demoMunicipality({ slug: 'velsen', name: 'Velsen', region: 'ijmond', areas: ['IJmuiden', 'Velsen-Zuid', 'Driehuis', 'Santpoort', 'Velserbroek'] }),
  demoMunicipality({ slug: 'westervoort', name: 'Westervoort', areas: ['Centrum', 'Vredenburg', 'Het Ambacht', 'Overmaat'] }),
]

/** An item of the demo, with dates as days relative to the moment of seeding. */
export interface DemoItem {
  kind: ItemKind
  title: string
  summary: string
  body: string
  theme: string
  ladder: LadderStep
  phase: Phase
  resultsVisibility: ResultsVisibility
  opensInDays: number
  closesInDays: number
  feedbackDueInDays: number
  questions: Question[]
  /** Tables only: the assignment, with dates as days from seeding. */
  /** `at`: that many days from now; `evening`: 19:30 Dutch winter time on that day, when people can come. */
  table?: (at: (days: number) => string, evening: (days: number) => string) => TableAssignment
  feedback?: { outcome: 'in_progress' | 'adopted' | 'partly_adopted' | 'not_adopted'; summary: string; body?: string; daysAgo: number }[]
  /** For the whole region (its members show one shared item); a municipality outside it keeps its own. */
  region?: string
  /** The item's texts in other languages (what is left out shows in Dutch). */
  translations?: ItemTranslations
}

const yesNo = (id: string, label: string): Question => ({
  id,
  type: 'single',
  label,
  required: true,
  options: [
    { id: 'ja', label: 'Ja' },
    { id: 'nee', label: 'Nee' },
    { id: 'weet-niet', label: 'Weet ik niet' },
  ],
})

/** The demo items of one municipality, in B1 Dutch, drawn from the IJmond and Westervoort documents. */
export function demoItemsFor(m: { name: string }): DemoItem[] {
  return [
    {
      kind: 'poll',
      title: 'Mogen jongeren meepraten?',
      summary: `Jongeren in ${m.name}: wil je meepraten over wat de gemeente doet? Het duurt een minuut.`,
      body: 'We willen weten of jongeren het belangrijk vinden om mee te praten. We vragen je naam niet; je antwoord is niet aan jou te koppelen voor de gemeente.',
      theme: 'opgroeien',
      ladder: 'raadplegen',
      phase: 'agenda',
      resultsVisibility: 'direct',
      opensInDays: -3,
      closesInDays: 25,
      feedbackDueInDays: 55,
      questions: [
        yesNo('belangrijk', 'Vind je het belangrijk dat jongeren kunnen meepraten over wat de gemeente doet?'),
      ],
      translations: {
        en: {
          title: 'Should young people have a say?',
          summary: `Young people in ${m.name}: do you want to have a say in what the municipality does? It takes one minute.`,
          body: 'We want to know if young people find it important to have a say. We do not ask your name; the municipality cannot link your answer to you.',
          questions: {
            belangrijk: {
              label: 'Do you think it is important that young people can have a say in what the municipality does?',
              options: { ja: 'Yes', nee: 'No', 'weet-niet': 'I do not know' },
            },
          },
        },
        ar: {
          title: 'هل يشارك الشباب برأيهم؟',
          summary: `أيها الشباب في ${m.name}: هل تريد أن تشارك برأيك في ما تفعله البلدية؟ يستغرق ذلك دقيقة واحدة.`,
          body: 'نريد أن نعرف هل يرى الشباب أن المشاركة بالرأي مهمة. لا نسألك عن اسمك، ولا تستطيع البلدية أن تربط إجابتك بك.',
          questions: {
            belangrijk: {
              label: 'هل ترى أنه من المهم أن يشارك الشباب برأيهم في ما تفعله البلدية؟',
              options: { ja: 'نعم', nee: 'لا', 'weet-niet': 'لا أعرف' },
            },
          },
        },
      },
    },
    {
      kind: 'poll',
      title: 'Welke plekken in je buurt zijn belangrijk?',
      summary: 'Fietspaden, hangplekken, sportvelden: wat vind jij belangrijk? Kies er hoogstens drie.',
      body: 'De gemeente maakt plannen voor de openbare ruimte. Vertel ons welke plekken voor jou het belangrijkst zijn.',
      theme: 'wonen en vervoer',
      ladder: 'raadplegen',
      phase: 'beleidsvorming',
      resultsVisibility: 'direct',
      opensInDays: -5,
      closesInDays: 18,
      feedbackDueInDays: 48,
      questions: [
        {
          id: 'plekken',
          type: 'multiple',
          label: 'Welke plekken vind jij belangrijk?',
          required: true,
          max: 3,
          options: [
            { id: 'fietspaden', label: 'Veilige fietspaden' },
            { id: 'hangplekken', label: 'Hangplekken voor jongeren' },
            { id: 'sport', label: 'Sportvelden en skatebaan' },
            { id: 'groen', label: 'Parken en groen' },
            { id: 'ov', label: 'Goede bus- en treinverbindingen' },
          ],
        },
        {
          id: 'tevreden',
          type: 'scale',
          label: 'Hoe tevreden ben je over je buurt?',
          required: false,
          min: 1,
          max: 5,
          minLabel: 'Niet tevreden',
          maxLabel: 'Heel tevreden',
          smileys: true,
        },
      ],
    },
    {
      kind: 'question',
      title: 'Wat maakt het moeilijk om hulp te vinden?',
      summary: 'Soms heeft u hulp nodig. Bijvoorbeeld bij geld, zorg of opvoeden. Wat maakt het zoeken moeilijk?',
      body: `De gemeente ${m.name} wil dat iedereen hulp kan vinden als dat nodig is. We maken nu nieuw beleid. Daarom vragen we het eerst aan u. Wat gaat goed? Wat kan beter?`,
      theme: 'meedoen',
      ladder: 'adviseren',
      phase: 'beleidsvorming',
      resultsVisibility: 'after_close',
      opensInDays: -7,
      closesInDays: 35,
      feedbackDueInDays: 80,
      questions: [
        {
          id: 'moeilijk',
          type: 'text',
          label: 'Wat maakt het moeilijk om hulp te vinden?',
          required: true,
          max: 1000,
        },
        {
          id: 'makkelijk',
          type: 'scale',
          label: 'Hoe makkelijk is het om hulp te vinden?',
          required: false,
          min: 1,
          max: 5,
          minLabel: 'Heel moeilijk',
          maxLabel: 'Heel makkelijk',
        },
        {
          id: 'idee',
          type: 'text',
          label: 'Heeft u een idee om het beter te maken?',
          required: false,
          max: 1000,
        },
      ],
      // Arabic leaves the last question out on purpose: it shows in Dutch, and the back office lists it as missing.
      translations: {
        en: {
          title: 'What makes it hard to find help?',
          summary: 'Sometimes you need help. For example with money, care or raising children. What makes finding it hard?',
          body: `The municipality of ${m.name} wants everyone to be able to find help when they need it. We are making new policy now. That is why we ask you first. What goes well? What could be better?`,
          questions: {
            moeilijk: { label: 'What makes it hard to find help?' },
            makkelijk: { label: 'How easy is it to find help?', minLabel: 'Very hard', maxLabel: 'Very easy' },
            idee: { label: 'Do you have an idea to make it better?' },
          },
        },
        ar: {
          title: 'ما الذي يجعل العثور على المساعدة صعبًا؟',
          summary: 'أحيانًا تحتاج إلى مساعدة، مثلًا في المال أو الرعاية أو تربية الأطفال. ما الذي يجعل البحث عنها صعبًا؟',
          body: `تريد بلدية ${m.name} أن يجد كل شخص المساعدة عندما يحتاج إليها. نحن نضع الآن سياسة جديدة، ولذلك نسألك أولًا. ما الذي يسير جيدًا؟ وما الذي يمكن أن يكون أفضل؟`,
          questions: {
            moeilijk: { label: 'ما الذي يجعل العثور على المساعدة صعبًا؟' },
            makkelijk: { label: 'ما مدى سهولة العثور على المساعدة؟', minLabel: 'صعب جدًا', maxLabel: 'سهل جدًا' },
          },
        },
      },
    },
    {
      kind: 'question',
      title: 'Rondkomen met uw geld',
      region: 'ijmond',
      summary: 'Veel mensen hebben moeite om rond te komen. Wat zou u helpen?',
      body: 'De gemeente helpt mensen met weinig geld. Bijvoorbeeld met schuldhulp of een bijdrage voor sport. We willen weten wat u nodig heeft.',
      theme: 'rondkomen',
      ladder: 'adviseren',
      phase: 'agenda',
      resultsVisibility: 'after_close',
      opensInDays: -2,
      closesInDays: 40,
      feedbackDueInDays: 85,
      questions: [
        {
          id: 'helpt',
          type: 'multiple',
          label: 'Wat zou u helpen?',
          required: true,
          options: [
            { id: 'uitleg', label: 'Duidelijke uitleg over regelingen' },
            { id: 'loket', label: 'Eén loket voor alle vragen' },
            { id: 'hulp-formulieren', label: 'Hulp bij formulieren' },
            { id: 'vrijwilliger', label: 'Een vrijwilliger die meekijkt' },
          ],
        },
        { id: 'toelichting', type: 'text', label: 'Wilt u nog iets vertellen?', required: false, max: 800 },
      ],
    },
    {
      kind: 'table',
      title: 'Tijdelijke tafel: hulp vinden als u het nodig heeft',
      summary: 'Praat een paar keer mee met andere inwoners. Samen geeft u advies aan de gemeente.',
      body: 'Opdracht: geef advies over hoe inwoners makkelijker hulp vinden. De tafel komt vier keer bij elkaar, in het gemeentehuis (rolstoeltoegankelijk). U krijgt een vrijwilligersvergoeding. Plekken voor cliënten en ervaringsdeskundigen zijn gegarandeerd.',
      theme: 'meedoen',
      ladder: 'adviseren',
      phase: 'beleidsvorming',
      resultsVisibility: 'never',
      opensInDays: -1,
      closesInDays: 30,
      feedbackDueInDays: 120,
      questions: [],
      table: (at, evening) => ({
        question: 'Wat kan de gemeente doen zodat inwoners makkelijker hulp vinden als ze die nodig hebben?',
        form: 'Vier gesprekken aan tafel met andere inwoners en een ambtenaar. U hoeft niets voor te bereiden.',
        meetings: [0, 14, 28, 42].map((d) => ({
          startsAt: evening(35 + d),
          place: `Gemeentehuis ${m.name}`,
          online: false,
          accessibility: 'Rolstoeltoegankelijk, met ringleiding. Vraag gerust om wat u nodig heeft.',
        })),
        startsAt: evening(35),
        endsAt: at(80),
        adviceDueAt: at(90),
        allowance: { kind: 'amount', euros: 25, per: 'meeting' },
        hoursExpected: 10,
        seats: 12,
        reserved: { clientOrExpert: 4, youth: 2 },
        signupOpensAt: at(-1),
        signupClosesAt: at(28),
        selectionMethod: 'lot',
      }),
    },
    {
      kind: 'poll',
      title: 'Jongerenavond in het centrum',
      summary: 'We vroegen of jongeren een jongerenavond willen. Lees wat we ermee doen.',
      body: 'Deze peiling is gesloten. Dank voor alle antwoorden.',
      theme: 'opgroeien',
      ladder: 'raadplegen',
      phase: 'uitvoering',
      resultsVisibility: 'after_close',
      opensInDays: -60,
      closesInDays: -30,
      feedbackDueInDays: -5,
      questions: [yesNo('avond', 'Wil je een jongerenavond in het centrum?')],
      feedback: [
        {
          outcome: 'adopted',
          summary: 'Jullie wilden een jongerenavond. Die komt er: elke eerste vrijdag van de maand.',
          body: 'De meeste jongeren zeiden ja. Samen met het jongerenwerk organiseren we de avond.',
          daysAgo: 10,
        },
      ],
    },
  ]
}
