import { describe, expect, it } from 'vitest'
import { isSignalOverdue, nextSignalStatuses, signalStatusRefusal } from '../../../../src/shared/rules/signal-status'

const reason = 'Dit valt onder de provincie, niet onder de gemeente.'

describe('the signal status rule', () => {
  it('moves forward only: received -> considering -> on_agenda -> answered, or not taken up from any open status', () => {
    expect(nextSignalStatuses('received')).toEqual(['considering', 'on_agenda', 'answered', 'not_taken_up'])
    expect(nextSignalStatuses('considering')).toEqual(['on_agenda', 'answered', 'not_taken_up'])
    expect(nextSignalStatuses('on_agenda')).toEqual(['answered', 'not_taken_up'])
  })

  it('keeps answered and not taken up final', () => {
    expect(nextSignalStatuses('answered')).toEqual([])
    expect(nextSignalStatuses('not_taken_up')).toEqual([])
    expect(signalStatusRefusal('answered', { to: 'not_taken_up', linked: false, reason })).toBe('signal_status_not_allowed')
    expect(signalStatusRefusal('on_agenda', { to: 'considering', linked: true })).toBe('signal_status_not_allowed')
    expect(signalStatusRefusal('considering', { to: 'considering', linked: false })).toBe('signal_status_not_allowed')
  })

  it('requires a link for on the agenda', () => {
    expect(signalStatusRefusal('considering', { to: 'on_agenda', linked: false })).toBe('signal_link_required')
    expect(signalStatusRefusal('considering', { to: 'on_agenda', linked: true })).toBeNull()
  })

  it('requires a written response for answered', () => {
    expect(signalStatusRefusal('received', { to: 'answered', linked: false })).toBe('signal_response_required')
    expect(signalStatusRefusal('received', { to: 'answered', linked: false, response: '   kort   ' })).toBe('signal_response_required')
    expect(signalStatusRefusal('received', { to: 'answered', linked: false, response: 'We pakken het deze maand op.' })).toBeNull()
  })

  it('requires a reason of at least 20 characters for not taken up', () => {
    expect(signalStatusRefusal('received', { to: 'not_taken_up', linked: false })).toBe('signal_reason_required')
    expect(signalStatusRefusal('received', { to: 'not_taken_up', linked: false, reason: 'Geen geld.' })).toBe('signal_reason_required')
    expect(signalStatusRefusal('received', { to: 'not_taken_up', linked: false, reason })).toBeNull()
  })

  it('counts an open signal past its due date as overdue, a final one never', () => {
    const due = new Date('2026-07-01T00:00:00Z')
    expect(isSignalOverdue({ status: 'considering', responseDueAt: due }, new Date('2026-07-01T00:00:00Z'))).toBe(true)
    expect(isSignalOverdue({ status: 'considering', responseDueAt: due }, new Date('2026-06-30T23:59:59Z'))).toBe(false)
    expect(isSignalOverdue({ status: 'answered', responseDueAt: due }, new Date('2026-08-01T00:00:00Z'))).toBe(false)
  })
})
