import { liveQuery } from 'dexie'
import { computed, shallowRef, type ComputedRef, type ShallowRef } from 'vue'
import type { TextLanguage } from '../../shared/rules/content-language-names'
import { useMunicipalityProfile } from '../composables/use-municipality-profile'
import { useDb } from '../db/app-db'
import { getContentLanguage, setContentLanguage } from '../db/content-language-repo'
import type { MeepraatDb } from '../db/db'
import { useI18n } from '../i18n'
import { effectiveContentLanguage, offeredContentLanguages } from './choose-content-language'

/**
 * The stored choice, one per database: every component reads the same ref, so a change applies
 * everywhere at once. The live query also brings in a choice made in another tab or in the
 * embedded widget (same origin, same database).
 */
const storedByDb = new WeakMap<MeepraatDb, ShallowRef<TextLanguage | undefined>>()

function storedChoice(db: MeepraatDb): ShallowRef<TextLanguage | undefined> {
  let stored = storedByDb.get(db)
  if (!stored) {
    const ref = shallowRef<TextLanguage | undefined>()
    stored = ref
    storedByDb.set(db, ref)
    liveQuery(() => getContentLanguage(db)).subscribe({
      next: (value) => (ref.value = value),
      // IndexedDB blocked (a private window): the default language still applies.
      error: () => undefined,
    })
  }
  return stored
}

function browserLanguages(): readonly string[] {
  return typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language])
}

export interface ContentLanguageState {
  /** Dutch and the municipality's content languages. */
  offered: ComputedRef<TextLanguage[]>
  /** The language content is shown in now. */
  current: ComputedRef<TextLanguage>
  choose(lang: TextLanguage): Promise<void>
}

/**
 * The language of the municipality's content for this resident. `contentLanguages` is what the
 * municipality offers; without it the chosen municipality's profile on the phone is read (the
 * widget passes the profile it loaded itself).
 */
export function useContentLanguage(contentLanguages?: () => readonly string[] | undefined): ContentLanguageState {
  const db = useDb()
  const { locale } = useI18n()
  const stored = storedChoice(db)
  const source = contentLanguages ?? fromChosenMunicipality()
  const offered = computed(() => offeredContentLanguages(source()))
  const current = computed(() => effectiveContentLanguage(stored.value, { uiLocale: locale.value, browserLanguages: browserLanguages(), offered: offered.value }))

  async function choose(lang: TextLanguage): Promise<void> {
    stored.value = lang
    await setContentLanguage(db, lang)
  }
  return { offered, current, choose }
}

function fromChosenMunicipality(): () => readonly string[] | undefined {
  const { profile } = useMunicipalityProfile()
  return () => profile.value?.contentLanguages
}
