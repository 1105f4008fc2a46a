import type { ItemTranslations } from '../../shared/schemas/content-language'
import type { ItemKind, LadderStep, Phase, ResultsVisibility } from '../../shared/schemas/item'
import { ItemDraftSchema, type ItemDraft, type ManagedItem } from '../../shared/schemas/item-draft'
import type { Question } from '../../shared/schemas/question'
import { feedbackDueMovesLater } from '../../shared/validation/published-dates'
import { withoutStaleTargets } from '../../shared/validation/translation-targets'
import type { KeysUnder } from '../message-keys'
import { cleanTranslations, translationErrorOf, type TranslationError } from './translation-form'

/** The item form as the official edits it: dates as `datetime-local` values in local time. */
export interface DraftForm {
  kind: ItemKind
  title: string
  summary: string
  body: string
  theme: string
  ladder: LadderStep
  phase: Phase
  opensAt: string
  closesAt: string
  feedbackDueAt: string
  resultsVisibility: ResultsVisibility
  questions: Question[]
  /** Why the feedback date of a published item moves later; asked only then. */
  feedbackDelayReason: string
  /** For the whole region (a region official's choice when creating; fixed afterwards). */
  forRegion: boolean
  /** The participation agenda entry the item carries out ('' for none); absent in drafts saved before it existed. */
  agendaEntryId?: string
  /**
   * The texts in other languages. Absent (a new item, or a draft kept before translations
   * existed) leaves the stored translations as they are; an empty object removes them.
   */
  translations?: ItemTranslations
}

export const DRAFT_FIELDS = ['kind', 'title', 'summary', 'body', 'theme', 'ladder', 'phase', 'opensAt', 'closesAt', 'feedbackDueAt', 'feedbackDelayReason', 'resultsVisibility', 'questions'] as const
export type DraftField = (typeof DRAFT_FIELDS)[number]

const DAY = 24 * 60 * 60 * 1000
const pad = (n: number): string => String(n).padStart(2, '0')

