import type { ContactSettings } from '../../shared/schemas/municipality-settings'

/**
 * The e-mails Meepraat sends to residents, each in ONE language: the recipient's (B1 Dutch, or
 * English). Kept in one place so they can be read and improved together; they never include
 * answers or other people's data. Every mail says which municipality writes (in the subject and
 * the first line), is signed by it and gives its contact, gives the dates that matter, and says
 * how to say no, so a parent's confirmation request never looks like phishing.
 */

/** The languages residents can read the app and their mail in. */
export const MAIL_LANGUAGES = ['nl', 'en'] as const
export type MailLanguage = (typeof MAIL_LANGUAGES)[number]

/** The municipality a mail comes from: its name and the contact it publishes. */
export interface MailSender {
  name: string
  contact: ContactSettings
}

export interface MailText {
  subject: string
  text: string
}

const FRAME = {
  nl: { opening: (n: string) => `Dit bericht komt van ${n}, via Meepraat.`, regards: 'Met vriendelijke groet,', questions: 'Vragen? Neem contact op met de gemeente:' },
  en: { opening: (n: string) => `This message comes from ${n}, through Meepraat.`, regards: 'Kind regards,', questions: 'Questions? Contact the municipality:' },
} as const

/** The municipality's signature with its contact lines (those it filled in). */
function signature(from: MailSender, lang: MailLanguage): string {
  const contact = [from.contact.website, from.contact.email, from.contact.phone, from.contact.postalAddress].filter((line): line is string => Boolean(line))
  return [FRAME[lang].regards, from.name, ...(contact.length > 0 ? ['', FRAME[lang].questions, ...contact] : [])].join('\n')
}

function mail(from: MailSender, lang: MailLanguage, subject: string, lines: string[]): MailText {
  return { subject: `${from.name}: ${subject}`, text: [FRAME[lang].opening(from.name), '', ...lines, '', signature(from, lang)].join('\n') }
}

/** A date (and time) as people in the Netherlands read it, in the mail's language. */
export function mailDate(iso: string | Date, lang: MailLanguage, withTime = false): string {
  const format = new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'long', ...(withTime ? { timeStyle: 'short' } : {}), timeZone: 'Europe/Amsterdam' })
  return format.format(typeof iso === 'string' ? new Date(iso) : iso)
}

/** The ways out a resident can take, as the line that offers it. */
const optOutLine = {
  nl: (link: string) => `Wilt u geen uitnodigingen meer? Meld u af uit Benader mij met één klik: ${link}`,
  en: (link: string) => `No more invitations? Leave Benader mij with one click: ${link}`,
}

export const FEEDBACK_OUTCOME_TEXT: Record<MailLanguage, Record<'in_progress' | 'adopted' | 'partly_adopted' | 'not_adopted', string>> = {
  nl: { in_progress: 'De gemeente is er nog mee bezig.', adopted: 'De gemeente neemt de inbreng over.', partly_adopted: 'De gemeente neemt de inbreng voor een deel over.', not_adopted: 'De gemeente neemt de inbreng niet over.' },
  en: { in_progress: 'The municipality is still working on it.', adopted: 'The municipality adopts the input.', partly_adopted: 'The municipality partly adopts the input.', not_adopted: 'The municipality does not adopt the input.' },
}

function meetingLines(meetings: readonly string[], lang: MailLanguage): string[] {
  if (meetings.length === 0) return []
  return [lang === 'nl' ? 'De bijeenkomsten:' : 'The meetings:', ...meetings.map((m) => `- ${mailDate(m, lang, true)}`)]
}

