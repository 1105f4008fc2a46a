import { describe, expect, it } from 'vitest'
import { b1Hints } from '../../../../src/client/beheer/b1-hints'

describe('b1Hints', () => {
  it('gives no hints for short sentences of short words', () => {
    expect(b1Hints('Wat vind jij van de hangplekken? Zeg het ons.')).toEqual([])
  })

  it('accepts a sentence of exactly 15 words', () => {
    const fifteen = Array.from({ length: 15 }, () => 'woord').join(' ')
    expect(b1Hints(`${fifteen}.`)).toEqual([])
  })

  it('warns about a sentence longer than 15 words and counts its words', () => {
    const sixteen = Array.from({ length: 16 }, () => 'woord').join(' ')
    const hints = b1Hints(`Kort zinnetje. ${sixteen}. Nog een korte.`)
    expect(hints).toEqual([{ kind: 'long_sentence', words: 16, sentence: sixteen }])
  })

  it('treats a line break as the end of a sentence', () => {
    const eight = Array.from({ length: 8 }, () => 'woord').join(' ')
    expect(b1Hints(`${eight}\n${eight}`)).toEqual([])
  })

  it('warns about a word longer than 15 letters, once per word', () => {
    const hints = b1Hints('Het participatiebeleid is nieuw. Het participatiebeleid helpt.')
    expect(hints).toEqual([{ kind: 'long_word', word: 'participatiebeleid' }])
  })

  it('accepts a word of exactly 15 letters and counts letters, not punctuation', () => {
    expect(b1Hints('Ervaringsdeskun, ja!')).toEqual([])
  })

  it('judges the parts of a hyphenated word separately', () => {
    expect(b1Hints('Het zorg-en-welzijnsloket is open.')).toEqual([])
    expect(b1Hints('Het jeugd-hulpverleningstraject.')).toEqual([{ kind: 'long_word', word: 'hulpverleningstraject' }])
  })

  it('counts letters with accents as letters', () => {
    expect(b1Hints('coördinatiepunten')).toEqual([{ kind: 'long_word', word: 'coördinatiepunten' }])
  })

  it('gives no hints for empty text', () => {
    expect(b1Hints('')).toEqual([])
  })
})
