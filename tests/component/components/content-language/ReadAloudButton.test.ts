import 'fake-indexeddb/auto'
import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import ReadAloudButton from '../../../../src/client/components/content-language/ReadAloudButton.vue'
import { itemSpeech } from '../../../../src/client/content-language/read-aloud'
import { localizeItem, type LangText } from '../../../../src/shared/rules/item-language'
import { anItem, resetLocale, scaleQuestion, singleQuestion } from '../../fixtures'

/**
 * A stand-in for the browser's speech synthesis: happy-dom has none, and a real voice cannot be
 * heard by a test. It records every utterance (its language, voice and text) and plays them back
 * one by one on demand, so the test decides when speaking ends.
 */
class Utterance extends EventTarget {
  lang = ''
  voice: { lang: string; name: string } | null = null
  constructor(public text: string) {
    super()
  }
}

class SpeechStandIn extends EventTarget {
  voices: { lang: string; name: string; default: boolean }[] = []
  queue: Utterance[] = []
  spoken: { lang: string; voice: string | undefined; text: string }[] = []
  cancelled = 0
  getVoices() {
    return this.voices
  }
  speak(u: Utterance) {
    this.queue.push(u)
    this.spoken.push({ lang: u.lang, voice: u.voice?.name, text: u.text })
  }
  cancel() {
    this.cancelled++
    this.queue = []
  }
  /** The browser finished every queued utterance. */
  finishAll() {
    for (const u of this.queue.splice(0)) u.dispatchEvent(new Event('end'))
  }
  /** Voices arrive after the page loaded, as in Chromium. */
  loadVoices(voices: { lang: string; name: string; default?: boolean }[]) {
    this.voices = voices.map((v) => ({ default: false, ...v }))
    this.dispatchEvent(new Event('voiceschanged'))
  }
}

let synth: SpeechStandIn
beforeEach(() => {
  resetLocale()
  synth = new SpeechStandIn()
  Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true })
  Object.defineProperty(globalThis, 'SpeechSynthesisUtterance', { value: Utterance, configurable: true, writable: true })
})
afterEach(() => {
  document.body.innerHTML = ''
})

const item = anItem({
  title: 'Mogen jongeren meepraten?',
  summary: 'Het duurt een minuut.',
  questions: [singleQuestion, scaleQuestion],
  translations: { ar: { title: 'هل يشارك الشباب برأيهم؟', questions: { q1: { label: 'هل هذا مهم؟', options: { ja: 'نعم', nee: 'لا' } } } } },
})
const arabic = itemSpeech(localizeItem(item, 'ar'), item.questions)

function mountButton(texts: readonly LangText[]) {
  return mount(ReadAloudButton, { props: { texts }, attachTo: document.body })
}

describe('Voorlezen', () => {
  it('is absent while the browser has no voice for the language of the title, and appears once one loads', async () => {
    const wrapper = mountButton(arabic)
    expect(wrapper.find('button').exists()).toBe(false)
    synth.loadVoices([{ lang: 'nl-NL', name: 'Dutch' }])
    await flushPromises()
    // A Dutch voice does not make an Arabic title readable.
    expect(wrapper.find('button').exists()).toBe(false)
    synth.loadVoices([{ lang: 'nl-NL', name: 'Dutch' }, { lang: 'ar-SA', name: 'Arabic' }])
    await flushPromises()
    expect(wrapper.find('button').text()).toBe('Voorlezen')
  })

  it('reads title, summary, question and options each in its own language with a voice for it, and skips text without one', async () => {
    synth.loadVoices([{ lang: 'ar-SA', name: 'Arabic' }, { lang: 'nl-NL', name: 'Dutch', default: true }, { lang: 'nl-BE', name: 'Flemish' }])
    const wrapper = mountButton(arabic)
    await wrapper.find('button').trigger('click')
    expect(synth.spoken).toEqual([
      { lang: 'ar', voice: 'Arabic', text: 'هل يشارك الشباب برأيهم؟' },
      { lang: 'nl', voice: 'Dutch', text: 'Het duurt een minuut.' },
      { lang: 'ar', voice: 'Arabic', text: 'هل هذا مهم؟' },
      { lang: 'ar', voice: 'Arabic', text: 'نعم' },
      { lang: 'ar', voice: 'Arabic', text: 'لا' },
      { lang: 'nl', voice: 'Dutch', text: 'Hoe tevreden ben je?' },
      { lang: 'nl', voice: 'Dutch', text: 'Helemaal niet' },
      { lang: 'nl', voice: 'Dutch', text: 'Heel erg' },
    ])

    synth.spoken = []
    synth.loadVoices([{ lang: 'ar-SA', name: 'Arabic' }])
    await flushPromises()
    await wrapper.find('button').trigger('click') // stop
    await wrapper.find('button').trigger('click') // read again, now without a Dutch voice
    expect(synth.spoken.map((s) => s.lang)).toEqual(['ar', 'ar', 'ar', 'ar'])
  })

  it('turns into a stop button while it reads, stops on a click with focus kept, and turns back when the reading ends', async () => {
    synth.loadVoices([{ lang: 'nl-NL', name: 'Dutch' }])
    const wrapper = mountButton(itemSpeech(localizeItem(item, 'nl'), item.questions))
    const button = wrapper.find('button')
    ;(button.element as HTMLButtonElement).focus()
    await button.trigger('click')
    expect(button.text()).toBe('Stop met voorlezen')
    await button.trigger('click')
    expect(synth.cancelled).toBeGreaterThanOrEqual(2)
    expect(button.text()).toBe('Voorlezen')
    expect(document.activeElement).toBe(button.element)

    await button.trigger('click')
    expect(button.text()).toBe('Stop met voorlezen')
    synth.finishAll()
    await flushPromises()
    expect(button.text()).toBe('Voorlezen')
  })

  it('stops reading when the page it is on goes away', async () => {
    synth.loadVoices([{ lang: 'nl-NL', name: 'Dutch' }])
    const wrapper = mountButton(itemSpeech(localizeItem(item, 'nl'), item.questions))
    await wrapper.find('button').trigger('click')
    const before = synth.cancelled
    wrapper.unmount()
    expect(synth.cancelled).toBe(before + 1)
  })

  it('is absent where the browser has no speech synthesis at all', () => {
    Reflect.deleteProperty(window, 'speechSynthesis')
    const wrapper = mountButton(arabic)
    expect(wrapper.find('button').exists()).toBe(false)
  })
})
