import { getDeviceId } from '../../db/meta-repo'
import { applyServerStatuses, hasSentRegistration } from '../../db/registrations-repo'
import type { Api } from '../api'
import type { Pull } from './pull'

/**
 * The server's status of this device's table sign-ups (selected, waiting list ...), shown on the
 * sign-up itself. Only once the server holds a registration of ours.
 */
export function signupStatusesPull(api: Pick<Api, 'getMySignups'>): Pull {
  return {
    name: 'signup-statuses',
    mode: 'beside',
    async run({ db, stopped }) {
      if (!(await hasSentRegistration(db)) || stopped()) return
      await applyServerStatuses(db, await api.getMySignups(await getDeviceId(db)))
    },
  }
}
