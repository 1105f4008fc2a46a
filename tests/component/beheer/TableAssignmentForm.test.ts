import { mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import TableAssignmentForm from '../../../src/client/beheer/components/TableAssignmentForm.vue'
import { TableAssignmentSchema, type TableAssignment } from '../../../src/shared/schemas/table'
import { resetLocale } from '../fixtures'

function mountForm(initial?: TableAssignment): VueWrapper {
  return mount(TableAssignmentForm, { props: { busy: false, initial }, attachTo: document.body })
}

async function fill(wrapper: VueWrapper, id: string, value: string): Promise<void> {
  await wrapper.find(`#${CSS.escape(id)}`).setValue(value)
}

async function fillRequired(wrapper: VueWrapper, seats: string, client: string, youth: string): Promise<void> {
  await fill(wrapper, 'table-question', 'Wat maakt het moeilijk om hulp te vinden als je die nodig hebt?')
  await fill(wrapper, 'table-hours', '12')
  await fill(wrapper, 'table-seats', seats)
  await fill(wrapper, 'table-reserved-client', client)
  await fill(wrapper, 'table-reserved-youth', youth)
}

describe('TableAssignmentForm', () => {
  beforeEach(resetLocale)
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('refuses more guaranteed seats than seats, and says so while typing', async () => {
    const wrapper = mountForm()
    await fillRequired(wrapper, '4', '3', '2')
    expect(wrapper.find('[data-testid="seat-check"]').text()).toContain('Te veel: 5 gegarandeerde plekken, maar de tafel heeft maar 4 plekken.')
    await wrapper.find('form').trigger('submit')
    expect(wrapper.emitted('submit')).toBeUndefined()
    expect(wrapper.find('.mp-summary').text()).toContain('Er zijn meer gegarandeerde plekken dan plekken aan tafel.')
    expect(wrapper.find('#table-reserved-client').attributes('aria-invalid')).toBe('true')
  })

  it('emits an assignment the shared schema accepts, with meetings, an allowance and targets', async () => {
    const wrapper = mountForm()
    await fillRequired(wrapper, '8', '3', '2')
    expect(wrapper.find('[data-testid="seat-check"]').text()).toBe('5 van de 8 plekken zijn gegarandeerd. 3 plekken zijn voor iedereen.')
    await wrapper.find('#table-meetings-add').trigger('click')
    const meetingStart = wrapper.find('input[id^="table-meeting-"][id$="-starts"]')
    await meetingStart.setValue('2099-03-01T19:30')
    await wrapper.find('input[id^="table-meeting-"][id$="-place"]').setValue('Wijkcentrum De Brug')
    await wrapper.find('input[name="table-allowance"][value="amount"]').setValue(true)
    await fill(wrapper, 'table-euros', '25,50')
    await fill(wrapper, 'table-target-age-2', '2')
    await wrapper.find('input[name="table-method"][value="first_come"]').setValue(true)
    await wrapper.find('form').trigger('submit')
    const emitted = wrapper.emitted('submit')
    expect(emitted).toHaveLength(1)
    const assignment = emitted![0]![0] as TableAssignment
    expect(TableAssignmentSchema.parse(assignment)).toEqual(assignment)
    expect(assignment).toMatchObject({
      seats: 8,
      reserved: { clientOrExpert: 3, youth: 2 },
      hoursExpected: 12,
      allowance: { kind: 'amount', euros: 25.5, per: 'meeting' },
      targets: { ageBand: { '18-23': 2 } },
      selectionMethod: 'first_come',
      meetings: [{ online: false, place: 'Wijkcentrum De Brug' }],
    })
    expect(assignment.meetings[0]?.startsAt).toBe(new Date('2099-03-01T19:30').toISOString())
  })

  it('round-trips a saved assignment unchanged', async () => {
    const saved: TableAssignment = TableAssignmentSchema.parse({
      question: 'Hoe maken we de wijk veiliger voor jongeren?',
      meetings: [{ startsAt: '2099-02-01T18:00:00.000Z', online: true }],
      startsAt: '2099-02-01T00:00:00.000Z',
      endsAt: '2099-03-01T00:00:00.000Z',
      adviceDueAt: '2099-03-15T00:00:00.000Z',
      allowance: { kind: 'none' },
      hoursExpected: 6,
      seats: 10,
      reserved: { clientOrExpert: 2, youth: 3 },
      targets: { area: { Wijkermeer: 2 } },
      signupOpensAt: '2099-01-01T00:00:00.000Z',
      signupClosesAt: '2099-01-20T00:00:00.000Z',
      selectionMethod: 'lot',
    })
    const wrapper = mountForm(saved)
    expect(wrapper.find('[data-testid="method-explanation"]').text()).toContain('iedereen die zich aanmeldt, krijgt een zo gelijk mogelijke kans')
    await wrapper.find('form').trigger('submit')
    expect(wrapper.emitted('submit')?.[0]?.[0]).toEqual(saved)
  })
})
