import { beforeAll } from 'vitest'
import { loadBeheerMessages } from '../../src/client/beheer/beheer-messages'
import { loadLocale } from '../../src/client/i18n'
import { feedbackEntryView } from '../../src/client/components/item/feedback-entry-view'
import { RESIDENT_QUESTION_TYPES, residentType } from '../../src/client/question-types/resident-registry'
import type { QuestionType } from '../../src/shared/schemas/question'

// Components are mounted without what loads these texts in the app (boot, the language switch,
// the back office's router guard), and without the way to an item, which preloads the views in
// files of their own (src/client/question-types/lazy-component.ts has its own tests).
beforeAll(async () => {
  await Promise.all([
    loadLocale('en'),
    loadBeheerMessages(),
    feedbackEntryView.preload(),
    ...(Object.keys(RESIDENT_QUESTION_TYPES) as QuestionType[]).map((type) => residentType(type).preload?.()),
  ])
})
