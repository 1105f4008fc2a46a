import { describe, expect, it } from 'vitest'
import { loadedLookFiles, MUNICIPALITY_LOOK } from '../../../../src/client/pwa/look-offline'

describe('look-offline', () => {
  it('finds the versioned theme stylesheet and logo among the files a page loaded, and nothing else', () => {
    const loaded = [
      { name: 'https://meepraat.example/assets/main-CnUnCA9p.js' },
      { name: 'https://meepraat.example/api/municipalities/beverwijk/theme.css?v=abc_D-1' },
      { name: 'https://meepraat.example/api/municipalities/beverwijk/logo?v=xyz' },
      { name: 'https://meepraat.example/api/municipalities/beverwijk/theme.css' },
      { name: 'https://meepraat.example/api/municipalities/beverwijk' },
    ]
    expect(loadedLookFiles(loaded)).toEqual([
      'https://meepraat.example/api/municipalities/beverwijk/theme.css?v=abc_D-1',
      'https://meepraat.example/api/municipalities/beverwijk/logo?v=xyz',
    ])
  })

  it('matches the run-time cache rule of the service worker in vite.config.ts', async () => {
    const { readFile } = await import('node:fs/promises')
    const config = await readFile(new URL('../../../../vite.config.ts', import.meta.url), 'utf8')
    expect(config).toContain(`sameOrigin && ${MUNICIPALITY_LOOK.toString()}.test(url.pathname + url.search)`)
  })
})
