import { beforeAll } from 'vitest'
import { loadBeheerMessages } from '../../src/client/beheer/beheer-messages'
import { loadLocale } from '../../src/client/i18n'

// Components are mounted without what loads these texts in the app (boot, the language switch,
// the back office's router guard).
beforeAll(async () => {
  await Promise.all([loadLocale('en'), loadBeheerMessages()])
})
