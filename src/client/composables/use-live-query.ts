import { liveQuery, type Subscription } from 'dexie'
import { onScopeDispose, shallowRef, watch, type Ref, type WatchSource } from 'vue'

export interface LiveQueryState<T> {
  /** Latest result; `undefined` until the first answer arrives. */
  data: Ref<T | undefined>
  /** Set when the query failed (for example IndexedDB is blocked in a private window). */
  error: Ref<unknown>
  /** True until the first result or error. */
  loading: Ref<boolean>
}

/**
 * Reads IndexedDB through Dexie's `liveQuery`, so the UI shows what is on the phone and updates
 * when the sync engine writes. The subscription ends with the component (or effect scope), and
 * starts again when one of `deps` changes, because an async querier cannot be tracked by Vue.
 */
export function useLiveQuery<T>(querier: () => T | Promise<T>, deps: WatchSource[] = []): LiveQueryState<T> {
  const data = shallowRef<T | undefined>(undefined)
  const error = shallowRef<unknown>(undefined)
  const loading = shallowRef(true)
  let subscription: Subscription | undefined

  function subscribe(): void {
    subscription?.unsubscribe()
    loading.value = true
    subscription = liveQuery(querier).subscribe({
      next: (value) => {
        data.value = value
        error.value = undefined
        loading.value = false
      },
      error: (reason: unknown) => {
        error.value = reason
        loading.value = false
      },
    })
  }

  if (deps.length > 0) watch(deps, subscribe, { immediate: true })
  else subscribe()

  onScopeDispose(() => {
    subscription?.unsubscribe()
    subscription = undefined
  })

  return { data, error, loading }
}
