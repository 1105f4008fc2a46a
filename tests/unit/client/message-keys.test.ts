import { readFileSync } from 'node:fs'
import { describe, expect, expectTypeOf, it } from 'vitest'
import type { LadderStep } from '../../../src/shared/schemas/item'
import { AGE_BANDS } from '../../../src/shared/schemas/profile'
import { createI18n, i18n, type MessageKey } from '../../../src/client/i18n'
import { isOneOf, type BeheerMessageKey, type KeysUnder, type ResidentMessageKey } from '../../../src/client/message-keys'

// The type half of these tests is checked by `npm run typecheck` (vue-tsc --build compiles tests/
// with tsconfig.test.json): every `@ts-expect-error` below must be an error, or typecheck fails.
// Vue templates get the same check in tests/typecheck/MessageKeyTemplate.vue.

describe('MessageKey: t() accepts only texts that exist in Dutch', () => {
  it('accepts a key from nl.json and one from beheer-nl.json', () => {
    expectTypeOf<'answer.send'>().toExtend<ResidentMessageKey>()
    expectTypeOf<'beheer.error.unknown'>().toExtend<BeheerMessageKey>()
    expect(i18n.t('answer.send')).toBe('Versturen')
  })

  it('makes an unknown key a type error', () => {
    expectTypeOf<'answer.sned'>().not.toExtend<MessageKey>()
    // @ts-expect-error: a typo in a key fails typecheck
    expect(i18n.t('answer.sned')).toBe('answer.sned')
  })

  it('checks a key built from a union: every member needs its text', () => {
    const text = (step: LadderStep) => i18n.t(`ladder.${step}.text`)
    expect(text('adviseren')).toContain('advies')
    // A new ladder step without texts: the template literal is no longer a MessageKey.
    // @ts-expect-error: 'ladder.burgerinitiatief.text' is not in nl.json
    const missing = (step: LadderStep | 'burgerinitiatief') => i18n.t(`ladder.${step}.text`)
    expect(missing('burgerinitiatief')).toBe('ladder.burgerinitiatief.text')
  })

  it('refuses a key built from a plain string until it is narrowed', () => {
    const band: string = '65+'
    // @ts-expect-error: `age.${string}` could be any key
    expect(i18n.t(`age.${band}`)).toBe('65 jaar of ouder')
    expect(isOneOf(AGE_BANDS, band) ? i18n.t(`age.${band}`) : band).toBe('65 jaar of ouder')
    expect(isOneOf(AGE_BANDS, 'onbekend')).toBe(false)
    expect(isOneOf(AGE_BANDS, undefined)).toBe(false)
  })

  it('names the codes under a prefix, so a code without a text fails where it is made', () => {
    expectTypeOf<'required'>().toExtend<KeysUnder<'beheer.edit.error.'>>()
    expectTypeOf<'requird'>().not.toExtend<KeysUnder<'beheer.edit.error.'>>()
    expectTypeOf<KeysUnder<'scale.face.'>>().toEqualTypeOf<'1' | '2' | '3' | '4' | '5'>()
  })

  it('has() narrows a key made from open data, such as a municipality\'s own theme', () => {
    const themes: string[] = ['opgroeien', 'eigen thema van de gemeente']
    const labels = themes.map((theme) => {
      const key = `theme.${theme}`
      if (!i18n.has(key)) return theme
      expectTypeOf(key).toEqualTypeOf<MessageKey>()
      return i18n.t(key)
    })
    expect(labels).toEqual(['Opgroeien', 'eigen thema van de gemeente'])
  })

  it('a test translator accepts its own keys only', () => {
    const translator = createI18n({ nl: { hello: 'Hallo' }, en: { hello: 'Hello' } })
    expect(translator.t('hello')).toBe('Hallo')
    // @ts-expect-error: 'answer.send' is not one of this translator's texts
    expect(translator.t('answer.send')).toBe('answer.send')
  })

  it('is proven for templates too: the fixture project is part of `vue-tsc --build`', () => {
    const root = JSON.parse(readFileSync(new URL('../../../tsconfig.json', import.meta.url), 'utf8')) as { references: { path: string }[] }
    expect(root.references.map((r) => r.path)).toContain('./tests/typecheck/tsconfig.json')
    const fixture = readFileSync(new URL('../../typecheck/MessageKeyTemplate.vue', import.meta.url), 'utf8')
    expect(fixture.match(/<!-- @vue-expect-error/g)).toHaveLength(3)
  })
})
