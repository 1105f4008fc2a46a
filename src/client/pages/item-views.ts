import type { Item } from '../../shared/schemas/item'
import { feedbackEntryView } from '../components/item/feedback-entry-view'
import { residentType } from '../question-types/resident-registry'

/** Fetches the lazy views this item shows (its question types', its feedback timeline's). */
export function preloadItemViews(item: Item): Promise<void> {
  const types = new Set(item.questions.map((question) => question.type))
  const loads: Promise<unknown>[] = [...types].map((type) => residentType(type).preload?.() ?? Promise.resolve())
  if (item.feedback.length > 0) loads.push(feedbackEntryView.preload())
  return Promise.all(loads).then(() => undefined)
}
