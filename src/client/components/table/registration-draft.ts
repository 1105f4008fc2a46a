import type { z } from 'zod'
import type { AgeBand, Profile } from '../../../shared/schemas/profile'
import { CONSENT_VERSION, type Contact } from '../../../shared/schemas/table'
import type { LocalRegistration } from '../../db/db'
import { isOneOf, type KeysUnder } from '../../message-keys'

/**
 * What the person fields of a sign-up or "Benader mij" form hold while the resident types: plain
 * strings, so inputs can bind to them. `toPersonFields` turns them into the contract's shape.
 */
export interface PersonDraft {
  name: string
  channel: Contact['channel']
  contactValue: string
  ageBand: AgeBand | ''
  area: string
  guardianEmail: string
  consent: boolean
}

/** A fresh draft, or the stored registration's values when the resident changes it. */
export function personDraft(existing?: LocalRegistration, profile?: Profile): PersonDraft {
  return {
    name: existing?.name ?? '',
    channel: existing?.contact?.channel ?? 'email',
    contactValue: existing?.contact?.value ?? '',
    ageBand: existing?.ageBand ?? profile?.ageBand ?? '',
    area: existing?.area ?? profile?.area ?? '',
    guardianEmail: existing?.guardianEmail ?? '',
    // Consent is asked again on every change: the text may have changed since.
    consent: false,
  }
}

/** Empty text means "not given": optional fields are left out instead of sent as "". */
export function optional(value: string): string | undefined {
  const trimmed = value.trim()
  return trimmed === '' ? undefined : trimmed
}

/** The contract's person fields. A guardian e-mail is only sent under 16, even if typed earlier. */
/** The fields of a person, with the language the app is read in: every e-mail about the registration is written in it. */
export function toPersonFields(draft: PersonDraft, language: 'nl' | 'en' = 'nl') {
  return {
    language,
    name: draft.name.trim(),
    contact: { channel: draft.channel, value: draft.contactValue.trim() } as Contact,
    ageBand: draft.ageBand as AgeBand,
    area: optional(draft.area),
    consentVersion: CONSENT_VERSION,
    guardianEmail: draft.ageBand === '<16' ? optional(draft.guardianEmail) : undefined,
  }
}

/** One problem, named by the field it belongs to (`q-<field>` is the id of that field's wrapper). */
export interface FieldProblem {
  field: RegistrationField
  messageKey: RegistrationErrorKey
}

/** A field of the registration forms: each has its name in the error summary (`reg.summary.*`). */
export type RegistrationField = KeysUnder<'reg.summary.'>
type RegistrationErrorKey = `reg.error.${KeysUnder<'reg.error.'>}`

const FIELD_MESSAGES: Partial<Record<RegistrationField, RegistrationErrorKey>> = {
  name: 'reg.error.name',
  ageBand: 'reg.error.ageBand',
  roles: 'reg.error.roles',
  themes: 'reg.error.themes',
  guardianEmail: 'reg.error.guardianEmail',
  motivation: 'reg.error.tooLong',
  accessibilityNeeds: 'reg.error.tooLong',
}

/**
 * Turns the schema's issues, plus the checks the schema cannot make (the consent box; the guardian
 * e-mail, which the schema only checks once every other field is valid), into one problem per
 * field, in the order the fields appear on the form.
 */
export function fieldProblems(draft: PersonDraft, issues: readonly z.core.$ZodIssue[] | undefined, order: readonly RegistrationField[]): FieldProblem[] {
  const byField = new Map<RegistrationField, RegistrationErrorKey>()
  for (const issue of issues ?? []) {
    const field = issue.path[0]
    if (!isOneOf(order, field) || byField.has(field)) continue
    byField.set(field, field === 'contact' ? `reg.error.${draft.channel}` : (FIELD_MESSAGES[field] ?? 'reg.error.other'))
  }
  if (draft.ageBand === '<16' && optional(draft.guardianEmail) === undefined) byField.set('guardianEmail', 'reg.error.guardianEmail')
  if (!draft.consent) byField.set('consent', 'reg.error.consent')
  return order.filter((field) => byField.has(field)).map((field) => ({ field, messageKey: byField.get(field) ?? 'reg.error.other' }))
}
