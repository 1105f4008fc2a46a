import type { ContentLanguage } from '../../shared/schemas/content-language'
import type { MunicipalityAdmin } from '../../shared/schemas/municipality-admin'
import { MunicipalitySettingsUpdateSchema, type MunicipalitySettings, type MunicipalitySettingsUpdate } from '../../shared/schemas/municipality-settings'

/**
 * The "Gemeente" page's form: every field as the admin types it (strings, empty for "not set"),
 * turned into the shared update schema on save and checked with that same schema, so the page
 * refuses exactly what the server would.
 */

export interface PartyForm {
  name: string
  email: string
  phone: string
  postalAddress: string
}

export interface MunicipalityForm {
  name: string
  areas: string[]
  themes: string[]
  contact: { website: string; email: string; phone: string; postalAddress: string }
  controller: PartyForm
  dataProtectionOfficer: PartyForm
  accessibilityUrl: string
  accessibilityText: string
  /** Design tokens by name; an empty value means the default theme's. */
  tokens: Record<string, string>
  retention: { nonSelectedDays: string; memberDays: string; answersMonths: string; interestConfirmMonths: string }
  resultsMinDevices: string
  /** Days to answer a resident's signal, and the participation council's advice. */
  signalResponseDays: string
  adviceResponseDays: string
  /** Websites (origins) that may show the widget in an iframe, one per row as typed. */
  embedOrigins: string[]
  /** The languages besides Dutch its items are translated into. */
  contentLanguages: ContentLanguage[]
}

/** The colour tokens the page offers (the rest of a token set stays as it is). */
export const COLOUR_TOKENS = [
  '--utrecht-button-primary-action-background-color',
  '--utrecht-button-primary-action-color',
  '--utrecht-link-color',
  '--utrecht-focus-outline-color',
  '--utrecht-page-header-background-color',
  '--utrecht-page-header-color',
] as const
export type ColourToken = (typeof COLOUR_TOKENS)[number]

const party = (p: MunicipalitySettings['controller']): PartyForm => ({ name: p?.name ?? '', email: p?.email ?? '', phone: p?.phone ?? '', postalAddress: p?.postalAddress ?? '' })

export function formFromMunicipality(m: MunicipalityAdmin): MunicipalityForm {
  const s = m.settings
  return {
    name: m.name,
    areas: [...m.areas],
    themes: [...m.themes],
    contact: { website: s.contact.website ?? '', email: s.contact.email ?? '', phone: s.contact.phone ?? '', postalAddress: s.contact.postalAddress ?? '' },
    controller: party(s.controller),
    dataProtectionOfficer: party(s.dataProtectionOfficer),
    accessibilityUrl: s.accessibilityStatement.url ?? '',
    accessibilityText: s.accessibilityStatement.text ?? '',
    tokens: { ...s.theme.tokens },
    retention: {
      nonSelectedDays: String(s.retention.nonSelectedDays),
      memberDays: String(s.retention.memberDays),
      answersMonths: String(s.retention.answersMonths),
      interestConfirmMonths: String(s.retention.interestConfirmMonths),
    },
    resultsMinDevices: String(s.resultsMinDevices),
    signalResponseDays: String(s.signalResponseDays),
    adviceResponseDays: String(s.adviceResponseDays),
    embedOrigins: [...s.embedOrigins],
    contentLanguages: [...s.contentLanguages],
  }
}

/** Only the fields that were filled in: an empty field means "not set", never an empty string. */
function filled<T extends Record<string, string>>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.trim()]).filter(([, v]) => v !== '')) as Partial<T>
}

const number = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text))

