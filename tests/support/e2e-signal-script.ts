/**
 * Writes a resident's signal into an e2e server's embedded database, as `POST /api/signals` will
 * store it: under the device's key for the `signals` purpose (the secret is the one the server
 * keeps in DATA_DIR). The embedded database allows one process at a time, so the caller stops the
 * server around it (see `givenSignalInE2e`). Prints the signal's id.
 *
 * Usage: node --import tsx tests/support/e2e-signal-script.ts <deviceId> <municipality> <title> <body>
 */
import { deviceKeyFor } from '../../src/server/auth/device-keys'
import { resolveDeviceKeySecret } from '../../src/server/auth/device-key-secret'
import { openDatabase } from '../../src/server/db/open'
import { signals } from '../../src/server/db/schema'

const [deviceId, municipality, title, body] = process.argv.slice(2)
const dataDir = process.env.DATA_DIR
if (!deviceId || !municipality || !title || !body || !dataDir) throw new Error('usage: DATA_DIR=... e2e-signal-script.ts <deviceId> <municipality> <title> <body>')

const database = await openDatabase({ databaseUrl: undefined, dataDir, demo: false }, 'e2e signal script')
try {
  const now = new Date()
  const id = crypto.randomUUID()
  const secret = resolveDeviceKeySecret({ dataDir, deviceKeySecret: undefined, production: false })
  await database.db.insert(signals).values({
    id,
    municipality,
    deviceKey: deviceKeyFor(secret, 'signals', deviceId),
    kind: 'signal',
    title,
    body,
    createdAt: now,
    receivedAt: now,
    responseDueAt: new Date(now.getTime() + 42 * 86_400_000),
  })
  process.stdout.write(id)
} finally {
  await database.close()
}
