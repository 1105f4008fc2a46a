import { beforeAll } from 'vitest'
import { loadBeheerMessages } from '../../src/client/beheer/beheer-messages'

// Components are mounted without the router guard that loads the back office's texts in the app.
beforeAll(async () => {
  await loadBeheerMessages()
})
