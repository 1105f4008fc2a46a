import { describe, expect, it } from 'vitest'
import { ENGLISH_CHUNK, loadedEnglishChunks } from '../../../../src/client/pwa/english-offline'

describe('english-offline', () => {
  it('finds the English texts among the files a page loaded, and nothing else', () => {
    const loaded = [
      { name: 'https://meepraat.example/assets/main-CnUnCA9p.js' },
      { name: 'https://meepraat.example/assets/en-DATGrb2I.js' },
      { name: 'https://meepraat.example/assets/beheer-en-CNHwfkz5.js' },
      { name: 'https://meepraat.example/api/items?municipality=beverwijk' },
      { name: 'https://meepraat.example/assets/HomePage-en-x.css' },
    ]
    expect(loadedEnglishChunks(loaded)).toEqual(['https://meepraat.example/assets/en-DATGrb2I.js'])
  })

  it('matches the run-time cache rule of the service worker in vite.config.ts', async () => {
    const { readFile } = await import('node:fs/promises')
    const config = await readFile(new URL('../../../../vite.config.ts', import.meta.url), 'utf8')
    expect(config).toContain(`const ENGLISH_CHUNK = ${ENGLISH_CHUNK.toString()}`)
  })
})
