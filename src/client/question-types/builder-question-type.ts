import type { Component } from 'vue'

/**
 * What the back-office question builder needs to know about one question type: the form for
 * the type's own settings. Which fields a new question gets is the shared module's `create`.
 * Listed in `builder-registry.ts`, apart from the residents' registry, so the residents' app
 * never loads builder code.
 */
export interface BuilderQuestionType {
  /** Props `question` (of this type); emits `update` with the changed question. */
  settings: Component
}
