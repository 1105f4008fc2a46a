import { ref } from 'vue'
import { useI18n } from '../i18n'
import { errorText } from './error-text'

/**
 * A change on a back-office list page (add, remove, disable): one at a time (a change asked for
 * while one is running is ignored), the list reloaded after it, and the outcome in words for the
 * page's status or alert region. `act` returns whether the change went through, so a form can
 * clear itself.
 */
export function useListAction(reload: () => Promise<void>) {
  const { t } = useI18n()
  const status = ref('')
  const failure = ref('')
  const busy = ref(false)

  async function act(work: () => Promise<unknown>, message: string): Promise<boolean> {
    if (busy.value) return false
    busy.value = true
    failure.value = ''
    status.value = ''
    try {
      await work()
      await reload()
      status.value = message
      return true
    } catch (error) {
      failure.value = errorText(t, error)
      return false
    } finally {
      busy.value = false
    }
  }

  return { status, failure, busy, act }
}
