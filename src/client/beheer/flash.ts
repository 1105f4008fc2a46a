import { ref } from 'vue'

/**
 * A status message that survives one navigation, e.g. "Opgeslagen" after a new item moves from
 * /beheer/items/nieuw to its own address. Memory only, like everything of the back office.
 */
const message = ref('')

export function setFlash(text: string): void {
  message.value = text
}

/** Returns the pending message once and forgets it. */
export function takeFlash(): string {
  const text = message.value
  message.value = ''
  return text
}
