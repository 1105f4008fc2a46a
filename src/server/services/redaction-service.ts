import { isFreeText } from '../../shared/question-types/registry'
import type { RedactionRequest } from '../../shared/schemas/redaction'
import { redactPart } from '../../shared/validation/personal-data'
import { DomainError, notFound } from '../errors'
import { rewriteTextAnswer } from '../repos/redaction-repo'
import { audited, type Actor, type ServiceContext } from './context'
import { ownItem } from './input-service'

/**
 * Removes the personal part of one text answer (or the whole answer) for good: the stored text
 * becomes "[verwijderd]" where the part was, and the answer keeps counting in results and
 * exports. The audit entry says who, which answer and how much was removed, never what. The
 * caller rewrites the answers table after the commit (`scrubAnswers`), so the old row version
 * is gone from the data files too.
 */
export async function redactAnswer(context: ServiceContext, actor: Actor, itemId: string, submissionId: string, request: RedactionRequest): Promise<string> {
  return audited(context, actor, 'answer.redact', async (tx) => {
    const item = await ownItem(tx, actor.municipality, itemId, context.now)
    const question = item.questions.find((q) => q.id === request.questionId)
    if (!question || !isFreeText(question)) throw notFound('text question')
    const { part } = request
    const changed = await rewriteTextAnswer(
      tx,
      item.id,
      submissionId,
      question.id,
      (text) => {
        if (part && text.slice(part.start, part.end) !== part.text) throw new DomainError('redaction_outdated', 'The selected part no longer reads like this; reload the answer')
        return redactPart(text, part)
      },
      context.now,
    )
    if (!changed) throw notFound('answer')
    return {
      result: changed.after,
      itemId: item.id,
      details: { submissionId, questionId: question.id, part: part ? 'selection' : 'whole', removedCharacters: part ? part.text.length : changed.before.length },
    }
  })
}
