import type { PushPayload } from './push-sender'

type Text = (municipality: string) => string

/**
 * The notification texts, in both languages; each subscription gets its own. Short, B1, and
 * naming the municipality: a notification from "Meepraat" alone would not say who speaks. A
 * notification can show on a locked screen, so it says what kind of news there is and never more
 * than the inbox shows.
 */
const TEXTS = {
  feedback: {
    nl: (m) => `Gemeente ${m} laat weten wat er met de inbreng is gedaan.`,
    en: (m) => `${m} municipality says what was done with the input.`,
  },
  guardian_confirmed: {
    nl: (m) => `Je ouder of verzorger heeft ja gezegd. Je aanmelding bij gemeente ${m} telt nu mee.`,
    en: (m) => `Your parent or guardian said yes. Your sign-up with ${m} municipality now counts.`,
  },
  signal_response: {
    nl: (m) => `Gemeente ${m} heeft gereageerd op het onderwerp dat je aandroeg.`,
    en: (m) => `${m} municipality has responded to the topic you raised.`,
  },
  invited: {
    nl: (m) => `Gemeente ${m} nodigt je uit om mee te praten.`,
    en: (m) => `${m} municipality invites you to have your say.`,
  },
  advice_response: {
    nl: (m) => `Gemeente ${m} heeft gereageerd op het advies.`,
    en: (m) => `${m} municipality has responded to the advice.`,
  },
} as const satisfies Record<Exclude<PushPayload['type'], 'table_outcome'>, { nl: Text; en: Text }>

/** What a table's selection says to one person; each is one kind of message in their inbox. */
export const TABLE_OUTCOMES = ['selected', 'not_selected', 'waitlisted', 'seat_offered'] as const
export type TableOutcome = (typeof TABLE_OUTCOMES)[number]

const OUTCOME_TEXTS = {
  selected: {
    nl: (m) => `Je bent gekozen voor deze tafel van gemeente ${m}. Kijk in de app wanneer je bijeenkomt.`,
    en: (m) => `You have been chosen for this table of ${m} municipality. See in the app when you meet.`,
  },
  not_selected: {
    nl: (m) => `Gemeente ${m} heeft gekozen wie aan deze tafel komen. Jij bent dit keer niet gekozen.`,
    en: (m) => `${m} municipality has chosen who joins this table. You were not chosen this time.`,
  },
  waitlisted: {
    nl: (m) => `Gemeente ${m} heeft gekozen. Je staat op de wachtlijst voor deze tafel.`,
    en: (m) => `${m} municipality has chosen. You are on the waiting list for this table.`,
  },
  seat_offered: {
    nl: (m) => `Er is een plek vrij aan deze tafel van gemeente ${m}. De plek is voor jou.`,
    en: (m) => `A seat at this table of ${m} municipality has opened up. The seat is yours.`,
  },
} as const satisfies Record<TableOutcome, { nl: Text; en: Text }>

export type PushEventType = keyof typeof TEXTS
export type PushPayloads = { nl: PushPayload; en: PushPayload }

function payloads(base: Omit<PushPayload, 'language' | 'body'>, text: { nl: Text; en: Text }, municipalityName: string): PushPayloads {
  return {
    nl: { ...base, language: 'nl', body: text.nl(municipalityName) },
    en: { ...base, language: 'en', body: text.en(municipalityName) },
  }
}

/** The payloads of one event on an item, per language (`repos/push-repo.ts` queues them). */
export function itemPushEvent(type: PushEventType, item: { id: string; title: string }, municipalityName: string): PushPayloads {
  return payloads({ type, itemId: item.id, title: item.title, url: `/items/${item.id}`, municipality: municipalityName }, TEXTS[type], municipalityName)
}

/** A table's news for one sign-up: the outcome of the selection, or a seat that came free. */
export function tableOutcomePushEvent(outcome: TableOutcome, table: { id: string; title: string }, municipalityName: string): PushPayloads {
  return payloads({ type: 'table_outcome', outcome, itemId: table.id, title: table.title, url: `/items/${table.id}`, municipality: municipalityName }, OUTCOME_TEXTS[outcome], municipalityName)
}

/** What a signal's wake-up says per new status (the inbox holds the response itself). */
const SIGNAL_TEXTS: Record<'considering' | 'on_agenda' | 'answered' | 'not_taken_up', { nl: Text; en: Text }> = {
  considering: { nl: (m) => `Gemeente ${m} kijkt naar het onderwerp dat je aandroeg.`, en: (m) => `${m} municipality is looking at the topic you raised.` },
  on_agenda: { nl: (m) => `Gemeente ${m} heeft het onderwerp dat je aandroeg op de agenda gezet.`, en: (m) => `${m} municipality has put the topic you raised on the agenda.` },
  answered: TEXTS.signal_response,
  not_taken_up: { nl: (m) => `Gemeente ${m} laat weten waarom ze het onderwerp dat je aandroeg niet oppakt.`, en: (m) => `${m} municipality says why it does not take up the topic you raised.` },
}
export type SignalPushStatus = keyof typeof SIGNAL_TEXTS

/**
 * The municipality moved or answered a signal: for the device that raised it (it follows the
 * signal's id). `itemId` is the signal's id, so a notification of one signal replaces the last one of it.
 */
export function signalPushEvent(signal: { id: string; title: string }, status: SignalPushStatus, municipalityName: string): PushPayloads {
  return payloads({ type: 'signal_response', itemId: signal.id, title: signal.title, url: '/mijn-inbreng', municipality: municipalityName }, SIGNAL_TEXTS[status], municipalityName)
}
