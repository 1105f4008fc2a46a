import { describe, expect, it } from 'vitest'
import { defaultContentLanguage, effectiveContentLanguage, offeredContentLanguages, primaryTag } from '../../../../src/client/content-language/choose-content-language'

const offered = offeredContentLanguages(['en', 'ar', 'tr'])

describe('the language of the questions', () => {
  it('offers Dutch first, then the municipality\'s content languages once each, and English when the profile lists none', () => {
    expect(offered).toEqual(['nl', 'en', 'ar', 'tr'])
    expect(offeredContentLanguages(['ar', 'ar', 'xx'])).toEqual(['nl', 'ar'])
    expect(offeredContentLanguages(undefined)).toEqual(['nl', 'en'])
    expect(offeredContentLanguages([])).toEqual(['nl'])
  })

  it('follows an English interface when English is offered', () => {
    expect(defaultContentLanguage({ uiLocale: 'en', browserLanguages: ['ar-SY'], offered })).toBe('en')
  })

  it('lets the browser\'s languages decide under a Dutch interface, by their primary tag, in the browser\'s order', () => {
    expect(defaultContentLanguage({ uiLocale: 'nl', browserLanguages: ['ar-SY', 'en-GB'], offered })).toBe('ar')
    expect(defaultContentLanguage({ uiLocale: 'nl', browserLanguages: ['pl-PL', 'tr-TR'], offered })).toBe('tr')
    expect(defaultContentLanguage({ uiLocale: 'nl', browserLanguages: ['nl-NL', 'en'], offered })).toBe('nl')
  })

  it('falls back to the browser and then to Dutch when the interface language is not offered', () => {
    expect(defaultContentLanguage({ uiLocale: 'en', browserLanguages: ['tr'], offered: ['nl', 'tr'] })).toBe('tr')
    expect(defaultContentLanguage({ uiLocale: 'en', browserLanguages: ['fr-FR'], offered: ['nl', 'tr'] })).toBe('nl')
    expect(defaultContentLanguage({ uiLocale: 'nl', browserLanguages: [], offered })).toBe('nl')
  })

  it('keeps the resident\'s own choice while it is offered, and uses the default once the municipality drops it', () => {
    const defaults = { uiLocale: 'en', browserLanguages: [], offered }
    expect(effectiveContentLanguage('ar', defaults)).toBe('ar')
    expect(effectiveContentLanguage('nl', defaults)).toBe('nl')
    expect(effectiveContentLanguage('uk', defaults)).toBe('en')
    expect(effectiveContentLanguage(undefined, defaults)).toBe('en')
  })

  it('reads primary tags from BCP 47 tags in any case', () => {
    expect(primaryTag('AR-sy')).toBe('ar')
    expect(primaryTag('uk_UA')).toBe('uk')
  })
})
