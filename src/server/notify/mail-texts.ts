import type { ContactSettings } from '../../shared/schemas/municipality-settings'

/**
 * The e-mails Meepraat sends, in B1 Dutch with a short English line below. Kept in one place so
 * they can be read and improved together; they never include answers or other people's data.
 * Every mail says which municipality writes (in the subject and the first line), is signed by
 * it and gives its contact, so a parent's confirmation request never looks like phishing.
 */

/** The municipality a mail comes from: its name and the contact it publishes. */
export interface MailSender {
  name: string
  contact: ContactSettings
}

/** The municipality's signature with its contact lines (those it filled in). */
function signature(from: MailSender): string {
  const contact = [from.contact.website, from.contact.email, from.contact.phone, from.contact.postalAddress].filter((line): line is string => Boolean(line))
  return ['Met vriendelijke groet,', from.name, ...(contact.length > 0 ? ['', 'Vragen? Neem contact op met de gemeente:', ...contact] : [])].join('\n')
}

const subject = (from: MailSender, text: string) => `${from.name}: ${text}`
const opening = (from: MailSender) => `Dit bericht komt van ${from.name}, via Meepraat.`

function body(from: MailSender, dutch: string[], english: string): string {
  return [opening(from), '', ...dutch, '', signature(from), '', `${english} (Sent by ${from.name} through Meepraat.)`].join('\n')
}

/** A member puts the table's meetings in their own calendar with one link (an .ics file). */
const calendarLines = (link: string | undefined) => (link ? ['', `Zet de bijeenkomsten in uw agenda met deze link: ${link}`] : [])

export const mailTexts = {
  guardianConfirm: (from: MailSender, p: { itemTitle: string; link: string }) => ({
    subject: subject(from, 'Bevestig de aanmelding van uw kind / Confirm your child’s sign-up'),
    text: body(
      from,
      [
        'Beste ouder of verzorger,',
        '',
        `Uw kind heeft zich aangemeld bij Meepraat voor: ${p.itemTitle}.`,
        'Uw kind is jonger dan 16 jaar. Daarom vragen wij eerst uw toestemming.',
        'Wij bewaren de naam en het contactadres van uw kind alleen voor deze aanmelding.',
        '',
        `Geeft u toestemming? Open dan deze link: ${p.link}`,
        'Doet u niets? Dan wissen wij de aanmelding na 30 dagen.',
      ],
      `Your child signed up for "${p.itemTitle}". They are under 16, so we need your consent first. Open the link above to confirm; without it the sign-up is deleted after 30 days.`,
    ),
  }),
  selected: (from: MailSender, p: { name: string; itemTitle: string; calendarLink?: string }) => ({
    subject: subject(from, `U zit aan tafel: ${p.itemTitle}`),
    text: body(
      from,
      [`Beste ${p.name},`, '', `Goed nieuws: u bent gekozen voor de tafel "${p.itemTitle}". De gemeente neemt contact met u op over de eerste bijeenkomst.`, ...calendarLines(p.calendarLink)],
      `You have been selected for this table. The municipality will contact you about the first meeting.${p.calendarLink ? ' Add the meetings to your calendar with the link above.' : ''}`,
    ),
  }),
  notSelected: (from: MailSender, p: { name: string; itemTitle: string }) => ({
    subject: subject(from, `Uitslag loting: ${p.itemTitle}`),
    text: body(
      from,
      [`Beste ${p.name},`, '', 'Er waren meer aanmeldingen dan plekken. U bent deze keer niet gekozen. U staat op de wachtlijst: als er een plek vrijkomt, hoort u het.', 'We wissen uw contactgegevens 30 dagen nadat de tafel begint.'],
      'You were not selected this time and are on the waiting list.',
    ),
  }),
  seatOffered: (from: MailSender, p: { name: string; itemTitle: string; calendarLink?: string }) => ({
    subject: subject(from, `Er is een plek vrij: ${p.itemTitle}`),
    text: body(
      from,
      [`Beste ${p.name},`, '', `Er is een plek vrijgekomen aan de tafel "${p.itemTitle}". U bent de volgende op de wachtlijst. De gemeente neemt contact met u op.`, ...calendarLines(p.calendarLink)],
      `A seat became free and it is offered to you.${p.calendarLink ? ' Add the meetings to your calendar with the link above.' : ''}`,
    ),
  }),
  invited: (from: MailSender, p: { name: string; itemTitle: string; link: string }) => ({
    subject: subject(from, `Uitnodiging: ${p.itemTitle}`),
    text: body(from, [`Beste ${p.name},`, '', `U gaf aan dat u mee wilt praten over dit onderwerp. De gemeente start een tafel: "${p.itemTitle}". Meld u aan via ${p.link}`], 'You asked to be invited: a new table starts. Sign up via the link above.'),
  }),
  contactConfirm: (from: MailSender, p: { name: string; about: string; link: string; days: number }) => ({
    subject: subject(from, `Bevestig uw e-mailadres / Confirm your e-mail address: ${p.about}`),
    text: body(
      from,
      [
        `Beste ${p.name},`,
        '',
        `Iemand heeft dit e-mailadres opgegeven bij Meepraat voor: ${p.about}.`,
        'Was u dat? Bevestig het dan met deze link. Pas daarna telt uw aanmelding.',
        p.link,
        '',
        `Was u het niet, of doet u niets? Dan wissen wij de aanmelding en dit adres na ${p.days} dagen.`,
      ],
      `Someone gave this address for "${p.about}". If that was you, open the link above: only then does the sign-up count. Otherwise it is deleted after ${p.days} days.`,
    ),
  }),
  interestRenewal: (from: MailSender, p: { name: string; link: string; months: number; days: number }) => ({
    subject: subject(from, 'Wilt u in Benader mij blijven? / Do you want to stay in Benader mij?'),
    text: body(
      from,
      [
        `Beste ${p.name},`,
        '',
        `U staat bij Meepraat op de lijst Benader mij van ${from.name}. Wij vragen elke ${p.months} maanden of u dat nog wilt.`,
        'Wilt u blijven? Open dan deze link:',
        p.link,
        '',
        `Doet u niets? Dan wissen wij uw gegevens na ${p.days} dagen. U kunt zich later altijd opnieuw aanmelden.`,
      ],
      `You are on the Benader mij list. Every ${p.months} months we ask whether you want to stay. Open the link above to stay; otherwise your details are deleted after ${p.days} days.`,
    ),
  }),
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
