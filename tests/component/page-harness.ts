import 'fake-indexeddb/auto'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import type { Component } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import { setDb } from '../../src/client/db/app-db'
import { createDb, type MeepraatDb } from '../../src/client/db/db'
import { beheerRoutes } from '../../src/client/beheer/routes'
import { routes } from '../../src/client/router'

/** A fresh, uniquely named Dexie database per test, installed as the app's database. */
export function freshDb(): MeepraatDb {
  const db = createDb(`test-${crypto.randomUUID()}`)
  setDb(db)
  return db
}

/**
 * Mounts a page with a real router (memory history) and Pinia, at `path`. The sync store is not
 * started, so nothing touches the network.
 */
export async function mountPage(page: Component, path: string, props: Record<string, unknown> = {}, options: { beforeMount?: () => void } = {}) {
  const pinia = createPinia()
  setActivePinia(pinia)
  // Store state the page finds when it opens (a sync that failed before, say).
  options.beforeMount?.()
  // The back office is its own app with its own routes (relative to /beheer, which they accept too).
  const router = createRouter({ history: createMemoryHistory(), routes: path.startsWith('/beheer') ? beheerRoutes : routes })
  await router.push(path)
  await router.isReady()
  const wrapper = mount(page, { props, global: { plugins: [pinia, router] }, attachTo: document.body })
  await settle()
  return { wrapper, router }
}

/** Lets Dexie's live queries answer: they resolve over a few macrotasks in fake-indexeddb. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await flushPromises()
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}
