import { afterEach, describe, expect, it } from 'vitest'
import { monthsBefore } from '../../../src/server/jobs/answer-retention'
import { createTestDatabase, type TestDatabase } from '../../support/test-database'
import { anonymisesAfterFinalFeedback, givenScenario, usesTheMunicipalityPeriod, waitsForFinalFeedback } from './answer-retention-scenarios'

let testDb: TestDatabase | undefined
afterEach(async () => testDb?.dispose())
const scenario = async () => {
  testDb = await createTestDatabase()
  return givenScenario(testDb.database)
}

describe('answer retention (retention job)', () => {
  it('deletes free-text answers and gives every answer and receipt its own random key answersMonths after the final feedback; tallies and other answers stay', async () => {
    await anonymisesAfterFinalFeedback(await scenario())
  })

  it('does not count in_progress feedback as final, and counts from the latest entry', async () => {
    await waitsForFinalFeedback(await scenario())
  })

  it('uses the municipality’s own answersMonths', async () => {
    await usesTheMunicipalityPeriod(await scenario())
  })
})

describe('monthsBefore', () => {
  it('goes back calendar months in UTC, keeping the day where the month has it', () => {
    expect(monthsBefore(new Date('2027-06-22T12:00:00Z'), 12).toISOString()).toBe('2026-06-22T12:00:00.000Z')
    expect(monthsBefore(new Date('2027-03-31T08:00:00Z'), 1).toISOString()).toBe('2027-02-28T08:00:00.000Z')
  })
})
