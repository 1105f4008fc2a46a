import { i18n } from '../../src/client/i18n'
import type { Item } from '../../src/shared/schemas/item'
import type { QuestionOf } from '../../src/shared/question-types/registry'

/** Component tests read Dutch texts; every test file starts from the source language. */
export function resetLocale(): void {
  i18n.setLocale('nl')
}

export const singleQuestion: QuestionOf<'single'> = {
  id: 'q1',
  type: 'single',
  label: 'Vind je het belangrijk dat jongeren meepraten?',
  required: true,
  options: [
    { id: 'ja', label: 'Ja' },
    { id: 'nee', label: 'Nee' },
  ],
}

export const multipleQuestion: QuestionOf<'multiple'> = {
  id: 'q2',
  type: 'multiple',
  label: 'Welke plekken zijn belangrijk?',
  required: false,
  max: 2,
  options: [
    { id: 'fiets', label: 'Fietspaden' },
    { id: 'hang', label: 'Hangplekken' },
    { id: 'sport', label: 'Sportveld' },
  ],
}

export const scaleQuestion: QuestionOf<'scale'> = {
  id: 'q3',
  type: 'scale',
  label: 'Hoe tevreden ben je?',
  required: false,
  min: 1,
  max: 5,
  minLabel: 'Helemaal niet',
  maxLabel: 'Heel erg',
}

export const textQuestion: QuestionOf<'text'> = { id: 'q4', type: 'text', label: 'Wil je nog iets zeggen?', required: false, max: 20 }

let counter = 0

/** A valid published item; `overrides` change what a test is about. */
export function anItem(overrides: Partial<Item> = {}): Item {
  counter += 1
  return {
    id: crypto.randomUUID(),
    municipality: 'beverwijk',
    kind: 'poll',
    title: `Peiling ${counter}`,
    summary: 'Een korte peiling over jongeren.',
    theme: 'opgroeien',
    ladder: 'raadplegen',
    phase: 'beleidsvorming',
    opensAt: '2026-05-01T08:00:00.000Z',
    closesAt: '2099-06-15T20:00:00.000Z',
    feedbackDueAt: '2099-07-01T10:00:00.000Z',
    status: 'open',
    resultsVisibility: 'after_close',
    questions: [singleQuestion],
    feedback: [],
    ...overrides,
  }
}

export const rankingQuestion: QuestionOf<'ranking'> = {
  id: 'q5',
  type: 'ranking',
  label: 'Wat vind je het belangrijkst?',
  required: false,
  max: 3,
  options: [
    { id: 'opvang', label: 'Kinderopvang' },
    { id: 'sport', label: 'Sportclubs' },
    { id: 'bus', label: 'Busvervoer' },
    { id: 'hulp', label: 'Hulp thuis' },
    { id: 'park', label: 'Parken' },
  ],
}

export const matrixQuestion: QuestionOf<'matrix'> = {
  id: 'q6',
  type: 'matrix',
  label: 'Wat vind je van je wijk?',
  required: true,
  min: 1,
  max: 5,
  minLabel: 'Helemaal oneens',
  maxLabel: 'Helemaal eens',
  rows: [
    { id: 'veilig', label: 'Ik voel me veilig.' },
    { id: 'schoon', label: 'De straat is schoon.' },
    { id: 'buren', label: 'Ik ken mijn buren.' },
  ],
}
