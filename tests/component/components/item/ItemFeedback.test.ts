import { mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import ItemFeedback from '../../../../src/client/components/item/ItemFeedback.vue'
import type { Feedback } from '../../../../src/shared/schemas/feedback'
import { anItem, resetLocale } from '../../fixtures'

function aFeedback(overrides: Partial<Feedback> = {}): Feedback {
  return { id: crypto.randomUUID(), publishedAt: '2026-07-01T10:00:00.000Z', outcome: 'adopted', summary: 'We leggen een fietspad aan.', ...overrides }
}

describe('ItemFeedback', () => {
  beforeEach(resetLocale)
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('shows each message with its date, the outcome in words with an icon, reason, recommendations and decision link', () => {
    const partly = aFeedback({
      publishedAt: '2026-07-10T10:00:00.000Z',
      outcome: 'partly_adopted',
      body: 'De raad besliste in juli.',
      reason: 'Er is maar geld voor één wijk.',
      decisionUrl: 'https://example.org/besluit',
      recommendations: [
        { recommendation: 'Meer bankjes bij het water', outcome: 'adopted' },
        { recommendation: 'Een tweede speeltuin', outcome: 'not_adopted', reason: 'Daar is geen ruimte voor.' },
      ],
    })
    const progress = aFeedback({ outcome: 'in_progress', summary: 'We lezen alle antwoorden.' })
    const wrapper = mount(ItemFeedback, { props: { item: anItem({ feedback: [progress, partly] }) } })

    expect(wrapper.find('h2').text()).toBe('Wat is er met jullie inbreng gedaan?')
    const entries = wrapper.findAll('li.mp-timeline__entry')
    expect(entries.map((e) => e.find('h3').text())).toEqual(['Deels overgenomen', 'We zijn ermee bezig'])
    expect(entries[0]!.find('time').attributes('datetime')).toBe(partly.publishedAt)
    expect(entries[0]!.text()).toContain('10 juli 2026')
    // Every outcome carries a shape too, hidden from screen readers (the words say it).
    expect(entries[0]!.find('h3 svg').attributes('aria-hidden')).toBe('true')
    expect(entries[0]!.text()).toContain('Waarom?')
    expect(entries[0]!.text()).toContain('Er is maar geld voor één wijk.')
    const recs = entries[0]!.findAll('.mp-recommendations__item')
    expect(recs.map((r) => r.find('.mp-outcome').text())).toEqual(['Overgenomen', 'Niet overgenomen'])
    expect(recs[1]!.text()).toContain('Waarom: Daar is geen ruimte voor.')
    expect(entries[0]!.find('a[href="https://example.org/besluit"]').text()).toBe('Lees het besluit')
  })

  it('keeps a corrected message visible, labelled "Gecorrigeerd" and linked to its correction, which is labelled as such', () => {
    const original = aFeedback({ outcome: 'adopted', summary: 'We leggen twee fietspaden aan.' })
    const correction = aFeedback({ publishedAt: '2026-07-03T10:00:00.000Z', outcome: 'partly_adopted', reason: 'Het budget is lager.', correctsId: original.id })
    original.correctedById = correction.id
    const wrapper = mount(ItemFeedback, { props: { item: anItem({ feedback: [original, correction] }) }, attachTo: document.body })

    const [first, second] = wrapper.findAll('li.mp-timeline__entry')
    expect(first!.attributes('id')).toBe(`feedback-${correction.id}`)
    expect(first!.find('.mp-label').text()).toBe('Correctie')
    expect(first!.text()).toContain('Dit bericht verbetert het bericht van 1 juli 2026.')
    expect(first!.find(`a[href="#feedback-${original.id}"]`).text()).toBe('Lees het oude bericht')
    expect(second!.find('.mp-label').text()).toBe('Gecorrigeerd')
    expect(second!.text()).toContain('We leggen twee fietspaden aan.')
    const toCorrection = second!.find(`a[href="#feedback-${correction.id}"]`)
    expect(toCorrection.text()).toBe('Lees de correctie')
  })

  it('moves focus to the correction when its link is followed', async () => {
    const original = aFeedback()
    const correction = aFeedback({ publishedAt: '2026-07-03T10:00:00.000Z', correctsId: original.id })
    original.correctedById = correction.id
    Element.prototype.scrollIntoView ??= () => undefined
    const wrapper = mount(ItemFeedback, { props: { item: anItem({ feedback: [original, correction] }) }, attachTo: document.body })
    await wrapper.find(`a[href="#feedback-${correction.id}"]`).trigger('click')
    expect(document.activeElement?.id).toBe(`feedback-${correction.id}`)
  })

  it('says by when residents will hear back while there is no message yet', () => {
    const wrapper = mount(ItemFeedback, { props: { item: anItem({ feedbackDueAt: '2099-09-30T10:00:00Z' }) } })
    expect(wrapper.find('ol').exists()).toBe(false)
    expect(wrapper.text()).toContain('Je hoort uiterlijk 30 september 2099 wat we ermee doen.')
  })

  it('says so honestly when the promised date has passed without a message', () => {
    const wrapper = mount(ItemFeedback, { props: { item: anItem({ feedbackDueAt: '2026-01-31T10:00:00Z' }), now: new Date('2026-03-01T00:00:00Z') } })
    expect(wrapper.text()).toContain('Je had uiterlijk 31 januari 2026 moeten horen wat we ermee doen. Dat is nog niet gebeurd.')
  })
})
