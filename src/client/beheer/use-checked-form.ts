import { computed, nextTick, ref } from 'vue'
import { useI18n } from '../i18n'
import { errorText } from './error-text'

/**
 * A back-office form that checks itself with a shared schema before it sends: the field errors
 * (by field id) with the error summary they feed, focus on that summary when the check fails,
 * one send at a time, and the server's refusal in words. Bind `summaryBox` as the summary's ref.
 */
export function useCheckedForm() {
  const { t } = useI18n()
  const errors = ref<Record<string, string>>({})
  const busy = ref(false)
  const failure = ref('')
  const summaryBox = ref<{ focus(): void } | null>(null)
  const problems = computed(() => Object.entries(errors.value).map(([id, text]) => ({ id, text })))

  /** `check` returns the input to send, or null after filling `errors`. */
  async function submit<T>(check: () => T | null, send: (input: T) => Promise<void>): Promise<void> {
    if (busy.value) return
    failure.value = ''
    const input = check()
    if (input === null) {
      await nextTick()
      summaryBox.value?.focus()
      return
    }
    errors.value = {}
    busy.value = true
    try {
      await send(input)
    } catch (error) {
      failure.value = errorText(t, error)
    } finally {
      busy.value = false
    }
  }
  return { errors, busy, failure, summaryBox, problems, submit }
}
