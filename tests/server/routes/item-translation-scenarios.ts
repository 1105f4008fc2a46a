import type { FastifyInstance } from 'fastify'
import { expect } from 'vitest'
import type { ItemTranslations } from '../../../src/shared/schemas/content-language'
import { ItemListSchema, ItemSchema } from '../../../src/shared/schemas/item'
import { ManagedItemSchema, type ItemDraft, type ManagedItem } from '../../../src/shared/schemas/item-draft'
import type { Db } from '../../../src/server/db/client'
import { listAudit } from '../../../src/server/repos/audit-repo'
import { findMunicipalitySettings, saveMunicipalitySettings } from '../../../src/server/repos/municipality-repo'
import { anItemDraft, givenMunicipality } from '../../support/factories'
import { givenOfficial, signIn, type Session } from '../../support/officials'

/**
 * Officials write an item's texts in the municipality's content languages; the same scenarios
 * run on PGlite (`item-translation-routes.test.ts`) and PostgreSQL (`-postgres`), because the
 * translations are jsonb and the feed cursor is the database's own transaction id.
 */
export interface World {
  app: FastifyInstance
  db: Db
  now(): Date
  /** A municipality slug of its own per scenario, so scenarios can share one database. */
  slug: string
}

export const ARABIC: ItemTranslations = {
  ar: { title: 'هل تريد المشاركة؟', questions: { q1: { label: 'هل هذا مهم بالنسبة لك؟', options: { ja: 'نعم', nee: 'لا' } } } },
}

/** The municipality offers English and Arabic; one official of it is signed in. */
export async function givenOfficialOfMunicipalityWithArabic(w: World): Promise<Session> {
  await givenMunicipality(w.db, w.slug, `Gemeente ${w.slug}`)
  const settings = (await findMunicipalitySettings(w.db, w.slug))!
  await saveMunicipalitySettings(w.db, w.slug, { ...settings, contentLanguages: ['en', 'ar'] })
  await givenOfficial(w.db, w.slug)
  return signIn(w.app, `official@${w.slug}.nl`)
}

const draftOf = (w: World, overrides: Partial<ItemDraft> = {}): ItemDraft => anItemDraft(w.now(), overrides)

async function create(w: World, s: Session, d: ItemDraft): Promise<ManagedItem> {
  const res = await w.app.inject({ method: 'POST', url: '/api/official/items', headers: s.headers, payload: d })
  expect(res.statusCode, res.body).toBe(201)
  return ManagedItemSchema.parse(res.json())
}
const put = (w: World, s: Session, id: string, d: ItemDraft) => w.app.inject({ method: 'PUT', url: `/api/official/items/${id}`, headers: s.headers, payload: d })
const getManaged = async (w: World, s: Session, id: string) => ManagedItemSchema.parse((await w.app.inject({ method: 'GET', url: `/api/official/items/${id}`, headers: s.headers })).json())
async function publish(w: World, s: Session, id: string): Promise<void> {
  const res = await w.app.inject({ method: 'POST', url: `/api/official/items/${id}/publish`, headers: s.headers, payload: {} })
  expect(res.statusCode, res.body).toBe(200)
}
const feed = async (w: World, since?: string) =>
  ItemListSchema.parse((await w.app.inject({ method: 'GET', url: `/api/items?municipality=${w.slug}${since ? `&since=${encodeURIComponent(since)}` : ''}` })).json())

export async function aTranslationRoundTripsToThePublicItemAndTheFeed(w: World): Promise<void> {
  const s = await givenOfficialOfMunicipalityWithArabic(w)
  const item = await create(w, s, draftOf(w, { translations: ARABIC }))
  expect(item.translations).toEqual(ARABIC)
  await publish(w, s, item.id)
  const publicItem = ItemSchema.parse((await w.app.inject({ method: 'GET', url: `/api/items/${item.id}` })).json())
  expect(publicItem.translations).toEqual(ARABIC)
  expect((await feed(w)).items.find((i) => i.id === item.id)?.translations).toEqual(ARABIC)
}

export async function anUnofferedLanguageIsRefusedAndNothingIsStored(w: World): Promise<void> {
  const s = await givenOfficialOfMunicipalityWithArabic(w)
  const turkish: ItemTranslations = { tr: { title: 'Katılmak ister misin?' } }
  const created = await w.app.inject({ method: 'POST', url: '/api/official/items', headers: s.headers, payload: draftOf(w, { title: 'Niet bewaard', translations: turkish }) })
  expect([created.statusCode, created.json().error.code]).toEqual([409, 'translation_language_not_offered'])
  expect(created.json().invalidParams).toEqual([{ name: 'body/translations/tr', reason: 'language not offered' }])
  const list = ManagedItemSchema.array().parse((await w.app.inject({ method: 'GET', url: '/api/official/items', headers: s.headers })).json().items)
  expect(list.map((i) => i.title)).not.toContain('Niet bewaard')

  const item = await create(w, s, draftOf(w, { translations: ARABIC }))
  const updated = await put(w, s, item.id, draftOf(w, { title: 'Andere titel', translations: { ...ARABIC, ...turkish } }))
  expect([updated.statusCode, updated.json().error.code]).toEqual([409, 'translation_language_not_offered'])
  const stored = await getManaged(w, s, item.id)
  expect([stored.title, stored.translations]).toEqual([item.title, ARABIC])
}

