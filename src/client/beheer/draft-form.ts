import type { ItemKind, LadderStep, Phase, ResultsVisibility } from '../../shared/schemas/item'
import { ItemDraftSchema, type ItemDraft, type ManagedItem } from '../../shared/schemas/item-draft'
import type { Question } from '../../shared/schemas/question'

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
}

export const DRAFT_FIELDS = ['kind', 'title', 'summary', 'body', 'theme', 'ladder', 'phase', 'opensAt', 'closesAt', 'feedbackDueAt', 'resultsVisibility', 'questions'] as const
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
  }
}

/** The form as the request body; a table has no questions, residents sign up instead. */
export function draftFromForm(form: DraftForm): unknown {
  return {
    ...form,
    body: form.body.trim() === '' ? undefined : form.body,
    opensAt: fromLocalInput(form.opensAt),
    closesAt: fromLocalInput(form.closesAt),
    feedbackDueAt: fromLocalInput(form.feedbackDueAt),
    questions: form.kind === 'table' ? [] : form.questions,
  }
}

export type DraftCheck = { ok: true; draft: ItemDraft } | { ok: false; fields: Partial<Record<DraftField, string>> }

/**
 * Checks the form with the same schema the server uses. Returns per field the first problem,
 * as an i18n key under `beheer.edit.error.`, so the page can point at the field.
 */
export function checkDraft(form: DraftForm): DraftCheck {
  const parsed = ItemDraftSchema.safeParse(draftFromForm(form))
  if (parsed.success) return { ok: true, draft: parsed.data }
  const fields: Partial<Record<DraftField, string>> = {}
  for (const issue of parsed.error.issues) {
    const field = issue.path[0]
    if (typeof field !== 'string' || !(DRAFT_FIELDS as readonly string[]).includes(field)) continue
    const key = field as DraftField
    if (fields[key]) continue
    if (key === 'questions') fields.questions = 'questions'
    else if (key === 'closesAt' && issue.code === 'custom') fields.closesAt = 'closesOrder'
    else if (key === 'feedbackDueAt' && issue.code === 'custom') fields.feedbackDueAt = 'feedbackOrder'
    else if (key === 'opensAt' || key === 'closesAt' || key === 'feedbackDueAt') fields[key] = 'date'
    else if (issue.code === 'too_big') fields[key] = 'tooLong'
    else fields[key] = 'required'
  }
  return { ok: false, fields }
}
