import { describe, expect, it } from 'vitest'
import { pushSupport } from '../../../../src/client/pwa/push-subscription'

const env = (o: { ua?: string; touch?: number; standalone?: boolean; push?: boolean; permission?: NotificationPermission }) => ({
  window: {
    matchMedia: (q: string) => ({ matches: q === '(display-mode: standalone)' && o.standalone === true }) as MediaQueryList,
    ...(o.push === false ? {} : { PushManager: class {}, Notification: { permission: o.permission ?? 'default' } }),
  },
  navigator: { userAgent: o.ua ?? 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0', maxTouchPoints: o.touch ?? 0, ...(o.push === false ? {} : { serviceWorker: {} }) },
})

const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Version/17.5 Mobile/15E148 Safari/604.1'
const IPAD = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 Version/17.5 Safari/605.1.15'

describe('pushSupport', () => {
  it('is available where the browser has the Push API, and says when notifications are blocked', () => {
    expect(pushSupport(env({}))).toBe('available')
    expect(pushSupport(env({ permission: 'denied' }))).toBe('denied')
  })

  it('is unsupported (the section is hidden) without a Push API', () => {
    expect(pushSupport(env({ push: false }))).toBe('unsupported')
  })

  it('asks an iPhone or iPad outside the home-screen app to install first, and works once installed', () => {
    expect(pushSupport(env({ ua: IPHONE, push: false }))).toBe('needs_install')
    // An iPad says it is a Mac, but has touch.
    expect(pushSupport(env({ ua: IPAD, touch: 5, push: false }))).toBe('needs_install')
    expect(pushSupport(env({ ua: IPAD, touch: 0, push: false }))).toBe('unsupported')
    expect(pushSupport(env({ ua: IPHONE, standalone: true }))).toBe('available')
  })
})
