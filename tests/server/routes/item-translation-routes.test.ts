import { afterEach, beforeEach, describe, it } from 'vitest'
import { createTestApp, type TestApp } from '../../support/test-app'
import * as scenario from './item-translation-scenarios'

let t: TestApp
let w: scenario.World

beforeEach(async () => {
  t = await createTestApp()
  w = { app: t.app, db: t.db, now: () => t.clock.now, slug: 'beverwijk' }
})
afterEach(async () => t.close())

describe('item translations (embedded database)', () => {
  it('a translation round-trips to the public item and the resident feed', () => scenario.aTranslationRoundTripsToThePublicItemAndTheFeed(w))
  it('a language the municipality does not offer is refused with translation_language_not_offered and nothing is stored', () => scenario.anUnofferedLanguageIsRefusedAndNothingIsStored(w))
  it('a translation of a question, option or row the Dutch item lacks is refused with a 400 naming the path', () => scenario.aTranslationOfAnUnknownQuestionIsRefusedNamingThePath(w))
  it('a translated end label of a question whose Dutch names no such end is refused with a 400 naming the path', () => scenario.aTranslatedEndLabelTheDutchLacksIsRefusedNamingThePath(w))
  it('a save without translations keeps the stored ones; an empty object removes them', () => scenario.aSaveWithoutTranslationsKeepsTheStoredOnes(w))
  it('a language the municipality stopped offering keeps its texts until someone changes them', () => scenario.aLanguageNoLongerOfferedKeepsItsTextsUntilChanged(w))
  it('a translation saved after publication moves the resident feed and is audited as an item update', () => scenario.aTranslationSavedAfterPublicationMovesTheFeedAndIsAudited(w))
  it('feedback and its correction carry translations, in offered languages only', () => scenario.feedbackCarriesItsTranslationsInOfferedLanguagesOnly(w))
  it('a correction may carry the corrected entry\'s translations in a language no longer offered, not change them', () => scenario.aCorrectionKeepsTranslationsOfALanguageNoLongerOffered(w))
})
