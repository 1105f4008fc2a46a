import { nextTick, ref } from 'vue'
import { useI18n } from '../i18n'
import { errorText } from './error-text'

/**
 * An official action that cannot be undone (a draw, sending invitations): first a confirm step
 * that takes focus, then the call, with a busy flag and the failure in words. `perform` returns
 * true when it finished, so the confirm step closes.
 */
export function useConfirmedAction(confirmButtonId: string, perform: () => Promise<void>) {
  const { t } = useI18n()
  const confirming = ref(false)
  const busy = ref(false)
  const failure = ref('')

  async function ask(): Promise<void> {
    confirming.value = true
    await nextTick()
    document.getElementById(confirmButtonId)?.focus()
  }

  async function run(): Promise<void> {
    if (busy.value) return
    busy.value = true
    failure.value = ''
    try {
      await perform()
      confirming.value = false
    } catch (error) {
      failure.value = errorText(t, error)
    } finally {
      busy.value = false
    }
  }

  return { confirming, busy, failure, ask, run }
}
