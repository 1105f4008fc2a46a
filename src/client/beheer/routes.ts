import type { RouteLocationNormalized, RouteRecordRaw } from 'vue-router'
import { i18n } from '../i18n'
import { loadBeheerLocale } from './beheer-messages'

declare module 'vue-router' {
  interface RouteMeta {
    /** Only admins of the municipality may open this back-office page. */
    adminOnly?: boolean
    /** Members of the participation council may open this page too (they read and advise; the rest is officials'). */
    councilAllowed?: boolean
  }
}

/** Where the back office lives on the site; its router's paths are relative to it. */
export const BEHEER_BASE = '/beheer'

export const LOGIN_ROUTE = 'beheer-login'
export const SECOND_FACTOR_ROUTE = 'beheer-second-factor'

/**
 * The full site path of a back-office location, as `?terug=` carries it: the login page only
 * accepts paths inside /beheer, and a shared link must work from outside the app too.
 */
export function sitePath(appPath: string): string {
  return appPath === '/' ? BEHEER_BASE : `${BEHEER_BASE}${appPath}`
}

/** Route guard: the back office's texts are there before any of its pages renders. */
async function withMessages(): Promise<true> {
  // Boot loads them already; this covers a router started without boot (tests) and a failed load.
  await loadBeheerLocale(i18n.locale.value)
  return true
}

/** Back-office pages need a signed-in official; admin pages need an admin. */
async function requireOfficial(to: RouteLocationNormalized) {
  await withMessages()
  const { useOfficialSessionStore } = await import('./stores/official-session')
  const session = useOfficialSessionStore()
  let me
  try {
    me = await session.load()
  } catch {
    // The server could not be reached: the login page explains and offers to try again.
    me = null
  }
  if (!me) return { name: LOGIN_ROUTE, query: { terug: sitePath(to.fullPath) } }
  // The server refuses everything else until the second factor is done; the page for it comes first.
  if (me.pending) return { name: SECOND_FACTOR_ROUTE, query: { terug: sitePath(to.fullPath) } }
  if (to.meta.adminOnly && me.role !== 'admin') return { name: 'beheer-start' }
  if (me.role === 'council' && !to.meta.councilAllowed) return { name: 'beheer-start' }
  return true
}

/**
 * The back office's pages, relative to /beheer. Every page is lazy-loaded. `beforeEnter` sits
 * on each child: vue-router does not re-run a parent's guard when moving between its children,
 * and the admin check must run every time.
 */
