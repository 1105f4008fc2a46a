import { mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it } from 'vitest'
import MunicipalityContentLanguages from '../../../../src/client/beheer/components/municipality/MunicipalityContentLanguages.vue'
import { CONTENT_LANGUAGES } from '../../../../src/shared/schemas/content-language'
import { resetLocale } from '../../fixtures'

describe('content languages on the Gemeente page', () => {
  beforeEach(resetLocale)

  it('offers every content language by its own name, in its own script direction, and its Dutch name, in a fieldset', () => {
    const wrapper = mount(MunicipalityContentLanguages, { props: { languages: ['en'] } })
    expect(wrapper.find('fieldset legend').text()).toBe('Talen voor vertalingen')
    const boxes = wrapper.findAll('input[type="checkbox"]')
    expect(boxes.map((b) => b.attributes('value'))).toEqual([...CONTENT_LANGUAGES])
    expect(boxes.filter((b) => (b.element as HTMLInputElement).checked).map((b) => b.attributes('value'))).toEqual(['en'])
    const arabic = wrapper.find('input[value="ar"]').element.closest('label')!
    expect(arabic.textContent?.trim()).toBe('العربية (Arabisch)')
    const endonym = arabic.querySelector('[lang="ar"]')!
    expect([endonym.textContent, endonym.getAttribute('dir')]).toEqual(['العربية', 'rtl'])
    expect(wrapper.find('input[value="tr"]').element.closest('label')!.querySelector('[lang="tr"]')!.getAttribute('dir')).toBe('ltr')
  })

  it('emits the chosen languages in the list order, whatever order they were ticked in', async () => {
    const wrapper = mount(MunicipalityContentLanguages, { props: { languages: ['en', 'uk'] } })
    await wrapper.find('input[value="ar"]').setValue(true)
    expect(wrapper.emitted('update')?.at(-1)?.[0]).toEqual(['en', 'ar', 'uk'])
    await wrapper.find('input[value="en"]').setValue(false)
    expect(wrapper.emitted('update')?.at(-1)?.[0]).toEqual(['uk'])
  })
})
