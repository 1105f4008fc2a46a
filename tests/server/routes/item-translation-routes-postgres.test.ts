import { afterAll, beforeAll, describe, inject, it } from 'vitest'
import { createSharedPostgresApps, type SharedPostgresApps } from '../../support/shared-postgres-apps'
import * as scenario from './item-translation-scenarios'

const serverUrl = inject('postgresUrl')
let shared: SharedPostgresApps
let n = 0

beforeAll(async () => {
  if (!serverUrl) throw new Error('These tests need PostgreSQL: install it (apt-get install -y postgresql) or set DATABASE_URL')
  shared = await createSharedPostgresApps(serverUrl, 1)
})
afterAll(async () => shared?.close())

/** One database for the file; each scenario gets a municipality of its own. */
const world = (): scenario.World => ({ app: shared.apps[0]!, db: shared.apps[0]!.database.db, now: () => shared.clock.now, slug: `gemeente-${++n}` })

describe('item translations on PostgreSQL', () => {
  it('a translation round-trips to the public item and the resident feed', () => scenario.aTranslationRoundTripsToThePublicItemAndTheFeed(world()))
  it('a language the municipality does not offer is refused with translation_language_not_offered and nothing is stored', () => scenario.anUnofferedLanguageIsRefusedAndNothingIsStored(world()))
  it('a translation of a question, option or row the Dutch item lacks is refused with a 400 naming the path', () => scenario.aTranslationOfAnUnknownQuestionIsRefusedNamingThePath(world()))
  it('a translated end label of a question whose Dutch names no such end is refused with a 400 naming the path', () => scenario.aTranslatedEndLabelTheDutchLacksIsRefusedNamingThePath(world()))
  it('a save without translations keeps the stored ones; an empty object removes them', () => scenario.aSaveWithoutTranslationsKeepsTheStoredOnes(world()))
  it('a language the municipality stopped offering keeps its texts until someone changes them', () => scenario.aLanguageNoLongerOfferedKeepsItsTextsUntilChanged(world()))
  it('a translation saved after publication moves the resident feed and is audited as an item update', () => scenario.aTranslationSavedAfterPublicationMovesTheFeedAndIsAudited(world()))
  it('feedback and its correction carry translations, in offered languages only', () => scenario.feedbackCarriesItsTranslationsInOfferedLanguagesOnly(world()))
  it('a correction may carry the corrected entry\'s translations in a language no longer offered, not change them', () => scenario.aCorrectionKeepsTranslationsOfALanguageNoLongerOffered(world()))
})
