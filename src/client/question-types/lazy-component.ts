import { defineComponent, h, ref, shallowRef, type Component } from 'vue'
import { useI18n, withAllTexts } from '../i18n'

/**
 * A view in a file of its own, off the first screen of a poll (a ranking or a feedback timeline
 * weighs more than a whole single-choice poll), with a way to fetch it before it first renders:
 * the way to an item preloads what the item shows (`preloadItemViews`), so it paints with the page.
 */
export interface LazyComponent {
  /**
   * Renders the view once its code is here (at once when preloaded), nothing before; when its
   * code did not come (a dropped line on a first visit), says so with a button that tries again.
   */
  component: Component
  /** Fetches the view's code; never fails (it can be tried again). */
  preload(): Promise<boolean>
}

export function lazyComponent(loadCode: () => Promise<{ default: Component }>): LazyComponent {
  const load = withAllTexts(loadCode)
  // Vue's defineAsyncComponent renders a tick late even when its code is already here; this
  // wrapper renders the view in the same render once it is loaded.
  const loaded = shallowRef<Component>()
  let pending: Promise<boolean> | undefined
  const preload = (): Promise<boolean> =>
    (pending ??= load().then(
      (module) => {
        loaded.value = module.default
        return true
      },
      () => {
        pending = undefined
        return false
      },
    ))
  const component = defineComponent({
    name: 'LazyView',
    inheritAttrs: false,
    setup(_, { attrs, slots }) {
      const { t } = useI18n()
      const failed = ref(false)
      const tryLoad = () => preload().then((ok) => (failed.value = !ok))
      if (!loaded.value) void tryLoad()
      // A browser may keep a failed module fetch for the rest of the page: the second try reloads it.
      let retried = false
      const tryAgain = (): void => {
        if (retried) return window.location.reload()
        retried = true
        void tryLoad()
      }
      return () => {
        if (loaded.value) return h(loaded.value, attrs, slots)
        if (!failed.value) return null
        return h('p', { class: 'utrecht-paragraph', role: 'alert' }, [
          `${t('lazy.failed')} `,
          h('button', { type: 'button', class: 'utrecht-button utrecht-button--secondary-action', onClick: tryAgain }, t('lazy.retry')),
        ])
      }
    },
  })
  return { component, preload }
}

/** Preloads several views at once. */
export function preloadAll(views: readonly LazyComponent[]): Promise<void> {
  return Promise.all(views.map((view) => view.preload())).then(() => undefined)
}
