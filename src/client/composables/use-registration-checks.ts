import { computed, nextTick, ref, type Ref } from 'vue'
import type { z } from 'zod'
import { fieldProblems, type PersonDraft, type RegistrationField } from '../components/table/registration-draft'
import { useI18n } from '../i18n'

export interface RegistrationChecksOptions {
  draft: Ref<PersonDraft>
  /** The shared schema's verdict on what the form would send. */
  checked: Readonly<Ref<{ success: boolean; error?: z.ZodError | undefined }>>
  /** Field order of the form: the error summary lists problems in reading order. */
  fieldOrder: readonly RegistrationField[]
  saving: () => boolean | undefined
  /** Called with nothing when the form is valid; the form builds and emits what it sends. */
  onValid: () => void
}

/**
 * The checking both registration forms (table sign-up, "Benader mij") share: errors per field,
 * shown only after a first try, an error summary that gets focus, and submit only when valid.
 */
export function useRegistrationChecks(options: RegistrationChecksOptions) {
  const { t } = useI18n()
  const showErrors = ref(false)
  const summary = ref<{ focus(): void } | null>(null)
  const problems = computed(() => fieldProblems(options.draft.value, options.checked.value.error?.issues, options.fieldOrder))
  const errors = computed<Record<string, string>>(() => (showErrors.value ? Object.fromEntries(problems.value.map((p) => [p.field, t(p.messageKey)])) : {}))
  const summaryProblems = computed(() =>
    problems.value.map((p) => ({ questionId: p.field === 'contact' ? 'reg-contact-value' : `reg-${p.field}`, label: t(`reg.summary.${p.field}`), message: t(p.messageKey) })),
  )

  async function submit(): Promise<void> {
    if (options.saving()) return
    if (problems.value.length > 0 || !options.checked.value.success) {
      showErrors.value = true
      await nextTick()
      summary.value?.focus()
      return
    }
    options.onValid()
  }

  return { showErrors, summary, errors, summaryProblems, submit }
}
