import { computed, ref } from 'vue'
import { useRoute } from 'vue-router'
import { refusalText } from '../error-code-text'
import { useI18n } from '../i18n'
import type { MessageKey } from '../message-keys'
import type { LinkOutcome } from '../sync/link-confirmation'

export type LinkPageState = 'idle' | 'busy' | 'done' | 'notFound' | 'refused' | 'offline' | 'failed'

/**
 * The state of a page that says yes from an e-mailed link: the token from `#t=` or `?token=` (when it has
 * the form the schema asks), and a `confirm` that sends it once at a time. Nothing is sent when
 * the page opens: mail scanners open links too, and only the person may say yes.
 */
export function useLinkConfirmation<T extends object>(options: { isToken: (value: unknown) => boolean; send: (token: string) => Promise<LinkOutcome<T>>; failedKey: MessageKey; onDone?: (outcome: T) => void }) {
  const { t } = useI18n()
  const route = useRoute()
  const token = computed(() => {
    // Newer links carry the token in the fragment (`#t=`), which browsers never send to a server.
    const fromHash = new URLSearchParams(route.hash.replace(/^#/, '')).get('t')
    const raw = fromHash ?? route.query.token
    const value = Array.isArray(raw) ? raw[0] : raw
    return typeof value === 'string' && options.isToken(value) ? value : undefined
  })
  const state = ref<LinkPageState>('idle')
  /** What the server said when it refused for another reason than an unknown link. */
  const refusal = ref('')

  async function confirm(): Promise<void> {
    if (!token.value || state.value === 'busy') return
    state.value = 'busy'
    const outcome = await options.send(token.value)
    if (outcome.state === 'refused') refusal.value = refusalText(t, outcome.error) ?? t(options.failedKey)
    if (outcome.state === 'done') options.onDone?.(outcome as T)
    state.value = outcome.state
  }
  return { token, state, refusal, confirm }
}
