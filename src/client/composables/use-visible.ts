import { onScopeDispose, readonly, ref, type Ref } from 'vue'

/** Whether the page is visible to the resident now; follows `visibilitychange` and cleans up after itself. */
export function useVisible(): Readonly<Ref<boolean>> {
  const visible = ref(typeof document === 'undefined' || document.visibilityState !== 'hidden')
  if (typeof document === 'undefined') return readonly(visible)
  const update = () => {
    visible.value = document.visibilityState !== 'hidden'
  }
  document.addEventListener('visibilitychange', update)
  onScopeDispose(() => document.removeEventListener('visibilitychange', update))
  return readonly(visible)
}