export async function aTranslationOfAnUnknownQuestionIsRefusedNamingThePath(w: World): Promise<void> {
  const s = await givenOfficialOfMunicipalityWithArabic(w)
  const item = await create(w, s, draftOf(w, { translations: ARABIC }))
  for (const [translations, path] of [
    [{ ar: { questions: { q9: { label: 'سؤال' } } } }, 'body/translations/ar/questions/q9'],
    [{ ar: { questions: { q1: { options: { misschien: 'ربما' } } } } }, 'body/translations/ar/questions/q1/options/misschien'],
    [{ ar: { questions: { q1: { rows: { r1: 'صف' } } } } }, 'body/translations/ar/questions/q1/rows/r1'],
  ] as const) {
    const res = await put(w, s, item.id, draftOf(w, { translations }))
    expect([res.statusCode, res.json().error.code], res.body).toEqual([400, 'bad_request'])
    expect(res.json().invalidParams.map((p: { name: string }) => p.name)).toContain(path)
  }
  expect((await getManaged(w, s, item.id)).translations).toEqual(ARABIC)
}

export async function aTranslatedEndLabelTheDutchLacksIsRefusedNamingThePath(w: World): Promise<void> {
  const s = await givenOfficialOfMunicipalityWithArabic(w)
  const item = await create(w, s, draftOf(w, { translations: ARABIC }))
  // The factory's scale q3 names neither end in Dutch; q1 is a choice, which has no ends.
  for (const [translations, path] of [
    [{ ar: { questions: { q3: { minLabel: 'غير راضٍ' } } } }, 'body/translations/ar/questions/q3/minLabel'],
    [{ ar: { questions: { q3: { maxLabel: 'راضٍ جداً' } } } }, 'body/translations/ar/questions/q3/maxLabel'],
    [{ en: { questions: { q1: { minLabel: 'No' } } } }, 'body/translations/en/questions/q1/minLabel'],
  ] as const) {
    const res = await put(w, s, item.id, draftOf(w, { translations }))
    expect([res.statusCode, res.json().error.code], res.body).toEqual([400, 'bad_request'])
    expect(res.json().invalidParams.map((p: { name: string }) => p.name)).toEqual([path])
  }
  expect((await getManaged(w, s, item.id)).translations).toEqual(ARABIC)
  // Once the Dutch names that end, its translation is stored.
  const scale = { id: 'q3', type: 'scale', label: 'Hoe tevreden?', required: false, min: 1, max: 5, minLabel: 'Niet tevreden' } as const
  const questions = draftOf(w).questions.map((q) => (q.id === 'q3' ? scale : q))
  const withEnd = { ar: { ...ARABIC.ar, questions: { ...ARABIC.ar!.questions, q3: { minLabel: 'غير راضٍ' } } } }
  const res = await put(w, s, item.id, draftOf(w, { questions, translations: withEnd }))
  expect(res.statusCode, res.body).toBe(200)
  expect(ManagedItemSchema.parse(res.json()).translations).toEqual(withEnd)
}

export async function aSaveWithoutTranslationsKeepsTheStoredOnes(w: World): Promise<void> {
  const s = await givenOfficialOfMunicipalityWithArabic(w)
  const item = await create(w, s, draftOf(w, { translations: ARABIC }))
  const res = await put(w, s, item.id, draftOf(w, { title: 'Een nieuwe Nederlandse titel' }))
  expect(res.statusCode, res.body).toBe(200)
  expect(ManagedItemSchema.parse(res.json()).translations).toEqual(ARABIC)
  // An empty object is a choice: every translation removed.
  const cleared = await put(w, s, item.id, draftOf(w, { translations: {} }))
  expect(ManagedItemSchema.parse(cleared.json()).translations).toBeUndefined()
}

export async function aLanguageNoLongerOfferedKeepsItsTextsUntilChanged(w: World): Promise<void> {
  const s = await givenOfficialOfMunicipalityWithArabic(w)
  const item = await create(w, s, draftOf(w, { translations: ARABIC }))
  const settings = (await findMunicipalitySettings(w.db, w.slug))!
  await saveMunicipalitySettings(w.db, w.slug, { ...settings, contentLanguages: ['en'] })
  // Sent back as it came: accepted, kept.
  const same = await put(w, s, item.id, draftOf(w, { title: 'Nieuwe titel', translations: item.translations! }))
  expect(same.statusCode, same.body).toBe(200)
  expect(ManagedItemSchema.parse(same.json()).translations).toEqual(ARABIC)
  // Changed: refused, the municipality no longer offers Arabic.
  const changed = await put(w, s, item.id, draftOf(w, { translations: { ar: { title: 'عنوان آخر' } } }))
  expect([changed.statusCode, changed.json().error.code]).toEqual([409, 'translation_language_not_offered'])
}

