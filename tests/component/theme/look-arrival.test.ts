import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { saveItems } from '../../../src/client/db/items-repo'
import { setMunicipality } from '../../../src/client/db/meta-repo'
import HomePage from '../../../src/client/pages/HomePage.vue'
import { bringInLook, LOOK_WAIT_MS, lookArriving } from '../../../src/client/theme/look-arrival'
import { THEME_HINT_KEY, THEME_LINK_ID, type ThemeHint } from '../../../src/client/theme/theme-hint'
import { anItem } from '../fixtures'
import { freshDb, mountPage, settle } from '../page-harness'

const BEVERWIJK: ThemeHint = { themeClass: 'mp-theme-beverwijk', themeCssUrl: '/api/municipalities/beverwijk/theme.css?v=abc' }

/** A promise the test settles itself, standing for the profile request on its way. */
function pending<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (reason: unknown) => void } {
  let resolve!: (value: T) => void
  let reject!: (reason: unknown) => void
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)))
  return { promise, resolve, reject }
}


function themeLink(): HTMLLinkElement | null {
  return document.getElementById(THEME_LINK_ID) as HTMLLinkElement | null
}

/**
 * happy-dom loads no stylesheets: it reports each one failed at once. The test stands in for the
 * network instead: that report is held back on its way to the link, and the test sends its own.
 */
const FROM_TEST = Symbol('from the test')
function holdHappyDomStylesheetEvents(event: Event): void {
  if (!(FROM_TEST in event)) event.stopImmediatePropagation()
}
function stylesheet(outcome: 'load' | 'error'): void {
  themeLink()!.dispatchEvent(Object.assign(new Event(outcome), { [FROM_TEST]: true }))
}

describe('the chosen municipality\'s look on its way', () => {
  beforeEach(() => {
    document.addEventListener('load', holdHappyDomStylesheetEvents, true)
    document.addEventListener('error', holdHappyDomStylesheetEvents, true)
  })
  afterEach(() => {
    document.removeEventListener('load', holdHappyDomStylesheetEvents, true)
    document.removeEventListener('error', holdHappyDomStylesheetEvents, true)
    themeLink()?.remove()
    document.documentElement.className = ''
    localStorage.clear()
    document.body.innerHTML = ''
  })

  it('stays on its way until the theme stylesheet has loaded, then the theme is on the page and remembered', async () => {
    const profile = pending<ThemeHint | undefined>()
    const done = bringInLook(profile.promise)
    expect(lookArriving.value).toBe(true)
    profile.resolve(BEVERWIJK)
    await settle()
    expect(themeLink()?.getAttribute('href')).toBe(BEVERWIJK.themeCssUrl)
    expect(document.documentElement.classList.contains('mp-theme-beverwijk')).toBe(true)
    expect(lookArriving.value).toBe(true)
    stylesheet('load')
    await done
    expect(lookArriving.value).toBe(false)
    expect(JSON.parse(localStorage.getItem(THEME_HINT_KEY)!)).toEqual(BEVERWIJK)
  })

  it('lets home go on after LOOK_WAIT_MS when the stylesheet neither loads nor fails', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    try {
      const done = bringInLook(Promise.resolve(BEVERWIJK))
      await vi.advanceTimersByTimeAsync(LOOK_WAIT_MS - 1)
      expect(themeLink()?.getAttribute('href')).toBe(BEVERWIJK.themeCssUrl)
      expect(lookArriving.value).toBe(true)
      await vi.advanceTimersByTimeAsync(1)
      await done
      expect(lookArriving.value).toBe(false)
    } finally {
      vi.useRealTimers()
    }
  })

  it('lets home go on when the stylesheet fails to load', async () => {
    const done = bringInLook(Promise.resolve(BEVERWIJK))
    await settle()
    expect(lookArriving.value).toBe(true)
    stylesheet('error')
    await done
    expect(lookArriving.value).toBe(false)
  })

  it('keeps the default look and waits for nothing when the profile cannot be fetched (offline)', async () => {
    await bringInLook(Promise.reject(new Error('offline')))
    expect(lookArriving.value).toBe(false)
    expect(themeLink()).toBeNull()
    expect(document.documentElement.className).toBe('')
  })

  it('home shows "Even geduld…" instead of its cards while the look is on its way, and the cards once it is there', async () => {
    const db = freshDb()
    await setMunicipality(db, 'beverwijk')
    await saveItems(db, [anItem({ title: 'Open peiling' })])
    const profile = pending<ThemeHint | undefined>()
    const done = bringInLook(profile.promise)
    const { wrapper } = await mountPage(HomePage, '/')
    await settle()
    expect(wrapper.text()).toContain('Even geduld')
    expect(wrapper.find('li.mp-card').exists()).toBe(false)
    profile.resolve(BEVERWIJK)
    await settle()
    stylesheet('load')
    await done
    await settle()
    expect(wrapper.text()).not.toContain('Even geduld')
    expect(wrapper.find('li.mp-card').text()).toContain('Open peiling')
  })
})
