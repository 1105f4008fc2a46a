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
export function useLiveQuery<T>(querier: () => T | Promise<T>, deps: WatchSource[] = [], options: { initial?: T } = {}): LiveQueryState<T> {
  // A result read just before (the router's prefetch) shows at once; the live query then keeps it current.
  const data = shallowRef<T | undefined>(options.initial)
  const error = shallowRef<unknown>(undefined)
  const loading = shallowRef(options.initial === undefined)
  let subscription: Subscription | undefined
  /** The first subscription keeps showing `initial`; later ones (another `deps`) load afresh. */
  let showingInitial = options.initial !== undefined

  function subscribe(): void {
    subscription?.unsubscribe()
    if (!showingInitial) loading.value = true
    showingInitial = false
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
