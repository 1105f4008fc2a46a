import type { Question } from './registry'
import { conditionOptionsOf, moduleOf, wellFormedAnswer } from './registry'

/**
 * Conditions (`showIf`): a question is asked only when the answer to an earlier question with
 * options is, or contains, one of `anyOf`. A question that is not asked is not required and its
 * answer must be absent; the client hides it and sends nothing for it, the server refuses a
 * submission that answers it anyway.
 */

/** Whether `question` is asked, given the other answers (`answers` keyed by question id). */
export function isAsked(question: Question, questions: readonly Question[], answers: Readonly<Record<string, unknown>>): boolean {
  const condition = question.showIf
  if (!condition) return true
  const source = questions.find((q) => q.id === condition.questionId)
  if (!source) return false
  const chosen = chosenOptionsOf(source, answers[source.id])
  return chosen.some((id) => condition.anyOf.includes(id))
}

/** The option ids an answer is or contains; none when the question has no options or the answer is malformed. */
export function chosenOptionsOf(question: Question, value: unknown): readonly string[] {
  const module = moduleOf(question)
  if (value === undefined || !module.chosenOptions) return []
  const answer = wellFormedAnswer(question, value)
  return answer ? module.chosenOptions(question, answer.value) : []
}

/** The ids of the questions asked with these answers, in order. */
export function askedQuestionIds(questions: readonly Question[], answers: Readonly<Record<string, unknown>>): Set<string> {
  return new Set(questions.filter((q) => isAsked(q, questions, answers)).map((q) => q.id))
}

/** The answers without those to questions that are not asked: what a client sends. */
export function withoutUnasked<A extends Readonly<Record<string, unknown>>>(questions: readonly Question[], answers: A): Partial<A> {
  const asked = askedQuestionIds(questions, answers)
  const known = new Set(questions.map((q) => q.id))
  return Object.fromEntries(Object.entries(answers).filter(([id]) => asked.has(id) || !known.has(id))) as Partial<A>
}

/**
 * What is wrong with the conditions of a question list: a `showIf` must point at an earlier
 * question that has options, and name only options that question has.
 */
export function conditionProblems(questions: readonly Question[]): string[] {
  const problems: string[] = []
  questions.forEach((q, index) => {
    const condition = q.showIf
    if (!condition) return
    const at = questions.findIndex((other) => other.id === condition.questionId)
    if (at < 0) return problems.push(`question ${q.id}: its condition refers to unknown question ${condition.questionId}`)
    if (at >= index) return problems.push(`question ${q.id}: its condition must refer to an earlier question`)
    const options = conditionOptionsOf(questions[at] as Question)
    if (!options) return problems.push(`question ${q.id}: its condition must refer to a question with options`)
    const known = new Set(options.map((o) => o.id))
    for (const id of condition.anyOf) if (!known.has(id)) problems.push(`question ${q.id}: its condition refers to unknown option ${id}`)
  })
  return problems
}
