import { describe, expect, it } from 'vitest'
import { absoluteLink, shareLink, type ShareNavigator } from '../../../../src/client/components/share/share-link'
import { embedSnippet } from '../../../../src/client/beheer/embed-snippet'
import { embedSlugOf } from '../../../../src/client/embed/embed-slug'

const link = { url: 'https://meepraat.velsen.nl/i/0b6a3c1e-3f52-4e8b-9d3a-0f3c1d2e4b5a', title: 'Speeltuin Driehuis' }

/** A navigator that records what it was asked; each part may fail the way browsers fail. */
function navigatorWith(parts: { share?: 'ok' | 'abort' | 'not-allowed'; clipboard?: 'ok' | 'refused' }) {
  const calls: string[] = []
  const nav: ShareNavigator = {}
  if (parts.share) {
    nav.share = async (data) => {
      calls.push(`share ${data.url}`)
      if (parts.share === 'abort') throw new DOMException('cancelled', 'AbortError')
      if (parts.share === 'not-allowed') throw new DOMException('no', 'NotAllowedError')
    }
  }
  if (parts.clipboard) {
    nav.clipboard = {
      writeText: async (text) => {
        calls.push(`copy ${text}`)
        if (parts.clipboard === 'refused') throw new DOMException('no', 'NotAllowedError')
      },
    }
  }
  return { nav, calls }
}

describe('sharing a short link', () => {
  it("uses the phone's share sheet where there is one, and copies nothing then", async () => {
    const { nav, calls } = navigatorWith({ share: 'ok', clipboard: 'ok' })
    expect(await shareLink(link, nav)).toBe('shared')
    expect(calls).toEqual([`share ${link.url}`])
  })

  it('does nothing more when the resident closes the share sheet', async () => {
    const { nav, calls } = navigatorWith({ share: 'abort', clipboard: 'ok' })
    expect(await shareLink(link, nav)).toBe('cancelled')
    expect(calls).toHaveLength(1)
  })

  it('copies the link when there is no share sheet or it is not allowed', async () => {
    expect(await shareLink(link, navigatorWith({ clipboard: 'ok' }).nav)).toBe('copied')
    const refused = navigatorWith({ share: 'not-allowed', clipboard: 'ok' })
    expect(await shareLink(link, refused.nav)).toBe('copied')
    expect(refused.calls).toEqual([`share ${link.url}`, `copy ${link.url}`])
  })

  it('asks to copy by hand when neither works', async () => {
    expect(await shareLink(link, navigatorWith({}).nav)).toBe('manual')
    expect(await shareLink(link, navigatorWith({ share: 'not-allowed', clipboard: 'refused' }).nav)).toBe('manual')
  })

  it('makes short links absolute on the app origin', () => {
    expect(absoluteLink('/g/velsen', 'https://meepraat.velsen.nl')).toBe('https://meepraat.velsen.nl/g/velsen')
  })
})

describe('the widget', () => {
  it('reads its municipality from /embed/SLUG only', () => {
    expect(embedSlugOf('/embed/velsen')).toBe('velsen')
    expect(embedSlugOf('/embed/velsen/')).toBe('velsen')
    expect(embedSlugOf('/embed/')).toBeUndefined()
    expect(embedSlugOf('/embed/velsen/extra')).toBeUndefined()
  })

  it('is pasted as an iframe with a title, full width and a height, its attributes escaped', () => {
    expect(embedSnippet({ appOrigin: 'https://meepraat.nl', slug: 'velsen', title: 'Praat mee met "Velsen" & co' })).toBe(
      '<iframe src="https://meepraat.nl/embed/velsen" title="Praat mee met &quot;Velsen&quot; &amp; co" width="100%" height="640" style="border: 0;" loading="lazy"></iframe>',
    )
  })
})
