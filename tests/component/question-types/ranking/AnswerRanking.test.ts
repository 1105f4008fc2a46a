import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import AnswerRanking from '../../../../src/client/question-types/ranking/AnswerRanking.vue'
import type { QuestionOf } from '../../../../src/shared/question-types/registry'
import type { AnswerValue } from '../../../../src/shared/schemas/question'
import { rankingQuestion, resetLocale } from '../../fixtures'

/** Mounts the ranking with its v-model wired, like the answer form does. */
function mountRanking(initial: string[] = [], question: QuestionOf<'ranking'> = rankingQuestion) {
  let current: AnswerValue = initial
  const wrapper: VueWrapper = mount(AnswerRanking, {
    props: {
      question,
      modelValue: initial,
      'onUpdate:modelValue': (value: AnswerValue) => {
        current = value
        return wrapper.setProps({ modelValue: value })
      },
    },
    attachTo: document.body,
  })
  return { wrapper, value: () => current }
}

const announcement = (wrapper: VueWrapper) => wrapper.find('[data-testid="ranking-announcement"]')

describe('AnswerRanking', () => {
  beforeEach(resetLocale)
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('ranks options in the order they are chosen and says where each one landed', async () => {
    const { wrapper, value } = mountRanking()
    await wrapper.find('#q-q5-sport-add').trigger('click')
    await wrapper.find('#q-q5-opvang-add').trigger('click')
    expect(value()).toEqual(['sport', 'opvang'])
    expect(announcement(wrapper).attributes('aria-live')).toBe('polite')
    expect(announcement(wrapper).text()).toBe('Kinderopvang staat nu op plaats 2 van 2')
    expect(wrapper.findAll('.mp-ranking__list li').map((li) => li.find('.mp-ranking__label').text())).toEqual(['Sportclubs', 'Kinderopvang'])
  })

  it('moves an option with the up and down buttons and keeps focus on the button that was used', async () => {
    const { wrapper, value } = mountRanking(['sport', 'bus', 'opvang'])
    await wrapper.find('#q-q5-opvang-up').trigger('click')
    expect(value()).toEqual(['sport', 'opvang', 'bus'])
    expect(announcement(wrapper).text()).toBe('Kinderopvang staat nu op plaats 2 van 3')
    await flushPromises()
    expect(document.activeElement?.id).toBe('q-q5-opvang-up')
    await wrapper.find('#q-q5-opvang-up').trigger('click')
    expect(value()).toEqual(['opvang', 'sport', 'bus'])
    await flushPromises()
    // At the top its up button is disabled, so focus goes to its down button.
    expect(wrapper.find('#q-q5-opvang-up').attributes('disabled')).toBeDefined()
    expect(document.activeElement?.id).toBe('q-q5-opvang-down')
    await wrapper.find('#q-q5-sport-down').trigger('click')
    expect(value()).toEqual(['opvang', 'bus', 'sport'])
  })

  it('reorders with the arrow keys, Home and End on the handle, announcing every move', async () => {
    const { wrapper, value } = mountRanking(['sport', 'bus', 'opvang'])
    const handle = () => wrapper.find('#q-q5-bus-handle')
    expect(handle().attributes('aria-label')).toBe('Busvervoer, plaats 2 van 3. Verplaats met pijltje omhoog of omlaag, of sleep.')
    await handle().trigger('keydown', { key: 'ArrowUp' })
    expect(value()).toEqual(['bus', 'sport', 'opvang'])
    expect(announcement(wrapper).text()).toBe('Busvervoer staat nu op plaats 1 van 3')
    await flushPromises()
    expect(document.activeElement?.id).toBe('q-q5-bus-handle')
    await handle().trigger('keydown', { key: 'End' })
    expect(value()).toEqual(['sport', 'opvang', 'bus'])
    expect(announcement(wrapper).text()).toBe('Busvervoer staat nu op plaats 3 van 3')
    await handle().trigger('keydown', { key: 'ArrowDown' })
    expect(value()).toEqual(['sport', 'opvang', 'bus'])
    await handle().trigger('keydown', { key: 'Home' })
    expect(value()).toEqual(['bus', 'sport', 'opvang'])
  })

  it('stops at max: the other options cannot be added, and the resident hears and reads why', async () => {
    const { wrapper, value } = mountRanking(['sport', 'bus'])
    await wrapper.find('#q-q5-park-add').trigger('click')
    expect(value()).toEqual(['sport', 'bus', 'park'])
    expect(announcement(wrapper).text()).toBe('Parken staat nu op plaats 3 van 3. Je hebt er 3 gekozen. Meer kan niet. Haal er eerst een weg als je wilt wisselen.')
    for (const id of ['opvang', 'hulp']) expect(wrapper.find(`#q-q5-${id}-add`).attributes('disabled')).toBeDefined()
    await wrapper.find('#q-q5-opvang-add').trigger('click')
    expect(value()).toEqual(['sport', 'bus', 'park'])
    expect(wrapper.text()).toContain('Je hebt er 3 gekozen.')
  })

  it('takes an option out of the order and offers it again', async () => {
    const { wrapper, value } = mountRanking(['sport', 'bus', 'park'])
    await wrapper.find('#q-q5-bus-remove').trigger('click')
    expect(value()).toEqual(['sport', 'park'])
    expect(announcement(wrapper).text()).toBe('Busvervoer staat niet meer in je volgorde')
    await flushPromises()
    expect(document.activeElement?.id).toBe('q-q5-bus-add')
    expect(wrapper.find('#q-q5-opvang-add').attributes('disabled')).toBeUndefined()
  })

  it('ranks every option when the question sets no max', async () => {
    const { max: _max, ...question } = rankingQuestion
    const { wrapper, value } = mountRanking([], question)
    for (const option of question.options) await wrapper.find(`#q-q5-${option.id}-add`).trigger('click')
    expect(value()).toEqual(question.options.map((o) => o.id))
    expect(wrapper.find('legend').text()).toContain(question.label)
    expect(wrapper.find('#q-q5-hint').text()).toContain('hoogstens 5')
  })

  it('follows a pointer drag on the handle and announces where the option was dropped', async () => {
    const { wrapper, value } = mountRanking(['sport', 'bus', 'opvang'])
    // happy-dom lays nothing out: give the rows the boxes a phone would (48 px each).
    wrapper.findAll('.mp-ranking__list li').forEach((li, index) => {
      li.element.getBoundingClientRect = () => ({ top: index * 48, bottom: index * 48 + 48, left: 0, right: 300, width: 300, height: 48, x: 0, y: index * 48, toJSON: () => ({}) })
    })
    const pointer = (type: string, clientY: number) => Object.assign(new Event(type), { pointerId: 7, button: 0, clientY })
    await wrapper.find('#q-q5-opvang-handle').trigger('pointerdown', { pointerId: 7, button: 0, clientY: 120 })
    // Moves and the release are followed on the window: the moved row takes its handle along in the DOM.
    window.dispatchEvent(pointer('pointermove', 10))
    await flushPromises()
    expect(value()).toEqual(['opvang', 'sport', 'bus'])
    expect(announcement(wrapper).text()).toBe('')
    window.dispatchEvent(pointer('pointerup', 10))
    await flushPromises()
    expect(announcement(wrapper).text()).toBe('Kinderopvang staat nu op plaats 1 van 3')
  })
})