/** An ISO instant as the value of an `<input type="datetime-local">`, in the browser's zone. */
export function toLocalInput(iso: string | Date): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`
}

/** A `datetime-local` value back to an ISO instant; '' when empty or unreadable. */
export function fromLocalInput(local: string): string {
  const time = Date.parse(local)
  return Number.isNaN(time) ? '' : new Date(time).toISOString()
}

/** A new poll that opens now, closes in two weeks and promises feedback four weeks later. */
export function emptyDraftForm(now: Date = new Date()): DraftForm {
  return {
    kind: 'poll',
    title: '',
    summary: '',
    body: '',
    theme: '',
    ladder: 'raadplegen',
    phase: 'beleidsvorming',
    opensAt: toLocalInput(now),
    closesAt: toLocalInput(new Date(now.getTime() + 14 * DAY)),
    feedbackDueAt: toLocalInput(new Date(now.getTime() + 42 * DAY)),
    resultsVisibility: 'after_close',
    questions: [],
    feedbackDelayReason: '',
    forRegion: false,
    agendaEntryId: '',
  }
}

export function formFromItem(item: ManagedItem): DraftForm {
  return {
    kind: item.kind,
    title: item.title,
    summary: item.summary,
    body: item.body ?? '',
    theme: item.theme,
    ladder: item.ladder,
    phase: item.phase,
    opensAt: toLocalInput(item.opensAt),
    closesAt: toLocalInput(item.closesAt),
    feedbackDueAt: toLocalInput(item.feedbackDueAt),
    resultsVisibility: item.resultsVisibility,
    questions: structuredClone(item.questions),
    // A reason belongs to one move of the date: each later move asks for its own.
    feedbackDelayReason: '',
    forRegion: Boolean(item.regionSlug),
    agendaEntryId: item.agendaEntryId ?? '',
    translations: structuredClone(item.translations ?? {}),
  }
}

/** The form as the request body; a table has no questions, residents sign up instead. */
export function draftFromForm(form: DraftForm): unknown {
  const questions = form.kind === 'table' ? [] : form.questions
  return {
    ...form,
    body: form.body.trim() === '' ? undefined : form.body,
    opensAt: fromLocalInput(form.opensAt),
    closesAt: fromLocalInput(form.closesAt),
    feedbackDueAt: fromLocalInput(form.feedbackDueAt),
    questions,
    feedbackDelayReason: form.feedbackDelayReason.trim() === '' ? undefined : form.feedbackDelayReason,
    forRegion: form.forRegion || undefined,
    // A draft kept from before the field existed leaves the link as the server has it.
    agendaEntryId: form.agendaEntryId === undefined ? undefined : form.agendaEntryId || null,
    // A deleted question, option or row takes its translations along; empty fields show Dutch.
    translations: form.translations === undefined ? undefined : withoutStaleTargets(questions, cleanTranslations(form.translations)),
  }
}

/** Whether the form moves the promised feedback date of a published item later (a reason is then needed). */
export function movesFeedbackLater(form: DraftForm, item: ManagedItem | undefined): boolean {
  if (!item?.publishedAt) return false
  const next = Date.parse(form.feedbackDueAt)
  return !Number.isNaN(next) && feedbackDueMovesLater(new Date(item.feedbackDueAt), new Date(next))
}

/** A problem with a field, named by its text under `beheer.edit.error.`. */
export type DraftError = KeysUnder<'beheer.edit.error.'>
/** Per field its first problem. */
export type DraftErrors = Partial<Record<DraftField, DraftError>>

/** Per translation field (`<lang>:<path>`, e.g. `ar:questions.q1.label`) its first problem. */
export type TranslationErrors = Record<string, TranslationError>

export type DraftCheck = { ok: true; draft: ItemDraft } | { ok: false; fields: DraftErrors; translations: TranslationErrors }

/**
 * Checks the form with the same schema the server uses. Returns per field the first problem,
 * as an i18n key under `beheer.edit.error.`, so the page can point at the field. With the stored
 * `item`, also what only a published item needs: a reason when the feedback date moves later.
 */
export function checkDraft(form: DraftForm, item?: ManagedItem): DraftCheck {
  const parsed = ItemDraftSchema.safeParse(draftFromForm(form))
  const fields: DraftErrors = {}
  if (movesFeedbackLater(form, item) && form.feedbackDelayReason.trim().length < 3) fields.feedbackDelayReason = 'delayReason'
  if (parsed.success) return Object.keys(fields).length ? { ok: false, fields, translations: {} } : { ok: true, draft: parsed.data }
  const translations: TranslationErrors = {}
  for (const issue of parsed.error.issues) {
    const field = issue.path[0]
    if (field === 'translations' && issue.path.length > 2) {
      const key = `${String(issue.path[1])}:${issue.path.slice(2).map(String).join('.')}`
      translations[key] ??= translationErrorOf(issue.code)
      continue
    }
    if (typeof field !== 'string' || !(DRAFT_FIELDS as readonly string[]).includes(field)) continue
    const key = field as DraftField
    if (fields[key]) continue
    if (key === 'questions') fields.questions = 'questions'
    else if (key === 'closesAt' && issue.code === 'custom') fields.closesAt = 'closesOrder'
    else if (key === 'feedbackDueAt' && issue.code === 'custom') fields.feedbackDueAt = 'feedbackOrder'
    else if (key === 'opensAt' || key === 'closesAt' || key === 'feedbackDueAt') fields[key] = 'date'
    else if (key === 'feedbackDelayReason') fields[key] = issue.code === 'too_big' ? 'tooLong' : 'delayReason'
    else if (issue.code === 'too_big') fields[key] = 'tooLong'
    else fields[key] = 'required'
  }
  return { ok: false, fields, translations }
}