export async function aTranslationSavedAfterPublicationMovesTheFeedAndIsAudited(w: World): Promise<void> {
  const s = await givenOfficialOfMunicipalityWithArabic(w)
  const item = await create(w, s, draftOf(w))
  await publish(w, s, item.id)
  const before = await feed(w)
  expect(before.items.map((i) => i.id)).toContain(item.id)
  expect((await feed(w, before.cursor)).items).toEqual([])

  const res = await put(w, s, item.id, draftOf(w, { translations: ARABIC }))
  expect(res.statusCode, res.body).toBe(200)
  const after = await feed(w, before.cursor)
  expect(after.items.map((i) => [i.id, i.translations])).toEqual([[item.id, ARABIC]])
  const audit = await listAudit(w.db, w.slug)
  // The test clock stands still, so the entries share one time: compare them as a set.
  expect(audit.filter((a) => a.itemId === item.id).map((a) => a.action).sort()).toEqual(['item.create', 'item.publish', 'item.update'])
}

async function publishedItem(w: World, s: Session): Promise<ManagedItem> {
  const item = await create(w, s, draftOf(w))
  await publish(w, s, item.id)
  return item
}
const postFeedback = (w: World, s: Session, id: string, body: object) => w.app.inject({ method: 'POST', url: `/api/items/${id}/feedback`, headers: s.headers, payload: body })

export async function feedbackCarriesItsTranslationsInOfferedLanguagesOnly(w: World): Promise<void> {
  const s = await givenOfficialOfMunicipalityWithArabic(w)
  const item = await publishedItem(w, s)
  const translations = { ar: { summary: 'سيكون هناك مساء للشباب.', reason: 'لا يوجد مال لذلك في عام 2027.' } }
  const refused = await postFeedback(w, s, item.id, { outcome: 'partly_adopted', summary: 'Er komt een jongerenavond.', reason: 'Er is geen geld voor in 2027.', translations: { ...translations, pl: { summary: 'Będzie wieczór młodzieżowy.' } } })
  expect([refused.statusCode, refused.json().error.code]).toEqual([409, 'translation_language_not_offered'])
  expect((await getManaged(w, s, item.id)).feedback).toEqual([])

  const given = await postFeedback(w, s, item.id, { outcome: 'partly_adopted', summary: 'Er komt een jongerenavond.', reason: 'Er is geen geld voor in 2027.', translations })
  expect(given.statusCode, given.body).toBe(201)
  expect(ManagedItemSchema.parse(given.json()).feedback[0]?.translations).toEqual(translations)
  const publicItem = ItemSchema.parse((await w.app.inject({ method: 'GET', url: `/api/items/${item.id}` })).json())
  expect(publicItem.feedback[0]?.translations).toEqual(translations)

  const original = publicItem.feedback[0]!
  const correction = await w.app.inject({
    method: 'POST', url: `/api/items/${item.id}/feedback/${original.id}/correction`, headers: s.headers,
    payload: { outcome: 'adopted', summary: 'Er komt toch elke maand een jongerenavond.', translations: { ar: { summary: 'ستكون هناك أمسية شبابية كل شهر.' } } },
  })
  expect(correction.statusCode, correction.body).toBe(201)
  expect(ManagedItemSchema.parse(correction.json()).feedback[1]?.translations).toEqual({ ar: { summary: 'ستكون هناك أمسية شبابية كل شهر.' } })
}

export async function aCorrectionKeepsTranslationsOfALanguageNoLongerOffered(w: World): Promise<void> {
  const s = await givenOfficialOfMunicipalityWithArabic(w)
  const item = await publishedItem(w, s)
  const translations = { ar: { summary: 'سيكون هناك مساء للشباب.' } }
  const given = await postFeedback(w, s, item.id, { outcome: 'in_progress', summary: 'Er komt een jongerenavond.', translations })
  expect(given.statusCode, given.body).toBe(201)
  const original = ManagedItemSchema.parse(given.json()).feedback[0]!
  const settings = (await findMunicipalitySettings(w.db, w.slug))!
  await saveMunicipalitySettings(w.db, w.slug, { ...settings, contentLanguages: ['en'] })
  const correct = (body: object) => w.app.inject({ method: 'POST', url: `/api/items/${item.id}/feedback/${original.id}/correction`, headers: s.headers, payload: body })
  // A correction that changes its Arabic is refused: Arabic is no longer offered.
  const changed = await correct({ outcome: 'adopted', summary: 'Er komt elke maand een jongerenavond.', translations: { ar: { summary: 'ستكون هناك أمسية كل شهر.' } } })
  expect([changed.statusCode, changed.json().error.code]).toEqual([409, 'translation_language_not_offered'])
  // One that carries the Arabic as the entry had it (the form starts from it) corrects the Dutch.
  const kept = await correct({ outcome: 'adopted', summary: 'Er komt elke maand een jongerenavond.', translations })
  expect(kept.statusCode, kept.body).toBe(201)
  expect(ManagedItemSchema.parse(kept.json()).feedback[1]?.translations).toEqual(translations)
}
