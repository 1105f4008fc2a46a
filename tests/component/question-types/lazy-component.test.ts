import { flushPromises, mount } from '@vue/test-utils'
import { beforeAll, describe, expect, it } from 'vitest'
import { defineComponent, h, nextTick } from 'vue'
import { loadLocale } from '../../../src/client/i18n'
import { lazyComponent } from '../../../src/client/question-types/lazy-component'

/** A view that shows its prop and reports a click, as an answer input does. */
const View = defineComponent({
  props: { label: { type: String, required: true } },
  emits: ['picked'],
  setup(props, { emit }) {
    return () => h('button', { type: 'button', onClick: () => emit('picked', props.label) }, props.label)
  },
})

/** A loader the test resolves or rejects by hand. */
function heldLoader() {
  const calls: { resolve: () => void; reject: () => void }[] = []
  const load = () =>
    new Promise<{ default: typeof View }>((resolve, reject) => {
      calls.push({ resolve: () => resolve({ default: View }), reject: () => reject(new Error('offline')) })
    })
  return { load, calls }
}

// A view loads with every text (withAllTexts): here they are loaded once beforehand, as after a first page.
beforeAll(() => loadLocale('nl'))

const settle = async () => {
  await flushPromises()
  await nextTick()
}

describe('lazyComponent', () => {
  it('renders nothing until the view\'s code is here, then the view with its props and listeners', async () => {
    const { load, calls } = heldLoader()
    const lazy = lazyComponent(load)
    const picked: string[] = []
    const wrapper = mount(lazy.component, { props: { label: 'Eens', onPicked: (label: string) => picked.push(label) } })
    expect(wrapper.html()).toBe('')
    expect(calls).toHaveLength(1)
    calls[0]!.resolve()
    await settle()
    expect(wrapper.get('button').text()).toBe('Eens')
    await wrapper.get('button').trigger('click')
    expect(picked).toEqual(['Eens'])
  })

  it('renders the view in its first render once preloaded, and loads its code once', async () => {
    const { load, calls } = heldLoader()
    const lazy = lazyComponent(load)
    const preloaded = lazy.preload()
    void lazy.preload()
    expect(calls).toHaveLength(1)
    calls[0]!.resolve()
    await preloaded
    const wrapper = mount(lazy.component, { props: { label: 'Oneens' } })
    expect(wrapper.get('button').text()).toBe('Oneens')
    expect(calls).toHaveLength(1)
  })

  it('never fails a preload, and a failed one is tried again when the view renders', async () => {
    const { load, calls } = heldLoader()
    const lazy = lazyComponent(load)
    const preloaded = lazy.preload()
    calls[0]!.reject()
    await expect(preloaded).resolves.toBe(false)
    const wrapper = mount(lazy.component, { props: { label: 'Weet niet' } })
    expect(calls).toHaveLength(2)
    calls[1]!.resolve()
    await settle()
    expect(wrapper.get('button').text()).toBe('Weet niet')
  })

  it('says so when the view\'s code did not come, with a button that tries again and then shows the view', async () => {
    const { load, calls } = heldLoader()
    const lazy = lazyComponent(load)
    const wrapper = mount(lazy.component, { props: { label: 'Eens' } })
    calls[0]!.reject()
    await settle()
    expect(wrapper.get('[role="alert"]').text()).toContain('Dit deel van de pagina kon niet laden.')
    await wrapper.get('[role="alert"] button').trigger('click')
    expect(calls).toHaveLength(2)
    calls[1]!.resolve()
    await settle()
    expect(wrapper.find('[role="alert"]').exists()).toBe(false)
    expect(wrapper.get('button').text()).toBe('Eens')
  })
})
