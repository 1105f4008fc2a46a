import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_COUNCIL_EMAIL, DEMO_OFFICIAL_PASSWORD } from '../../../src/server/demo/demo-council'
import { seedDemoIfEmpty } from '../../../src/server/demo/seed'
import { AdviceListSchema } from '../../../src/shared/schemas/advice'
import { PublicMeetingListSchema } from '../../../src/shared/schemas/council-meeting'
import { signIn } from '../../support/officials'
import { createTestApp, type TestApp } from '../../support/test-app'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
  await seedDemoIfEmpty(t.db, t.clock.now)
})
afterAll(async () => t.close())

describe('the demo participation council of Beverwijk', () => {
  it('has a member who signs in, one answered unasked advice, one asked advice awaiting its answer, and a past and a coming meeting', async () => {
    const s = await signIn(t.app, DEMO_COUNCIL_EMAIL, DEMO_OFFICIAL_PASSWORD)
    expect((await t.app.inject({ url: '/api/auth/me', headers: s.headers })).json()).toMatchObject({ role: 'council', municipality: 'beverwijk' })
    const advice = AdviceListSchema.parse((await t.app.inject({ url: '/api/municipalities/beverwijk/advice' })).json()).advice
    expect(advice.map((a) => [a.kind, Boolean(a.respondedAt), a.overdue]).sort()).toEqual([['asked', false, false], ['unasked', true, false]])
    const answered = advice.find((a) => a.respondedAt)!
    expect(answered.recommendations.every((r) => r.decision && (r.decision === 'adopted' || r.explanation))).toBe(true)
    expect(advice.find((a) => a.kind === 'asked')?.subjectTitle).toBeTruthy()
    const meetings = PublicMeetingListSchema.parse((await t.app.inject({ url: '/api/municipalities/beverwijk/meetings' })).json()).meetings
    expect(meetings.map((m) => m.upcoming)).toEqual([true, false])
    expect(meetings[1]).toMatchObject({ minutes: expect.any(String), agreements: expect.any(String) })
  })
})
