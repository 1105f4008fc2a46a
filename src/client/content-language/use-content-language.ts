import { liveQuery } from 'dexie'
import { computed, shallowRef, type ComputedRef, type ShallowRef } from 'vue'
import type { TextLanguage } from '../../shared/rules/content-language-names'
import { useDb } from '../db/app-db'
import { getContentLanguage, setContentLanguage } from '../db/content-language-repo'
import { getMunicipality } from '../db/meta-repo'
import { getMunicipalityProfile } from '../db/municipality-profile-repo'
import type { MeepraatDb } from '../db/db'
import { useI18n } from '../i18n'
import { effectiveContentLanguage, offeredContentLanguages } from './choose-content-language'

/**
 * One live value per database, shared by every component that asks: the header's inbox notice
 * and the page both read the content language, and each live query runs again on every write to
 * its table. IndexedDB blocked (a private window): the value stays undefined, the default applies.
 */
function sharedPerDb<T>(cache: WeakMap<MeepraatDb, ShallowRef<T | undefined>>, db: MeepraatDb, query: () => Promise<T | undefined>): ShallowRef<T | undefined> {
  let shared = cache.get(db)
  if (!shared) {
    const ref = shallowRef<T | undefined>()
    shared = ref
    cache.set(db, ref)
    liveQuery(query).subscribe({ next: (value) => (ref.value = value), error: () => undefined })
  }
  return shared
}

/**
 * The stored choice: every component reads the same ref, so a change applies everywhere at once.
 * The live query also brings in a choice made in another tab or in the embedded widget (same
 * origin, same database).
 */
const storedByDb = new WeakMap<MeepraatDb, ShallowRef<TextLanguage | undefined>>()
const storedChoice = (db: MeepraatDb) => sharedPerDb(storedByDb, db, () => getContentLanguage(db))

/** What the chosen municipality offers, from its profile on the phone. */
const offeredByDb = new WeakMap<MeepraatDb, ShallowRef<readonly string[] | undefined>>()
const chosenMunicipalityLanguages = (db: MeepraatDb) =>
  sharedPerDb(offeredByDb, db, async () => {
    const slug = await getMunicipality(db)
    return slug ? (await getMunicipalityProfile(db, slug))?.contentLanguages : undefined
  })

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
  const chosen = contentLanguages ? undefined : chosenMunicipalityLanguages(db)
  const source = contentLanguages ?? (() => chosen?.value)
  const offered = computed(() => offeredContentLanguages(source()))
  const current = computed(() => effectiveContentLanguage(stored.value, { uiLocale: locale.value, browserLanguages: browserLanguages(), offered: offered.value }))

  async function choose(lang: TextLanguage): Promise<void> {
    stored.value = lang
    await setContentLanguage(db, lang)
  }
  return { offered, current, choose }
}

