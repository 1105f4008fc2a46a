import { toValue, watch, type MaybeRefOrGetter } from 'vue'
import { useDb } from '../db/app-db'
import { inboxForItem, markItemRead } from '../db/inbox-repo'
import { useLiveQuery } from './use-live-query'
import { useVisible } from './use-visible'

/**
 * Marks the messages about an item read while the resident has that item on screen, including
 * feedback that arrives while they look at it. Not while the tab is hidden: unseen is unread.
 */
export function useMarkItemRead(itemId: MaybeRefOrGetter<string>): void {
  const db = useDb()
  const visible = useVisible()
  const { data: hasUnread } = useLiveQuery(
    async () => (await inboxForItem(db, toValue(itemId))).some((entry) => entry.readAt === undefined),
    [() => toValue(itemId)],
  )
  watch(
    [hasUnread, visible],
    ([unread, isVisible]) => {
      // A failed write only leaves the badge up a little longer; it is retried on the next change.
      if (unread && isVisible) void markItemRead(db, toValue(itemId)).catch(() => undefined)
    },
    { immediate: true },
  )
}
