import { defineStore } from 'pinia'
import { computed, markRaw, shallowRef } from 'vue'
import type { Me } from '../../../shared/schemas/official'
import type { SsoCallback } from '../../../shared/schemas/sign-in-settings'
import { BeheerApiError, createBeheerApi, type BeheerApi } from '../beheer-api'

/**
 * The signed-in official. Held in memory only: never in IndexedDB or localStorage, so nothing
 * of the back office outlives the tab on a shared municipal computer. The session itself is an
 * HttpOnly cookie; after a reload `load()` asks the server who is signed in.
 */
export const useOfficialSessionStore = defineStore('official-session', () => {
  const me = shallowRef<Me | null>(null)
  /** Whether we asked the server at least once (so the guard does not ask on every page). */
  const checked = shallowRef(false)
  const csrf = computed(() => me.value?.csrfToken)
  const isAdmin = computed(() => me.value?.role === 'admin')
  /** A member of the participation council: reads and advises, never changes items. */
  const isCouncil = computed(() => me.value?.role === 'council')
  /** When the server last answered: each answer renewed the session, so its idle end counts from here. */
  const answeredAt = shallowRef(Date.now())

  function clear(): void {
    me.value = null
    checked.value = true
  }

  // markRaw: the client is a bag of functions, not state to make reactive.
  const api: BeheerApi = markRaw(createBeheerApi({ csrf: () => csrf.value, onUnauthorized: clear, onAnswer: () => (answeredAt.value = Date.now()) }))

  async function signIn(email: string, password: string): Promise<Me> {
    const signedIn = await api.login(email, password)
    me.value = signedIn
    checked.value = true
    return signedIn
  }

  /** Finishes a sign-in through the municipality's identity provider with what it sent back. */
  async function finishSso(answer: SsoCallback): Promise<Me> {
    const signedIn = await api.ssoCallback(answer)
    me.value = signedIn
    checked.value = true
    return signedIn
  }

  /** The session after a step of the sign-in (the code, or the enrolment) completed it. */
  function signedIn(next: Me): void {
    me.value = next
    checked.value = true
  }

  async function signOut(): Promise<void> {
    try {
      await api.logout()
    } catch {
      // Even when the server cannot be reached, this tab forgets the official.
    } finally {
      clear()
    }
  }

  /** Asks the server once who is signed in; a 401 simply means nobody. */
  async function load(force = false): Promise<Me | null> {
    if (checked.value && !force) return me.value
    try {
      me.value = await api.me()
    } catch (error) {
      if (!(error instanceof BeheerApiError && error.code === 'unauthorized')) throw error
      me.value = null
    }
    checked.value = true
    return me.value
  }

  return { me, checked, csrf, isAdmin, isCouncil, answeredAt, api, signIn, finishSso, signedIn, signOut, load, clear }
})
