import { readonly, ref } from 'vue'

/**
 * Whether a new service worker waits to take over. Kept apart from `register-sw.ts` so the
 * prompt can read it without pulling workbox-window into the first route's JavaScript.
 */
const available = ref(false)
let apply: (() => void) | undefined

export const updateAvailable = readonly(available)

export function offerUpdate(applyUpdate: () => void): void {
  apply = applyUpdate
  available.value = true
}

/** Runs only when the resident pressed the button: we never reload under someone's fingers. */
export function applyUpdate(): void {
  apply?.()
}

export function dismissUpdate(): void {
  available.value = false
}
