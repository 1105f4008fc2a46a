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
  contactConfirm: (p: { name: string; about: string; link: string; days: number }) => ({
    subject: `Bevestig uw e-mailadres / Confirm your e-mail address: ${p.about}`,
    text: [
      `Beste ${p.name},`,
      '',
      `Iemand heeft dit e-mailadres opgegeven bij Meepraat voor: ${p.about}.`,
      'Was u dat? Bevestig het dan met deze link. Pas daarna telt uw aanmelding.',
      p.link,
      '',
      `Was u het niet, of doet u niets? Dan wissen wij de aanmelding en dit adres na ${p.days} dagen.`,
      '',
      `Someone gave this address for "${p.about}". If that was you, open the link above: only then does the sign-up count. Otherwise it is deleted after ${p.days} days.`,
    ].join('\n'),
  }),
  interestRenewal: (p: { name: string; link: string; months: number; days: number }) => ({
    subject: 'Wilt u in Benader mij blijven? / Do you want to stay in Benader mij?',
    text: [
      `Beste ${p.name},`,
      '',
      `U staat bij Meepraat op de lijst Benader mij. Wij vragen elke ${p.months} maanden of u dat nog wilt.`,
      'Wilt u blijven? Open dan deze link:',
      p.link,
      '',
      `Doet u niets? Dan wissen wij uw gegevens na ${p.days} dagen. U kunt zich later altijd opnieuw aanmelden.`,
      '',
      `You are on the Benader mij list. Every ${p.months} months we ask whether you want to stay. Open the link above to stay; otherwise your details are deleted after ${p.days} days.`,
    ].join('\n'),
  }),
}
