import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../../..', import.meta.url))
const localesDir = path.join(root, 'src/client/locales')

/**
 * Answers are pseudonymous, not anonymous: the server recognises a device (to replace its
 * answer, to send it news). So no text may tell residents their answer is anonymous; what is
 * true is "we do not ask your name; the municipality cannot link your answer to you". Only
 * counts (tallies, final results) are anonymous, and a sentence may say so about counts.
 */
function anonymityClaims(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+/)
    .filter((sentence) => /anonie?m|anonym/i.test(sentence) && !/aantal|telling|\bcount/i.test(sentence))
}

/** Every string a resident or official reads from the locale files and the demo content. */
function textsToCheck(): { where: string; text: string }[] {
  const texts: { where: string; text: string }[] = []
  for (const file of readdirSync(localesDir).filter((f) => f.endsWith('.json'))) {
    const messages = JSON.parse(readFileSync(path.join(localesDir, file), 'utf8')) as Record<string, string>
    for (const [key, text] of Object.entries(messages)) texts.push({ where: `${file} ${key}`, text })
  }
  const demo = readFileSync(path.join(root, 'src/server/demo/demo-content.ts'), 'utf8')
  for (const match of demo.matchAll(/(['`])((?:\\.|(?!\1).)*)\1/g)) texts.push({ where: 'demo-content.ts', text: match[2]! })
  return texts
}

describe('texts about answers', () => {
  it('recognises a claim of anonymity about answers, and lets counts be called anonymous', () => {
    expect(anonymityClaims('Het duurt een minuut. Je antwoord is anoniem.')).toEqual(['Je antwoord is anoniem.'])
    expect(anonymityClaims('Your answer is anonymous.')).toEqual(['Your answer is anonymous.'])
    expect(anonymityClaims('Je antwoord blijft alleen als anoniem aantal in de uitslag.')).toEqual([])
  })

  it('never tells anyone an answer is anonymous, in any locale file or the demo content', () => {
    const texts = textsToCheck()
    expect(texts.length).toBeGreaterThan(100)
    expect(texts.flatMap(({ where, text }) => anonymityClaims(text).map((claim) => `${where}: ${claim}`))).toEqual([])
  })
})
