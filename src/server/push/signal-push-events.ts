import type { SignalStatus } from '../../shared/schemas/agenda-setting'
import type { PushPayload } from './push-sender'

/** What the wake-up says per status, in both languages: short, B1, naming the municipality. */
const TEXTS: Record<Exclude<SignalStatus, 'received'>, { nl: (m: string) => string; en: (m: string) => string }> = {
  considering: { nl: (m) => `Gemeente ${m} kijkt naar je signaal.`, en: (m) => `${m} municipality is looking at your signal.` },
  on_agenda: { nl: (m) => `Gemeente ${m} heeft je signaal op de agenda gezet.`, en: (m) => `${m} municipality has put your signal on the agenda.` },
  answered: { nl: (m) => `Gemeente ${m} heeft gereageerd op je signaal.`, en: (m) => `${m} municipality has responded to your signal.` },
  not_taken_up: { nl: (m) => `Gemeente ${m} laat weten waarom ze je signaal niet oppakt.`, en: (m) => `${m} municipality says why it does not take up your signal.` },
}

/** The payloads of a status change on a resident's own signal (the topic is the signal's id). */
export function signalPushEvent(signal: { id: string; title: string }, status: Exclude<SignalStatus, 'received'>, municipalityName: string): { nl: PushPayload; en: PushPayload } {
  const base = { type: 'signal_response' as const, itemId: signal.id, title: signal.title, url: '/mijn-inbreng', municipality: municipalityName }
  return {
    nl: { ...base, language: 'nl', body: TEXTS[status].nl(municipalityName) },
    en: { ...base, language: 'en', body: TEXTS[status].en(municipalityName) },
  }
}
