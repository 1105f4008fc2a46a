import { clearInboxCursor, getInboxCursor, saveInbox } from '../../db/inbox-repo'
import { getDeviceId } from '../../db/meta-repo'
import { hasSentRegistration } from '../../db/registrations-repo'
import { ApiError, type Api } from '../api'
import type { Pull } from './pull'

/**
 * The device inbox (terugkoppeling, table news) since its stored cursor, merged into the phone's
 * copy. Skipped until the server holds an answer or registration of ours: an unknown device has
 * nothing to read.
 */
export function inboxPull(api: Pick<Api, 'getInbox'>): Pull {
  return {
    name: 'inbox',
    mode: 'beside',
    async run({ db, stopped }) {
      // News comes only to a phone that gave input: an answer, a sign-up or a signal the server has.
      const answered = (await db.submissions.where('state').equals('sent').count()) > 0
      const raisedSignal = (await db.signals.where('state').equals('sent').count()) > 0
      if (!answered && !raisedSignal && !(await hasSentRegistration(db))) return
      if (stopped()) return
      const deviceId = await getDeviceId(db)
      const since = await getInboxCursor(db)
      let inbox
      try {
        inbox = await api.getInbox(deviceId, since)
      } catch (error) {
        // A refused cursor: read the whole inbox again; the merge keeps what was read as read.
        if (!(error instanceof ApiError && error.kind === 'refused' && since !== undefined)) throw error
        await clearInboxCursor(db)
        inbox = await api.getInbox(deviceId)
      }
      await saveInbox(db, inbox.entries, inbox.cursor)
    },
  }
}
