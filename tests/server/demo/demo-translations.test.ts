import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { items } from '../../../src/server/db/schema'
import { seedDemoIfEmpty } from '../../../src/server/demo/seed'
import { ownMunicipality } from '../../../src/server/services/municipality-service'
import { missingTranslations } from '../../../src/shared/rules/item-language'
import { ItemTranslationsSchema } from '../../../src/shared/schemas/content-language'
import type { Question } from '../../../src/shared/schemas/question'
import { createTestDatabase, type TestDatabase } from '../../support/test-database'

/** Issue 15 item 5: the demo shows content in the resident's language, for Beverwijk's newcomers too. */
let t: TestDatabase
beforeAll(async () => {
  t = await createTestDatabase()
  await seedDemoIfEmpty(t.database.db, new Date('2026-06-01T12:00:00Z'))
})
afterAll(async () => t.dispose())

async function demoItem(title: string) {
  const [row] = await t.database.db.select().from(items).where(eq(items.title, title)).limit(1)
  if (!row) throw new Error(`demo item "${title}" not seeded`)
  return { ...row, body: row.body ?? undefined, questions: row.questions as Question[] }
}

describe('demo translations', () => {
  it('gives Beverwijk English, Arabic, Turkish, Polish and Ukrainian as content languages, and the others the default', async () => {
    expect((await ownMunicipality(t.database.db, 'beverwijk')).settings.contentLanguages).toEqual(['en', 'ar', 'tr', 'pl', 'uk'])
    expect((await ownMunicipality(t.database.db, 'westervoort')).settings.contentLanguages).toEqual(['en'])
  })

  it('translates the youth flash poll completely into English and Arabic, valid by the shared schema', async () => {
    const poll = await demoItem('Mogen jongeren meepraten?')
    expect(ItemTranslationsSchema.safeParse(poll.translations).success).toBe(true)
    expect(missingTranslations(poll, 'en')).toEqual([])
    expect(missingTranslations(poll, 'ar')).toEqual([])
    expect(poll.translations.ar?.title).toBe('هل يشارك الشباب برأيهم؟')
  })

  it('translates the theme question into English, and into Arabic all but its last question, which stays Dutch', async () => {
    const question = await demoItem('Wat maakt het moeilijk om hulp te vinden?')
    expect(ItemTranslationsSchema.safeParse(question.translations).success).toBe(true)
    expect(missingTranslations(question, 'en')).toEqual([])
    expect(missingTranslations(question, 'ar')).toEqual(['questions.idee.label'])
  })
})
