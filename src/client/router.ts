import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { useDb } from './db/app-db'
import { getMunicipality } from './db/meta-repo'
import { followPageChanges } from './page-title'
import { prefetchItemPage } from './pages/item-page-data'
import { itemLinkTarget, municipalityLinkTarget } from './short-links'

// Pages that set their own title (an item) import it from here too.
export { setPageTitle } from './page-title'

/** Home needs a municipality; without one, the resident chooses first. */
async function requireMunicipality(): Promise<true | { name: string }> {
  try {
    return (await getMunicipality(useDb())) ? true : { name: 'choose' }
  } catch {
    // IndexedDB blocked (some private modes): let the home page show what it can.
    return true
  }
}

// Explicit table, every page lazy-loaded: the first route only carries what it shows. The back
// office is not here: /beheer is its own app (beheer/main-beheer.ts), loaded from its own page.
export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: () => import('./pages/HomePage.vue'), beforeEnter: requireMunicipality, meta: { titleKey: 'home.title' } },
  { path: '/kies-gemeente', name: 'choose', component: () => import('./pages/ChooseMunicipalityPage.vue'), meta: { titleKey: 'choose.title' } },
  { path: '/items/:id', name: 'item', component: () => import('./pages/ItemPage.vue'), props: true, beforeEnter: (to) => prefetchItemPage(useDb(), String(to.params.id)) },
  { path: '/mijn-inbreng', name: 'my-input', component: () => import('./pages/MyInputPage.vue'), meta: { titleKey: 'myInput.title' } },
  { path: '/profiel', name: 'profile', component: () => import('./pages/ProfilePage.vue'), meta: { titleKey: 'profile.title' } },
  { path: '/mijn-gegevens', name: 'my-data', component: () => import('./pages/MyDataPage.vue'), meta: { titleKey: 'myData.title' } },
  { path: '/wat-komt-eraan', name: 'agenda', component: () => import('./pages/AgendaPage.vue'), meta: { titleKey: 'agenda.title' } },
  { path: '/jij-zei-wij-deden', name: 'you-said-we-did', component: () => import('./pages/YouSaidWeDidPage.vue'), meta: { titleKey: 'ysw.title' } },
  { path: '/advies', name: 'advice', component: () => import('./pages/CouncilAdvicePage.vue'), meta: { titleKey: 'council.advice.title' } },
  { path: '/overleg', name: 'meetings', component: () => import('./pages/CouncilMeetingsPage.vue'), meta: { titleKey: 'council.meetings.title' } },
  { path: '/benader-mij', name: 'contact-me', component: () => import('./pages/ContactMePage.vue'), meta: { titleKey: 'contactMe.title' } },
  { path: '/ouder-bevestigen', name: 'guardian-confirm', component: () => import('./pages/GuardianConfirmPage.vue'), meta: { titleKey: 'guardian.title' } },
  // The footer's pages: lazy, so residents who never open them never load them.
  { path: '/privacy', name: 'privacy', component: () => import('./pages/legal/PrivacyPage.vue'), meta: { titleKey: 'legal.privacy.title' } },
  { path: '/toegankelijkheid', name: 'accessibility', component: () => import('./pages/legal/AccessibilityPage.vue'), meta: { titleKey: 'legal.accessibility.title' } },
  { path: '/contact', name: 'contact', component: () => import('./pages/legal/ContactPage.vue'), meta: { titleKey: 'legal.contact.title' } },
  { path: '/hoe-werkt-meedoen', name: 'how-it-works', component: () => import('./pages/legal/HowItWorksPage.vue'), meta: { titleKey: 'legal.how.title' } },
  { path: '/meepraten', name: 'take-part', component: () => import('./pages/TakePartPage.vue'), meta: { titleKey: 'signals.hub.title' } },
  { path: '/onderwerp-aandragen', name: 'signal-new', component: () => import('./pages/SignalNewPage.vue'), meta: { titleKey: 'signals.form.title' } },
  { path: '/signalen', name: 'signals', component: () => import('./pages/SignalsPage.vue'), meta: { titleKey: 'signals.list.title' } },
  { path: '/contact-bevestigen', name: 'contact-confirm', component: () => import('./pages/ContactConfirmPage.vue'), meta: { titleKey: 'contactConfirmation.title' } },
  { path: '/melding-bevestigen', name: 'email-alert-confirm', component: () => import('./pages/EmailAlertLinkPage.vue'), meta: { titleKey: 'emailAlerts.confirmTitle' } },
  { path: '/melding-afmelden', name: 'email-alert-unsubscribe', component: () => import('./pages/EmailAlertLinkPage.vue'), meta: { titleKey: 'emailAlerts.unsubscribeTitle' } },
  { path: '/benader-mij-afmelden', name: 'network-opt-out', component: () => import('./pages/NetworkOptOutPage.vue'), meta: { titleKey: 'network.optOutTitle' } },
  // Short links (posters, QR codes, shared links): they forward, or show the not-found page.
  { path: '/g/:slug', name: 'municipality-link', component: () => import('./pages/NotFoundPage.vue'), beforeEnter: municipalityLinkTarget, meta: { titleKey: 'notFound.title' } },
  { path: '/i/:id', name: 'item-link', component: () => import('./pages/NotFoundPage.vue'), beforeEnter: itemLinkTarget, meta: { titleKey: 'notFound.title' } },
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('./pages/NotFoundPage.vue'), meta: { titleKey: 'notFound.title' } },
]

export function createAppRouter() {
  const router = createRouter({
    history: createWebHistory(),
    routes,
    scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
  })
  followPageChanges(router)
  return router
}
