import { mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it } from 'vitest'
import AnswerStatus from '../../../../src/client/components/answer/AnswerStatus.vue'
import type { LocalSubmission } from '../../../../src/client/db/db'
import { resetLocale } from '../../fixtures'

const submission = (changes: Partial<LocalSubmission>): LocalSubmission => ({
  id: 's1',
  itemId: 'i1',
  municipality: 'utrecht',
  answeredAt: '2099-06-01T10:00:00Z',
  answers: {},
  state: 'saved',
  ...changes,
})

describe('AnswerStatus', () => {
  beforeEach(resetLocale)

  it('says why an answer keeps failing, with the text for stuck answers', () => {
    const wrapper = mount(AnswerStatus, { props: { submission: submission({ state: 'stuck', reason: 'no_connection' }) } })
    expect(wrapper.find('[data-testid="answer-reason"]').text()).toContain('Dit antwoord komt steeds niet aan')
  })

  it('says why an answer was not accepted, with the text for rejected answers', () => {
    const wrapper = mount(AnswerStatus, { props: { submission: submission({ state: 'rejected', reason: 'item_closed' }) } })
    expect(wrapper.text()).toContain('Niet aangenomen')
    expect(wrapper.find('[data-testid="answer-reason"]').text()).toBe('Deze vraag was al gesloten toen je antwoord aankwam.')
  })

  it('shows no raw key when a reason does not fit the state', () => {
    for (const s of [submission({ state: 'stuck', reason: 'item_closed' }), submission({ state: 'rejected', reason: 'server_error' })]) {
      const wrapper = mount(AnswerStatus, { props: { submission: s } })
      expect(wrapper.find('[data-testid="answer-reason"]').exists(), s.state).toBe(false)
      expect(wrapper.text()).not.toMatch(/stuck\.|reason\./)
    }
  })
})