export const mailTexts = {
  guardianConfirm: (from: MailSender, p: { itemTitle: string; link: string }, lang: MailLanguage = 'nl') =>
    lang === 'nl'
      ? mail(from, lang, 'Bevestig de aanmelding van uw kind', [
          'Beste ouder of verzorger,',
          '',
          `Uw kind heeft zich aangemeld bij Meepraat voor: ${p.itemTitle}.`,
          'Uw kind is jonger dan 16 jaar. Daarom vragen wij eerst uw toestemming.',
          'Wij bewaren de naam en het contactadres van uw kind alleen voor deze aanmelding.',
          '',
          `Geeft u toestemming? Open dan deze link: ${p.link}`,
          'Geeft u geen toestemming? Doe dan niets. Dan wissen wij de aanmelding na 30 dagen.',
        ])
      : mail(from, lang, 'Confirm your child’s sign-up', [
          'Dear parent or guardian,',
          '',
          `Your child signed up through Meepraat for: ${p.itemTitle}.`,
          'Your child is under 16. That is why we ask for your consent first.',
          'We keep your child’s name and contact address for this sign-up only.',
          '',
          `Do you consent? Then open this link: ${p.link}`,
          'You do not consent? Then do nothing. We delete the sign-up after 30 days.',
        ]),
  selected: (from: MailSender, p: { name: string; itemTitle: string; meetings?: readonly string[]; calendarLink?: string }, lang: MailLanguage = 'nl') =>
    lang === 'nl'
      ? mail(from, lang, `U zit aan tafel: ${p.itemTitle}`, [
          `Beste ${p.name},`,
          '',
          `Goed nieuws: u bent gekozen voor de tafel "${p.itemTitle}". De gemeente neemt contact met u op over de eerste bijeenkomst.`,
          ...meetingLines(p.meetings ?? [], lang),
          ...(p.calendarLink ? [`Zet de bijeenkomsten in uw agenda: ${p.calendarLink}`] : []),
          'Kunt of wilt u toch niet meedoen? Meld u dan af in de app, onder Mijn inbreng. Uw plek gaat dan naar iemand anders.',
        ])
      : mail(from, lang, `You have a seat at the table: ${p.itemTitle}`, [
          `Dear ${p.name},`,
          '',
          `Good news: you have been selected for the table "${p.itemTitle}". The municipality will contact you about the first meeting.`,
          ...meetingLines(p.meetings ?? [], lang),
          ...(p.calendarLink ? [`Add the meetings to your calendar: ${p.calendarLink}`] : []),
          'Can you not take part after all? Withdraw in the app, under My input. Your seat then goes to someone else.',
        ]),
  notSelected: (from: MailSender, p: { name: string; itemTitle: string }, lang: MailLanguage = 'nl') =>
    lang === 'nl'
      ? mail(from, lang, `Uitslag loting: ${p.itemTitle}`, [
          `Beste ${p.name},`,
          '',
          'Er waren meer aanmeldingen dan plekken. U bent deze keer niet gekozen. U staat op de wachtlijst: als er een plek vrijkomt, hoort u het.',
          'We wissen uw contactgegevens 30 dagen nadat de tafel begint.',
          'Wilt u niet meer op de wachtlijst staan? Meld u dan af in de app, onder Mijn inbreng.',
        ])
      : mail(from, lang, `Result of the draw: ${p.itemTitle}`, [
          `Dear ${p.name},`,
          '',
          'There were more sign-ups than seats. You were not selected this time. You are on the waiting list: if a seat becomes free, we will tell you.',
          'We delete your contact details 30 days after the table starts.',
          'Do you no longer want to be on the waiting list? Withdraw in the app, under My input.',
        ]),
  seatOffered: (from: MailSender, p: { name: string; itemTitle: string; calendarLink?: string }, lang: MailLanguage = 'nl') =>
    lang === 'nl'
      ? mail(from, lang, `Er is een plek vrij: ${p.itemTitle}`, [
          `Beste ${p.name},`,
          '',
          `Er is een plek vrijgekomen aan de tafel "${p.itemTitle}". U bent de volgende op de wachtlijst. De gemeente neemt contact met u op.`,
          ...(p.calendarLink ? [`Zet de bijeenkomsten in uw agenda: ${p.calendarLink}`] : []),
          'Wilt u de plek niet? Meld u dan af in de app, onder Mijn inbreng.',
        ])
      : mail(from, lang, `A seat is free: ${p.itemTitle}`, [
          `Dear ${p.name},`,
          '',
          `A seat became free at the table "${p.itemTitle}". You are next on the waiting list. The municipality will contact you.`,
          ...(p.calendarLink ? [`Add the meetings to your calendar: ${p.calendarLink}`] : []),
          'Do you not want the seat? Withdraw in the app, under My input.',
        ]),
  /** An invitation from the Benader mij network to any item (poll, question or table). */
  invited: (from: MailSender, p: { name: string; itemTitle: string; link: string; closesAt?: string; optOutLink?: string }, lang: MailLanguage = 'nl') =>
    lang === 'nl'
      ? mail(from, lang, `Uitnodiging: ${p.itemTitle}`, [
          `Beste ${p.name},`,
          '',
          `U gaf aan dat u mee wilt praten over dit onderwerp. De gemeente vraagt uw mening: "${p.itemTitle}".`,
          `Doe mee via ${p.link}`,
          ...(p.closesAt ? [`Dit kan tot ${mailDate(p.closesAt, lang, true)}.`] : []),
          ...(p.optOutLink ? ['', optOutLine.nl(p.optOutLink)] : []),
        ])
      : mail(from, lang, `Invitation: ${p.itemTitle}`, [
          `Dear ${p.name},`,
          '',
          `You said you want to have a say on this subject. The municipality asks for your view: "${p.itemTitle}".`,
          `Take part via ${p.link}`,
          ...(p.closesAt ? [`You can do so until ${mailDate(p.closesAt, lang, true)}.`] : []),
          ...(p.optOutLink ? ['', optOutLine.en(p.optOutLink)] : []),
        ]),
  contactConfirm: (from: MailSender, p: { name: string; about: string; link: string; days: number }, lang: MailLanguage = 'nl') =>
    lang === 'nl'
      ? mail(from, lang, `Bevestig uw e-mailadres: ${p.about}`, [
          `Beste ${p.name},`,
          '',
          `Iemand heeft dit e-mailadres opgegeven bij Meepraat voor: ${p.about}.`,
          'Was u dat? Bevestig het dan met deze link. Pas daarna telt uw aanmelding.',
          p.link,
          '',
          `Was u het niet, of doet u niets? Dan wissen wij de aanmelding en dit adres na ${p.days} dagen.`,
        ])
      : mail(from, lang, `Confirm your e-mail address: ${p.about}`, [
          `Dear ${p.name},`,
          '',
          `Someone gave this e-mail address through Meepraat for: ${p.about}.`,
          'Was that you? Then confirm it with this link. Only then does your sign-up count.',
          p.link,
          '',
          `Was it not you, or do you do nothing? Then we delete the sign-up and this address after ${p.days} days.`,
        ]),
  interestRenewal: (from: MailSender, p: { name: string; link: string; months: number; days: number; optOutLink?: string }, lang: MailLanguage = 'nl') =>
    lang === 'nl'
      ? mail(from, lang, 'Wilt u in Benader mij blijven?', [
          `Beste ${p.name},`,
          '',
          `U staat bij Meepraat op de lijst Benader mij van ${from.name}. Wij vragen elke ${p.months} maanden of u dat nog wilt.`,
          'Wilt u blijven? Open dan deze link:',
          p.link,
          '',
          `Doet u niets? Dan wissen wij uw gegevens na ${p.days} dagen. U kunt zich later altijd opnieuw aanmelden.`,
          ...(p.optOutLink ? [optOutLine.nl(p.optOutLink)] : []),
        ])
      : mail(from, lang, 'Do you want to stay in Benader mij?', [
          `Dear ${p.name},`,
          '',
          `You are on the Benader mij list of ${from.name} in Meepraat. Every ${p.months} months we ask whether you still want that.`,
          'Do you want to stay? Then open this link:',
          p.link,
          '',
          `Do you do nothing? Then we delete your details after ${p.days} days. You can always sign up again later.`,
          ...(p.optOutLink ? [optOutLine.en(p.optOutLink)] : []),
        ]),
  /** Double opt-in of "mail me when the municipality responds": the only mail before the yes. */
  alertConfirm: (from: MailSender, p: { itemTitle: string; link: string; unsubscribeLink: string; feedbackDueAt: string }, lang: MailLanguage = 'nl') =>
    lang === 'nl'
      ? mail(from, lang, `Bevestig uw e-mailadres: ${p.itemTitle}`, [
          'Hallo,',
          '',
          `Iemand vroeg bij Meepraat om een e-mail als de gemeente reageert op: ${p.itemTitle}.`,
          'Was u dat? Bevestig het dan met deze link. Pas daarna sturen wij u de reactie.',
          p.link,
          '',
          `De gemeente wil uiterlijk ${mailDate(p.feedbackDueAt, lang)} reageren.`,
          'Was u het niet, of wilt u het niet meer? Doe dan niets, of meld u af met één klik:',
          p.unsubscribeLink,
        ])
      : mail(from, lang, `Confirm your e-mail address: ${p.itemTitle}`, [
          'Hello,',
          '',
          `Someone asked Meepraat for an e-mail when the municipality responds to: ${p.itemTitle}.`,
          'Was that you? Then confirm it with this link. Only then do we send you the response.',
          p.link,
          '',
          `The municipality wants to respond by ${mailDate(p.feedbackDueAt, lang)}.`,
          'Was it not you, or do you no longer want it? Do nothing, or unsubscribe with one click:',
          p.unsubscribeLink,
        ]),
  /** The municipality responded: the outcome and summary, a link to the item, a way out. */
  alertFeedback: (
    from: MailSender,
    p: { itemTitle: string; outcome: keyof (typeof FEEDBACK_OUTCOME_TEXT)['nl']; summary: string; publishedAt: string; link: string; unsubscribeLink: string; final: boolean },
    lang: MailLanguage = 'nl',
  ) =>
    lang === 'nl'
      ? mail(from, lang, `De gemeente reageert: ${p.itemTitle}`, [
          'Hallo,',
          '',
          `Op ${mailDate(p.publishedAt, lang)} gaf de gemeente een reactie op: ${p.itemTitle}.`,
          '',
          FEEDBACK_OUTCOME_TEXT.nl[p.outcome],
          `"${p.summary}"`,
          '',
          `Lees de hele reactie: ${p.link}`,
          '',
          p.final ? 'Dit is de laatste reactie. Wij wissen uw e-mailadres nu.' : 'Als de gemeente weer reageert, krijgt u opnieuw een e-mail.',
          ...(p.final ? [] : [`Wilt u geen e-mail meer? Meld u af met één klik: ${p.unsubscribeLink}`]),
        ])
      : mail(from, lang, `The municipality responds: ${p.itemTitle}`, [
          'Hello,',
          '',
          `On ${mailDate(p.publishedAt, lang)} the municipality responded to: ${p.itemTitle}.`,
          '',
          FEEDBACK_OUTCOME_TEXT.en[p.outcome],
          `"${p.summary}"`,
          '',
          `Read the whole response: ${p.link}`,
          '',
          p.final ? 'This is the final response. We now delete your e-mail address.' : 'When the municipality responds again, you get another e-mail.',
          ...(p.final ? [] : [`No more e-mail? Unsubscribe with one click: ${p.unsubscribeLink}`]),
        ]),
  officialInvited: (p: { municipalityName: string; invitedBy: string; link: string }) => ({
    subject: `Uitnodiging voor Meepraat van gemeente ${p.municipalityName} / Invitation to Meepraat`,
    text: [
      'Hallo,',
      '',
      `${p.invitedBy} nodigt u uit om mee te werken in Meepraat van gemeente ${p.municipalityName}.`,
      `Kies uw eigen wachtwoord via deze link: ${p.link}`,
      'De link werkt 72 uur en maar één keer. Kende u deze uitnodiging niet? Dan kunt u deze e-mail negeren.',
      '',
      `You are invited to work in Meepraat for the municipality of ${p.municipalityName}. Choose your own password with the link above; it works once, for 72 hours.`,
    ].join('\n'),
  }),
  passwordReset: (p: { municipalityName: string; link: string }) => ({
    subject: 'Nieuw wachtwoord voor Meepraat / New password for Meepraat',
    text: [
      'Hallo,',
      '',
      `Iemand vroeg een nieuw wachtwoord aan voor uw account bij Meepraat van gemeente ${p.municipalityName}.`,
      `Kies een nieuw wachtwoord via deze link: ${p.link}`,
      'De link werkt 72 uur en maar één keer. Vroeg u niets aan? Dan kunt u deze e-mail negeren: uw wachtwoord blijft hetzelfde.',
      '',
      'Someone asked for a new password for your Meepraat account. Choose one with the link above (once, within 72 hours). If it was not you, ignore this e-mail.',
    ].join('\n'),
  }),
}