/** What the form sends, before validation (an empty party is left out; its name is then not asked). */
export function updateFromForm(form: MunicipalityForm): unknown {
  const partyOf = (p: PartyForm) => (Object.keys(filled({ ...p })).length > 0 ? filled({ ...p }) : undefined)
  return {
    name: form.name,
    areas: form.areas.map((a) => a.trim()),
    themes: form.themes.map((th) => th.trim()),
    settings: {
      contact: filled(form.contact),
      controller: partyOf(form.controller),
      dataProtectionOfficer: partyOf(form.dataProtectionOfficer),
      accessibilityStatement: filled({ url: form.accessibilityUrl, text: form.accessibilityText }),
      theme: { tokens: filled(form.tokens) },
      retention: {
        nonSelectedDays: number(form.retention.nonSelectedDays),
        memberDays: number(form.retention.memberDays),
        answersMonths: number(form.retention.answersMonths),
        interestConfirmMonths: number(form.retention.interestConfirmMonths),
      },
      resultsMinDevices: number(form.resultsMinDevices),
      signalResponseDays: number(form.signalResponseDays),
      adviceResponseDays: number(form.adviceResponseDays),
      embedOrigins: form.embedOrigins,
      contentLanguages: form.contentLanguages,
    },
  }
}

/** Which text explains a problem with a field, by the kind of field it is. */
export type FieldProblem = 'name' | 'url' | 'email' | 'phone' | 'address' | 'partyName' | 'number' | 'minDevices' | 'terms' | 'themes' | 'text' | 'token' | 'origin' | 'originList' | 'languages'

/** A problem for the error summary: the field's element id and which text explains it. */
export interface FormProblem {
  id: string
  field: string
  problem: FieldProblem
}

/** The element id of a field, from its path in the update (`settings.contact.website` -> `muni-contact-website`). */
export function fieldId(path: readonly PropertyKey[]): string {
  const parts = path.map(String)
  if (parts[0] === 'settings') parts.shift()
  if ((parts[0] === 'areas' || parts[0] === 'themes' || parts[0] === 'embedOrigins') && parts.length > 1) return `muni-${parts[0]}-${parts[1]}`
  if (parts[0] === 'embedOrigins') return 'muni-embedOrigins'
  if (parts[0] === 'contentLanguages') return 'muni-contentLanguages'
  if (parts[0] === 'accessibilityStatement') return parts[1] === 'text' ? 'muni-accessibility-text' : 'muni-accessibility-url'
  if (parts[0] === 'theme') return 'muni-tokens'
  return `muni-${parts.slice(0, 2).join('-')}`
}

function problemOf(path: readonly PropertyKey[]): FieldProblem {
  const last = String(path.at(-1))
  const parts = path.map(String)
  if (parts[1] === 'embedOrigins') return parts.length > 2 ? 'origin' : 'originList'
  if (parts[1] === 'contentLanguages') return 'languages'
  if (parts[0] === 'areas') return 'terms'
  if (parts[0] === 'themes') return 'themes'
  if (parts.includes('theme')) return 'token'
  if (parts.includes('retention')) return 'number'
  if (last === 'resultsMinDevices') return 'minDevices'
  if (last === 'signalResponseDays' || last === 'adviceResponseDays') return 'number'
  if (last === 'website' || last === 'url') return 'url'
  if (last === 'email') return 'email'
  if (last === 'phone') return 'phone'
  if (last === 'postalAddress') return 'address'
  if (last === 'text') return 'text'
  if (parts[0] === 'name') return 'name'
  return 'partyName'
}

/** The update to send, or the problems to show (one per field, in form order). */
export function checkMunicipalityForm(form: MunicipalityForm): { ok: true; update: MunicipalitySettingsUpdate } | { ok: false; problems: FormProblem[] } {
  const parsed = MunicipalitySettingsUpdateSchema.safeParse(updateFromForm(form))
  if (parsed.success) return { ok: true, update: parsed.data }
  const problems: FormProblem[] = []
  for (const issue of parsed.error.issues) {
    const id = fieldId(issue.path)
    if (!problems.some((p) => p.id === id)) problems.push({ id, field: id, problem: problemOf(issue.path) })
  }
  return { ok: false, problems }
}
