import type { PushPayload } from './push-sender'

/**
 * The notification texts, in both languages; each subscription gets its own. Short, B1, and
 * naming the municipality: a notification from "Meepraat" alone would not say who speaks.
 */
const TEXTS = {
  feedback: {
    nl: (m: string) => `Gemeente ${m} laat weten wat er met de inbreng is gedaan.`,
    en: (m: string) => `${m} municipality says what was done with the input.`,
  },
} as const

export type PushEventType = keyof typeof TEXTS

/** The payloads of one event on an item, per language (`repos/push-repo.ts` queues them). */
export function itemPushEvent(type: PushEventType, item: { id: string; title: string }, municipalityName: string): { nl: PushPayload; en: PushPayload } {
  const base = { type, itemId: item.id, title: item.title, url: `/items/${item.id}`, municipality: municipalityName }
  return {
    nl: { ...base, language: 'nl', body: TEXTS[type].nl(municipalityName) },
    en: { ...base, language: 'en', body: TEXTS[type].en(municipalityName) },
  }
}
