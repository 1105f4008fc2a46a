/**
 * The e-mails Meepraat sends, in B1 Dutch with a short English line below. Kept in one place so
 * they can be read and improved together; they never include answers or other people's data.
 */
export const mailTexts = {
  guardianConfirm: (p: { itemTitle: string; link: string }) => ({
    subject: 'Bevestig de aanmelding van uw kind / Confirm your child’s sign-up',
    text: [
      'Beste ouder of verzorger,',
      '',
      `Uw kind heeft zich aangemeld bij Meepraat voor: ${p.itemTitle}.`,
      'Uw kind is jonger dan 16 jaar. Daarom vragen wij eerst uw toestemming.',
      'Wij bewaren de naam en het contactadres van uw kind alleen voor deze aanmelding.',
      '',
      `Geeft u toestemming? Open dan deze link: ${p.link}`,
      'Doet u niets? Dan wissen wij de aanmelding na 30 dagen.',
      '',
      `Your child signed up for "${p.itemTitle}". They are under 16, so we need your consent first. Open the link above to confirm; without it the sign-up is deleted after 30 days.`,
    ].join('\n'),
  }),
  selected: (p: { name: string; itemTitle: string }) => ({
    subject: `U zit aan tafel: ${p.itemTitle}`,
    text: `Beste ${p.name},\n\nGoed nieuws: u bent gekozen voor de tafel "${p.itemTitle}". De gemeente neemt contact met u op over de eerste bijeenkomst.\n\nYou have been selected for this table. The municipality will contact you about the first meeting.`,
  }),
  notSelected: (p: { name: string; itemTitle: string }) => ({
    subject: `Uitslag loting: ${p.itemTitle}`,
    text: `Beste ${p.name},\n\nEr waren meer aanmeldingen dan plekken. U bent deze keer niet gekozen. U staat op de wachtlijst: als er een plek vrijkomt, hoort u het.\nWe wissen uw contactgegevens 30 dagen nadat de tafel begint.\n\nYou were not selected this time and are on the waiting list.`,
  }),
  seatOffered: (p: { name: string; itemTitle: string }) => ({
    subject: `Er is een plek vrij: ${p.itemTitle}`,
    text: `Beste ${p.name},\n\nEr is een plek vrijgekomen aan de tafel "${p.itemTitle}". U bent de volgende op de wachtlijst. De gemeente neemt contact met u op.\n\nA seat became free and it is offered to you.`,
  }),
  invited: (p: { name: string; itemTitle: string; link: string }) => ({
    subject: `Uitnodiging: ${p.itemTitle}`,
    text: `Beste ${p.name},\n\nU gaf aan dat u mee wilt praten over dit onderwerp. De gemeente start een tafel: "${p.itemTitle}". Meld u aan via ${p.link}\n\nYou asked to be invited: a new table starts. Sign up via the link above.`,
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