export const beheerRoutes: RouteRecordRaw[] = [
  {
    path: '/inloggen',
    name: LOGIN_ROUTE,
    component: () => import('./pages/LoginPage.vue'),
    beforeEnter: withMessages,
    meta: { titleKey: 'beheer.login.title' },
  },
  { path: '/uitnodiging', name: 'beheer-invitation', component: () => import('./pages/InvitationPage.vue'), beforeEnter: withMessages, meta: { titleKey: 'beheer.accounts.invitationTitle' } },
  { path: '/wachtwoord-vergeten', name: 'beheer-reset-request', component: () => import('./pages/ResetRequestPage.vue'), beforeEnter: withMessages, meta: { titleKey: 'beheer.accounts.resetRequestTitle' } },
  { path: '/nieuw-wachtwoord', name: 'beheer-reset', component: () => import('./pages/ResetPasswordPage.vue'), beforeEnter: withMessages, meta: { titleKey: 'beheer.accounts.resetTitle' } },
  {
    // The code from the app, or setting up the second factor (also for a signed-in official who chooses to).
    path: '/inloggen/tweede-stap',
    name: SECOND_FACTOR_ROUTE,
    component: () => import('./pages/SecondFactorPage.vue'),
    beforeEnter: withMessages,
    meta: { titleKey: 'beheer.totp.title' },
  },
  {
    // The identity provider sends the browser back here (the redirect URI registered there).
    path: '/inloggen/terug',
    name: 'beheer-sso-return',
    component: () => import('./pages/SsoReturnPage.vue'),
    beforeEnter: withMessages,
    meta: { titleKey: 'beheer.sso.returnTitle' },
  },
  // Posters are pages of their own, without the back office's bar: what is on screen is what prints.
  { path: '/items/:id/poster', name: 'beheer-item-poster', component: () => import('./pages/PosterPage.vue'), props: true, beforeEnter: requireOfficial, meta: { titleKey: 'beheer.share.posterTitle' } },
  { path: '/delen/poster', name: 'beheer-municipality-poster', component: () => import('./pages/PosterPage.vue'), beforeEnter: requireOfficial, meta: { titleKey: 'beheer.share.posterTitle' } },
  {
    path: '/',
    component: () => import('./components/BeheerLayout.vue'),
    children: [
      { path: '', name: 'beheer-start', component: () => import('./pages/StartPage.vue'), beforeEnter: requireOfficial, meta: { titleKey: 'beheer.start.title', councilAllowed: true } },
      { path: 'items/nieuw', name: 'beheer-item-new', component: () => import('./pages/ItemEditPage.vue'), beforeEnter: requireOfficial, meta: { titleKey: 'beheer.edit.newTitle' } },
      { path: 'items/:id', name: 'beheer-item-edit', component: () => import('./pages/ItemEditPage.vue'), props: true, beforeEnter: requireOfficial, meta: { titleKey: 'beheer.edit.title', councilAllowed: true } },
      { path: 'items/:id/inbreng', name: 'beheer-item-input', component: () => import('./pages/ItemInputPage.vue'), props: true, beforeEnter: requireOfficial, meta: { titleKey: 'beheer.input.title', councilAllowed: true } },
      { path: 'items/:id/terugkoppeling', name: 'beheer-item-feedback', component: () => import('./pages/FeedbackPage.vue'), props: true, beforeEnter: requireOfficial, meta: { titleKey: 'beheer.feedback.title' } },
      { path: 'items/:id/tafel', name: 'beheer-item-table', component: () => import('./pages/TablePage.vue'), props: true, beforeEnter: requireOfficial, meta: { titleKey: 'beheer.tablePage.title' } },
      { path: 'signalen', name: 'beheer-signals', component: () => import('./pages/SignalsPage.vue'), beforeEnter: requireOfficial, meta: { titleKey: 'beheer.signals.title', councilAllowed: true } },
      { path: 'signalen/:id', name: 'beheer-signal', component: () => import('./pages/SignalPage.vue'), props: true, beforeEnter: requireOfficial, meta: { titleKey: 'beheer.signals.detailTitle', councilAllowed: true } },
      { path: 'participatieagenda', name: 'beheer-agenda', component: () => import('./pages/AgendaPage.vue'), beforeEnter: requireOfficial, meta: { titleKey: 'beheer.agenda.title', councilAllowed: true } },
      { path: 'partners', name: 'beheer-partners', component: () => import('./pages/PartnersPage.vue'), beforeEnter: requireOfficial, meta: { titleKey: 'beheer.partners.title' } },
      { path: 'jaarverslag', name: 'beheer-report', component: () => import('./pages/ReportPage.vue'), beforeEnter: requireOfficial, meta: { titleKey: 'beheer.report.title', councilAllowed: true } },
      { path: 'delen', name: 'beheer-share', component: () => import('./pages/SharePage.vue'), beforeEnter: requireOfficial, meta: { titleKey: 'beheer.share.pageTitle' } },
      { path: 'netwerk', name: 'beheer-interests', component: () => import('./pages/InterestsPage.vue'), beforeEnter: requireOfficial, meta: { titleKey: 'beheer.interests.title' } },
      { path: 'netwerk/contacten', name: 'beheer-network', component: () => import('./pages/NetworkPage.vue'), beforeEnter: requireOfficial, meta: { titleKey: 'beheer.network.title', adminOnly: true } },
      { path: 'medewerkers', name: 'beheer-officials', component: () => import('./pages/OfficialsPage.vue'), beforeEnter: requireOfficial, meta: { titleKey: 'beheer.officials.title', adminOnly: true } },
      { path: 'gemeente', name: 'beheer-municipality', component: () => import('./pages/MunicipalityPage.vue'), beforeEnter: requireOfficial, meta: { titleKey: 'beheer.municipality.title', adminOnly: true } },
      { path: 'wachtwoord', name: 'beheer-password', component: () => import('./pages/ChangePasswordPage.vue'), beforeEnter: requireOfficial, meta: { titleKey: 'beheer.accounts.changeTitle', councilAllowed: true } },
      { path: 'inloggen-instellingen', name: 'beheer-sign-in-settings', component: () => import('./pages/SignInSettingsPage.vue'), beforeEnter: requireOfficial, meta: { titleKey: 'beheer.sso.settingsTitle', adminOnly: true } },
      { path: 'advies', name: 'beheer-advice', component: () => import('./pages/AdvicePage.vue'), beforeEnter: requireOfficial, meta: { titleKey: 'beheer.council.advice.title', councilAllowed: true } },
      { path: 'overleg', name: 'beheer-meetings', component: () => import('./pages/MeetingsPage.vue'), beforeEnter: requireOfficial, meta: { titleKey: 'beheer.council.meetings.title', councilAllowed: true } },
      { path: 'logboek', name: 'beheer-audit', component: () => import('./pages/AuditPage.vue'), beforeEnter: requireOfficial, meta: { titleKey: 'beheer.audit.title', adminOnly: true } },
    ],
  },
  // Full site paths (/beheer/...), as `?terug=` and the login page hand them to the router, mean
  // the same page: the router adds the base itself, so the base comes off here.
  {
    path: `${BEHEER_BASE}/:rest(.*)*`,
    redirect: (to) => ({ path: `/${([] as string[]).concat(to.params.rest ?? []).join('/')}`, query: to.query, hash: to.hash }),
  },
  { path: '/:pathMatch(.*)*', name: 'beheer-not-found', component: () => import('./pages/BeheerNotFoundPage.vue'), beforeEnter: withMessages, meta: { titleKey: 'notFound.title' } },
]
