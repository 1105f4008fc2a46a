import { createRouter, createWebHistory, type RouterHistory } from 'vue-router'
import { followPageChanges } from '../page-title'
import { BEHEER_BASE, beheerRoutes } from './routes'

/** The back office's own router, on its own base: its paths are /beheer/... on the site. */
export function createBeheerRouter(history: RouterHistory = createWebHistory(BEHEER_BASE)) {
  const router = createRouter({
    history,
    routes: beheerRoutes,
    scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
  })
  followPageChanges(router)
  return router
}
