import { onScopeDispose, ref, shallowRef } from 'vue'
import type { LangText, LocalizedItem } from '../../shared/rules/item-language'
import type { Question } from '../../shared/schemas/question'
import { primaryTag } from './choose-content-language'

/**
 * "Voorlezen": the browser's own speech synthesis reads an item, each text in its own language
 * with a voice for that language. Nothing leaves the phone and nothing is downloaded; where the
 * browser has no voice for a language, that text is not read (and without a voice for the
 * item's title the button is not shown at all).
 */

/** What is read, in order: title, summary, then each question with its end labels, options and statements. */
export function itemSpeech(texts: LocalizedItem, questions: readonly Question[]): LangText[] {
  const spoken: LangText[] = [texts.title, texts.summary]
  for (const question of questions) {
    const q = texts.questions[question.id]
    if (!q) continue
    spoken.push(q.label)
    if (q.minLabel) spoken.push(q.minLabel)
    if (q.maxLabel) spoken.push(q.maxLabel)
    spoken.push(...Object.values(q.options), ...Object.values(q.rows))
  }
  return spoken.filter((t) => t.text.trim() !== '')
}

/** A voice for `lang` ('ar', 'nl'): the browser's default voice for it if there is one, else the first. */
export function voiceFor(voices: readonly SpeechSynthesisVoice[], lang: string): SpeechSynthesisVoice | undefined {
  const fitting = voices.filter((v) => primaryTag(v.lang) === lang)
  return fitting.find((v) => v.default) ?? fitting[0]
}

function synthesis(): SpeechSynthesis | undefined {
  return typeof window !== 'undefined' && 'speechSynthesis' in window && typeof SpeechSynthesisUtterance !== 'undefined' ? window.speechSynthesis : undefined
}

/**
 * The browser's voices, kept up to date (they load after the page: `voiceschanged`), and one
 * reading at a time. Leaving the page stops the reading.
 */
export function useReadAloud() {
  const synth = synthesis()
  const voices = shallowRef<readonly SpeechSynthesisVoice[]>(synth?.getVoices() ?? [])
  const speaking = ref(false)
  // Each reading has a number, so the end of a stopped one never marks a newer one as done.
  let run = 0

  const refresh = () => {
    voices.value = synth?.getVoices() ?? []
  }
  synth?.addEventListener('voiceschanged', refresh)
  onScopeDispose(() => {
    synth?.removeEventListener('voiceschanged', refresh)
    if (speaking.value) stop()
  })

  function hasVoice(lang: string): boolean {
    return voiceFor(voices.value, lang) !== undefined
  }

  function speak(texts: readonly LangText[]): void {
    if (!synth) return
    synth.cancel()
    const current = ++run
    const readable = texts.flatMap((text) => {
      const voice = voiceFor(voices.value, text.lang)
      return voice ? [{ text, voice }] : []
    })
    if (readable.length === 0) return
    speaking.value = true
    readable.forEach(({ text, voice }, index) => {
      const utterance = new SpeechSynthesisUtterance(text.text)
      utterance.lang = text.lang
      utterance.voice = voice
      if (index === readable.length - 1) {
        const done = () => {
          if (run === current) speaking.value = false
        }
        utterance.addEventListener('end', done)
        utterance.addEventListener('error', done)
      }
      synth.speak(utterance)
    })
  }

  function stop(): void {
    run++
    synth?.cancel()
    speaking.value = false
  }

  return { voices, speaking, hasVoice, speak, stop }
}
