import { computed, type ComputedRef } from 'vue'
import type { TextLanguage } from '../../shared/rules/content-language-names'
import { translationOf, contentLanguageOf, type LangText } from '../../shared/rules/item-language'
import { useLiveQuery } from '../composables/use-live-query'
import { useDb } from '../db/app-db'

/**
 * Item titles for lists that quote them (the inbox notice): the server's news carries the Dutch
 * title, the item on the phone may carry its translation. Read from IndexedDB, so it works offline.
 */
export function useItemTitles(itemIds: () => readonly string[], lang: () => TextLanguage): (itemId: string, dutch: string) => LangText {
  const db = useDb()
  const { data } = useLiveQuery(async () => {
    const ids = [...new Set(itemIds())]
    return ids.length === 0 ? [] : (await db.items.bulkGet(ids)).filter((item) => item !== undefined)
  }, [() => itemIds().join(',')])
  const byId: ComputedRef<Map<string, LangText>> = computed(() => {
    const wanted = contentLanguageOf(lang())
    const titles = new Map<string, LangText>()
    if (!wanted) return titles
    for (const item of data.value ?? []) {
      const title = translationOf(item, wanted)?.title
      if (title) titles.set(item.id, { text: title, lang: wanted })
    }
    return titles
  })
  return (itemId, dutch) => byId.value.get(itemId) ?? { text: dutch, lang: 'nl' }
}
