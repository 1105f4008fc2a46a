import { afterAll, beforeAll, describe, it } from 'vitest'
import { createTestApp, type TestApp } from '../../support/test-app'
import * as flow from './advice-flow-scenarios'

let t: TestApp
let w: flow.World

beforeAll(async () => {
  t = await createTestApp()
  w = { app: t.app, db: t.db, clock: t.clock }
  await flow.givenCouncils(w)
})
afterAll(async () => t.close())

describe('advice of the participation council', () => {
  it('a council member drafts, edits and submits unasked advice; the municipality answers each recommendation, with a why when not (fully) adopted; all of it public', async () => {
    await flow.councilWritesUnaskedAdviceAndTheMunicipalityAnswersIt(w)
  })

  it('asked advice is about an item or agenda entry of the council\'s own municipality', async () => {
    await flow.askedAdviceIsAboutAnItemOrAgendaEntryOfTheCouncilsOwnMunicipality(w)
  })

  it('the council proposes forms, ladder step and whom to reach for an agenda entry; officials read it', async () => {
    await flow.theCouncilProposesAnApproachForAnAgendaEntryThatOfficialsRead(w)
  })

  // Last: it moves the clock.
  it('the answer is due after the municipality\'s response period and the advice is overdue (accountability list, public) after that', async () => {
    await flow.adviceIsDueAfterTheMunicipalitysPeriodAndOverdueAfterThat(w)
  })
})
