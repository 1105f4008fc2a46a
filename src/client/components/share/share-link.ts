/** What sharing a link did: the system share sheet took it, it was copied, the resident cancelled, or they must copy it themselves. */
export type ShareOutcome = 'shared' | 'copied' | 'cancelled' | 'manual'

/** The parts of `navigator` sharing uses; a test passes its own. */
export interface ShareNavigator {
  share?: (data: { title?: string; url?: string }) => Promise<void>
  clipboard?: { writeText(text: string): Promise<void> }
}

/**
 * Shares a link the best way this browser can: the Web Share API (the phone's own share sheet)
 * where there is one, else the clipboard, else the caller shows the link to copy by hand. A
 * resident who closes the share sheet cancelled: nothing else pops up then.
 */
export async function shareLink(link: { url: string; title: string }, nav: ShareNavigator): Promise<ShareOutcome> {
  if (typeof nav.share === 'function') {
    try {
      await nav.share({ title: link.title, url: link.url })
      return 'shared'
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return 'cancelled'
      // Not allowed here (a desktop without a share target, a framed page): try the clipboard.
    }
  }
  if (typeof nav.clipboard?.writeText === 'function') {
    try {
      await nav.clipboard.writeText(link.url)
      return 'copied'
    } catch {
      // Refused (no permission, not a secure context): show the link instead.
    }
  }
  return 'manual'
}

/** The absolute form of a short link (`/i/ID`, `/g/SLUG`) on the app's own origin. */
export function absoluteLink(path: string, origin: string): string {
  return new URL(path, origin).href
}
