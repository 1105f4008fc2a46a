import type { RouteLocationNormalized, RouteRecordRaw } from 'vue-router'

declare module 'vue-router' {
  interface RouteMeta {
    /** Only admins of the municipality may open this back-office page. */
    adminOnly?: boolean
  }
}

export const LOGIN_ROUTE = 'beheer-login'

/** Route guard: the back office's texts are there before any of its pages renders. */
async function withMessages(): Promise<true> {
  const { loadBeheerMessages } = await import('./beheer-messages')
  await loadBeheerMessages()
  return true
}

/** Back-office pages need a signed-in official; admin pages need an admin. */
async function requireOfficial(to: RouteLocationNormalized) {
  await withMessages()
  // Imported here, not at the top: the resident's first page must not carry the back office.
  const { useOfficialSessionStore } = await import('./stores/official-session')
  const session = useOfficialSessionStore()
  let me
  try {
    me = await session.load()
  } catch {
    // The server could not be reached: the login page explains and offers to try again.
    me = null
  }
  if (!me) return { name: LOGIN_ROUTE, query: { terug: to.fullPath } }
  if (to.meta.adminOnly && me.role !== 'admin') return { name: 'beheer-start' }
  return true
}

/**
 * The back office under /beheer. Every page is lazy-loaded, so none of it weighs on the
 * resident's first page. `beforeEnter` sits on each child: vue-router does not re-run a
 * parent's guard when moving between its children, and the admin check must run every time.
 */
export const beheerRoutes: RouteRecordRaw[] = [
  {
    path: '/beheer/inloggen',
    name: LOGIN_ROUTE,
    component: () => import('./pages/LoginPage.vue'),
    beforeEnter: withMessages,
    meta: { titleKey: 'beheer.login.title' },
  },
  {
    path: '/beheer',
    component: () => import('./components/BeheerLayout.vue'),
    children: [
      { path: '', name: 'beheer-start', component: () => import('./pages/StartPage.vue'), beforeEnter: requireOfficial, meta: { titleKey: 'beheer.start.title' } },
      { path: 'items/nieuw', name: 'beheer-item-new', component: () => import('./pages/ItemEditPage.vue'), beforeEnter: requireOfficial, meta: { titleKey: 'beheer.edit.newTitle' } },
      { path: 'items/:id', name: 'beheer-item-edit', component: () => import('./pages/ItemEditPage.vue'), props: true, beforeEnter: requireOfficial, meta: { titleKey: 'beheer.edit.title' } },
      { path: 'items/:id/inbreng', name: 'beheer-item-input', component: () => import('./pages/ItemInputPage.vue'), props: true, beforeEnter: requireOfficial, meta: { titleKey: 'beheer.input.title' } },
      { path: 'items/:id/terugkoppeling', name: 'beheer-item-feedback', component: () => import('./pages/FeedbackPage.vue'), props: true, beforeEnter: requireOfficial, meta: { titleKey: 'beheer.feedback.title' } },
      { path: 'items/:id/tafel', name: 'beheer-item-table', component: () => import('./pages/TablePage.vue'), props: true, beforeEnter: requireOfficial, meta: { titleKey: 'beheer.tablePage.title' } },
      { path: 'netwerk', name: 'beheer-interests', component: () => import('./pages/InterestsPage.vue'), beforeEnter: requireOfficial, meta: { titleKey: 'beheer.interests.title' } },
      { path: 'medewerkers', name: 'beheer-officials', component: () => import('./pages/OfficialsPage.vue'), beforeEnter: requireOfficial, meta: { titleKey: 'beheer.officials.title', adminOnly: true } },
      { path: 'logboek', name: 'beheer-audit', component: () => import('./pages/AuditPage.vue'), beforeEnter: requireOfficial, meta: { titleKey: 'beheer.audit.title', adminOnly: true } },
    ],
  },
]
