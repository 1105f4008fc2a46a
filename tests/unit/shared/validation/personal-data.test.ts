import { describe, expect, it } from 'vitest'
import { findPersonalData, isValidBsn, isValidIban, personalDataKinds } from '../../../../src/shared/validation/personal-data'

const found = (text: string) => findPersonalData(text).map((m) => ({ kind: m.kind, text: text.slice(m.start, m.end) }))

describe('personal data in free text', () => {
  it('finds Dutch mobile numbers in the ways people write them', () => {
    for (const phone of ['0612345678', '06-12345678', '06 12345678', '06 12 34 56 78', '+31612345678', '+31 6 12345678', '+31 (0)6 1234 5678', '0031612345678']) {
      expect(found(`Bel me op ${phone} graag`)).toEqual([{ kind: 'phone', text: phone }])
    }
  })

  it('finds landline numbers with an area code', () => {
    expect(found('kantoor 030-1234567 of 020 123 4567')).toEqual([
      { kind: 'phone', text: '030-1234567' },
      { kind: 'phone', text: '020 123 4567' },
    ])
  })

  it('finds two phone numbers written next to each other separately', () => {
    expect(found('0612345678 0301234567').map((m) => m.text)).toEqual(['0612345678', '0301234567'])
  })

  it('does not take short numbers, years, amounts or a foreign number for a Dutch phone number', () => {
    expect(found('In 2024 kostte het 1500 euro, 45 mensen kwamen, bus 12 om 08:15')).toEqual([])
    expect(found('+49 30 1234567')).toEqual([])
    expect(found('06123456')).toEqual([])
  })

  it('finds e-mail addresses', () => {
    expect(found('mail naar jan.de-vries+buurt@example.nl.')).toEqual([{ kind: 'email', text: 'jan.de-vries+buurt@example.nl' }])
    expect(found('kijk op @gemeente of www.gemeente.nl')).toEqual([])
  })

  it('finds a postcode with a house number, before or after it', () => {
    expect(found('ik woon op 1234 AB 12')).toEqual([{ kind: 'postcode', text: '1234 AB 12' }])
    expect(found('1234AB12a')).toEqual([{ kind: 'postcode', text: '1234AB12a' }])
    expect(found('Dorpsstraat 12, 1234 AB Utrecht')).toEqual([{ kind: 'postcode', text: '12, 1234 AB' }])
  })

  it('does not flag a postcode without house number or a number that is not a postcode', () => {
    expect(found('in postcodegebied 1234 AB is het druk')).toEqual([])
    expect(found('0123 AB 12')).toEqual([])
  })

  it('finds an IBAN only when its mod-97 check holds', () => {
    expect(found('stort op NL91ABNA0417164300 aub')).toEqual([{ kind: 'iban', text: 'NL91ABNA0417164300' }])
    expect(found('NL91 ABNA 0417 1643 00 voor de buurt')).toEqual([{ kind: 'iban', text: 'NL91 ABNA 0417 1643 00' }])
    expect(found('nl91abna0417164300')).toEqual([{ kind: 'iban', text: 'nl91abna0417164300' }])
    expect(found('GB82 WEST 1234 5698 7654 32')).toEqual([{ kind: 'iban', text: 'GB82 WEST 1234 5698 7654 32' }])
    expect(isValidIban('NL91ABNA0417164301')).toBe(false)
    expect(found('code NL91ABNA0417164301')).toEqual([])
  })

  it('finds a BSN only when it passes the elfproef', () => {
    expect(isValidBsn('111222333')).toBe(true)
    expect(isValidBsn('123456782')).toBe(true)
    expect(found('mijn bsn is 111222333')).toEqual([{ kind: 'bsn', text: '111222333' }])
    expect(found('BSN 1234.56.782')).toEqual([{ kind: 'bsn', text: '1234.56.782' }])
  })

  it('does not take a nine-digit number that fails the elfproef for a BSN', () => {
    expect(isValidBsn('111222334')).toBe(false)
    expect(isValidBsn('000000000')).toBe(false)
    expect(found('ordernummer 111222334')).toEqual([])
    expect(found('klantnummer 1112223330')).toEqual([])
  })

  it('names every kind found once, in a fixed order, with spans that never overlap', () => {
    const text = 'Bel 06-12345678, mail a@b.nl, BSN 111222333, woon 1234 AB 12, rekening NL91ABNA0417164300, of 0201234567'
    expect(personalDataKinds(text)).toEqual(['phone', 'email', 'postcode', 'iban', 'bsn'])
    const matches = findPersonalData(text)
    for (let i = 1; i < matches.length; i++) expect((matches[i - 1]?.end ?? 0) <= (matches[i]?.start ?? 0)).toBe(true)
    expect(personalDataKinds('Meer bankjes in het park, graag bij de vijver.')).toEqual([])
  })
})
