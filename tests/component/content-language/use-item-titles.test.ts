import 'fake-indexeddb/auto'
import { mount } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { defineComponent, h, ref } from 'vue'
import type { TextLanguage } from '../../../src/shared/rules/content-language-names'
import { saveItems } from '../../../src/client/db/items-repo'
import { useItemTitles } from '../../../src/client/content-language/use-item-titles'
import { anItem } from '../fixtures'
import { freshDb, settle } from '../page-harness'

/** The inbox notice quotes the news' Dutch title; the item on the phone may have it translated. */
afterEach(() => {
  document.body.innerHTML = ''
})

describe('useItemTitles', () => {
  it('gives the title in the wanted language where the item on the phone has it, the news\' Dutch title otherwise', async () => {
    const db = freshDb()
    const translated = anItem({ title: 'Fietspaden', translations: { ar: { title: 'مسارات الدراجات' } } })
    const dutchOnly = anItem({ title: 'Hangplekken' })
    await saveItems(db, [translated, dutchOnly])
    const lang = ref<TextLanguage>('ar')
    let titleOf: ReturnType<typeof useItemTitles> | undefined
    mount(
      defineComponent({
        setup() {
          titleOf = useItemTitles(() => [translated.id, dutchOnly.id, 'not-on-the-phone'], () => lang.value)
          return () => h('p')
        },
      }),
    )
    await settle()
    expect(titleOf!(translated.id, 'Fietspaden (nieuws)')).toEqual({ text: 'مسارات الدراجات', lang: 'ar' })
    expect(titleOf!(dutchOnly.id, 'Hangplekken (nieuws)')).toEqual({ text: 'Hangplekken (nieuws)', lang: 'nl' })
    expect(titleOf!('not-on-the-phone', 'Weg')).toEqual({ text: 'Weg', lang: 'nl' })
    lang.value = 'nl'
    expect(titleOf!(translated.id, 'Fietspaden (nieuws)')).toEqual({ text: 'Fietspaden (nieuws)', lang: 'nl' })
    lang.value = 'en'
    expect(titleOf!(translated.id, 'Fietspaden (nieuws)')).toEqual({ text: 'Fietspaden (nieuws)', lang: 'nl' })
  })
})
