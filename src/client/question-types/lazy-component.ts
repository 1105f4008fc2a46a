import { defineComponent, h, shallowRef, type Component } from 'vue'

/**
 * A view in a file of its own, off the first screen of a poll (a ranking or a feedback timeline
 * weighs more than a whole single-choice poll), with a way to fetch it before it first renders:
 * the way to an item preloads what the item shows (`preloadItemViews`), so it paints with the page.
 */
export interface LazyComponent {
  /** Renders the view once its code is here (at once when preloaded), nothing before. */
  component: Component
  /** Fetches the view's code; never fails (a later render tries again). */
  preload(): Promise<void>
}

export function lazyComponent(load: () => Promise<{ default: Component }>): LazyComponent {
  // Vue's defineAsyncComponent renders a tick late even when its code is already here; this
  // wrapper renders the view in the same render once it is loaded.
  const loaded = shallowRef<Component>()
  let pending: Promise<void> | undefined
  const preload = (): Promise<void> =>
    (pending ??= load().then(
      (module) => {
        loaded.value = module.default
      },
      () => {
        pending = undefined
      },
    ))
  const component = defineComponent({
    name: 'LazyView',
    inheritAttrs: false,
    setup(_, { attrs, slots }) {
      if (!loaded.value) void preload()
      return () => (loaded.value ? h(loaded.value, attrs, slots) : null)
    },
  })
  return { component, preload }
}

/** Preloads several views at once. */
export function preloadAll(views: readonly LazyComponent[]): Promise<void> {
  return Promise.all(views.map((view) => view.preload())).then(() => undefined)
}
