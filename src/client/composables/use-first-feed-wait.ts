import { computed, onScopeDispose, ref, watch, type ComputedRef } from 'vue'
import { useSyncStore } from '../stores/sync'

/**
 * The longest home holds its list for a municipality's first items. Past it (a line that hangs)
 * the page shows what it has; the items may then still push the links down once.
 */
export const FIRST_FEED_WAIT_MS = 10_000

/**
 * True while the phone has never received its municipality's items (`neverArrived`: no items
 * and no feed cursor, say when the line dropped right after choosing) and the app is still on its
 * first try to fetch them: until they are stored, a sync run fails, the app is offline, or
 * FIRST_FEED_WAIT_MS passed. A run that succeeds has stored them (the items pull is part of it);
 * ending the wait on its end instead would show the empty page for the moment before the stored
 * items reach the page.
 * Home shows "Even geduld…" meanwhile: "nothing is open" with the links under it, replaced a moment
 * later by the list, moved every link out of the screen (layout shift 0.26).
 */
export function useFirstFeedWait(neverArrived: () => boolean): ComputedRef<boolean> {
  const sync = useSyncStore()
  // A run that failed before home opened leaves nothing to wait for (the next may be minutes away);
  // nor does a phone that is offline: coming back online within the wait must not bring
  // "Even geduld…" back over the page it showed meanwhile.
  const trying = ref(sync.online && !(sync.lastError !== null && !sync.syncing))
  const stop = () => {
    trying.value = false
    clearTimeout(timer)
    stopWatch()
  }
  const timer = setTimeout(stop, FIRST_FEED_WAIT_MS)
  const stopWatch = watch(
    () => [sync.syncing, sync.online] as const,
    ([syncingNow, online]) => {
      if (!online || (!syncingNow && sync.lastError !== null)) stop()
    },
  )
  if (!trying.value) stop()
  onScopeDispose(stop)
  return computed(() => trying.value && neverArrived())
}
