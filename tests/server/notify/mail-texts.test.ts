import { describe, expect, it } from 'vitest'
import { mailTexts, MAIL_LANGUAGES, type MailLanguage, type MailSender, type MailText } from '../../../src/server/notify/mail-texts'

const from: MailSender = { name: 'Beverwijk', contact: { email: 'info@beverwijk.nl', phone: '0251 256 256' } }
const link = 'https://meepraat.beverwijk.nl/x#t=abc'
const meetings = ['2026-09-03T17:00:00Z']

/** Words that only one of the languages uses: a body in one language has none of the other's. */
const ONLY: Record<MailLanguage, RegExp> = {
  nl: /\b(Beste|Hallo|Met vriendelijke groet|Dit bericht komt van|Vragen\?|gemeente neemt|uw|wij|Meld u af|Doe dan niets|alleen|deze)\b/,
  en: /\b(Dear|Hello|Kind regards|This message comes from|Questions\?|your|the|Withdraw|Unsubscribe|unsubscribe|do nothing|only)\b/,
}
const other = (lang: MailLanguage): MailLanguage => (lang === 'nl' ? 'en' : 'nl')
/** How each language offers a way to say no, and writes a date. */
const SAY_NO: Record<MailLanguage, RegExp> = { nl: /(Doe dan niets|doet u niets|Meld u (dan )?af|Wilt u .* niet|niet meer)/i, en: /(do nothing|Withdraw|unsubscribe|Leave Benader mij|no longer|not want)/i }
const DATE: Record<MailLanguage, RegExp> = { nl: /\d+ (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) 20\d\d|\d+ dagen/, en: /\d+ (January|February|March|April|May|June|July|August|September|October|November|December) 20\d\d|\d+ days/ }

/** Every kind of mail a resident (or their guardian) can get, rendered in one language. */
const kinds: Record<string, (lang: MailLanguage) => MailText> = {
  'guardian confirmation': (lang) => mailTexts.guardianConfirm(from, { itemTitle: 'Jongerentafel', link }, lang),
  'selected for a table': (lang) => mailTexts.selected(from, { name: 'Noor', itemTitle: 'Jongerentafel', meetings, calendarLink: link }, lang),
  'not selected': (lang) => mailTexts.notSelected(from, { name: 'Noor', itemTitle: 'Jongerentafel' }, lang),
  'seat offered': (lang) => mailTexts.seatOffered(from, { name: 'Noor', itemTitle: 'Jongerentafel' }, lang),
  invitation: (lang) => mailTexts.invited(from, { name: 'Noor', itemTitle: 'Hangplekken', link, closesAt: '2026-07-01T20:00:00Z', optOutLink: link }, lang),
  'contact confirmation': (lang) => mailTexts.contactConfirm(from, { name: 'Noor', about: 'Benader mij', link, days: 14 }, lang),
  'Benader mij renewal': (lang) => mailTexts.interestRenewal(from, { name: 'Noor', link, months: 12, days: 30, optOutLink: link }, lang),
  'e-mail alert confirmation': (lang) => mailTexts.alertConfirm(from, { itemTitle: 'Hangplekken', link, unsubscribeLink: link, feedbackDueAt: '2026-08-01T10:00:00Z' }, lang),
  feedback: (lang) => mailTexts.alertFeedback(from, { itemTitle: 'Hangplekken', outcome: 'in_progress', summary: 'We lezen alles.', publishedAt: '2026-08-01T10:00:00Z', link, unsubscribeLink: link, final: false }, lang),
  'final feedback': (lang) => mailTexts.alertFeedback(from, { itemTitle: 'Hangplekken', outcome: 'adopted', summary: 'Er komt een hangplek.', publishedAt: '2026-08-01T10:00:00Z', link, unsubscribeLink: link, final: true }, lang),
}

describe('resident mail texts', () => {
  for (const [kind, render] of Object.entries(kinds)) {
    for (const lang of MAIL_LANGUAGES) {
      it(`writes the ${kind} mail in ${lang} only, naming and signing the municipality with its contact, a date and a way to say no`, () => {
        const mail = render(lang)
        // Links and the item's own title are the resident's words, not the mail's: leave them out.
        const words = `${mail.subject}\n${mail.text}`.replaceAll(link, '').replace(/Jongerentafel|Hangplekken|Benader mij|We lezen alles\.|Er komt een hangplek\./g, '')
        expect(words).not.toMatch(ONLY[other(lang)])
        expect(words).toMatch(ONLY[lang])
        expect(mail.subject.startsWith('Beverwijk: ')).toBe(true)
        expect(mail.text.split('\n')[0]).toContain('Beverwijk')
        expect(mail.text).toContain('info@beverwijk.nl')
        expect(mail.text).toContain('0251 256 256')
        expect(mail.text).toMatch(/\nBeverwijk(\n|$)/)
        // The final feedback has no more dates ahead or ways out: the address is deleted with it.
        if (kind !== 'final feedback') expect(mail.text).toMatch(SAY_NO[lang])
        if (!['not selected', 'seat offered'].includes(kind)) expect(mail.text).toMatch(DATE[lang])
      })
    }
  }

  it('gives the meetings of a table and the calendar link to a selected member', () => {
    const mail = mailTexts.selected(from, { name: 'Noor', itemTitle: 'Jongerentafel', meetings, calendarLink: 'https://meepraat.beverwijk.nl/api/items/1/meetings.ics' }, 'nl')
    expect(mail.text).toContain('3 september 2026 om 19:00')
    expect(mail.text).toContain('https://meepraat.beverwijk.nl/api/items/1/meetings.ics')
  })
})
