import { afterAll, beforeAll, describe, inject, it } from 'vitest'
import { createSharedPostgresApps, type SharedPostgresApps } from '../../support/shared-postgres-apps'
import * as flow from './advice-flow-scenarios'

const serverUrl = inject('postgresUrl')
let shared: SharedPostgresApps
let w: flow.World

beforeAll(async () => {
  if (!serverUrl) throw new Error('These tests need PostgreSQL: install it (apt-get install -y postgresql) or set DATABASE_URL')
  shared = await createSharedPostgresApps(serverUrl, 1)
  w = { app: shared.apps[0]!, db: shared.apps[0]!.database.db, clock: shared.clock }
  await flow.givenCouncils(w)
})
afterAll(async () => shared?.close())

describe('advice of the participation council on PostgreSQL', () => {
  it('a council member drafts, edits and submits unasked advice; the municipality answers each recommendation, with a why when not (fully) adopted; all of it public', async () => {
    await flow.councilWritesUnaskedAdviceAndTheMunicipalityAnswersIt(w)
  })

  it('asked advice is about an item or agenda entry of the council\'s own municipality', async () => {
    await flow.askedAdviceIsAboutAnItemOrAgendaEntryOfTheCouncilsOwnMunicipality(w)
  })

  it('the council proposes forms, ladder step and whom to reach for an agenda entry; officials read it', async () => {
    await flow.theCouncilProposesAnApproachForAnAgendaEntryThatOfficialsRead(w)
  })

  it('the answer is due after the municipality\'s response period and the advice is overdue (accountability list, public) after that', async () => {
    await flow.adviceIsDueAfterTheMunicipalitysPeriodAndOverdueAfterThat(w)
  })
})
