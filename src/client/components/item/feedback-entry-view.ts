import { lazyComponent } from '../../question-types/lazy-component'

/** A feedback message with its outcome: only items with feedback show one, below the answer form. */
export const feedbackEntryView = lazyComponent(() => import('./ItemFeedbackEntry.vue'))
