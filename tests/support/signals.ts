import type { FastifyInstance } from 'fastify'
import { councilMeetings, signals } from '../../src/server/db/schema'
import type { Db } from '../../src/server/db/client'
import { newDeviceId } from './factories'

const DAY = 86_400_000

type SignalInsert = typeof signals.$inferInsert

/**
 * A resident's signal written straight to the database, as the ingest (`POST /api/signals`)
 * stores it: under the device's key for the `signals` purpose, due after the default 6 weeks.
 * Returns its id and the device id, so a test can read that device's inbox.
 */
export async function givenSignal(
  app: FastifyInstance,
  now: Date,
  overrides: Partial<Omit<SignalInsert, 'deviceKey'>> & { deviceId?: string } = {},
): Promise<{ id: string; deviceId: string }> {
  const { deviceId = newDeviceId(), ...rest } = overrides
  const id = rest.id ?? crypto.randomUUID()
  await app.database.db.insert(signals).values({
    id,
    municipality: 'beverwijk',
    deviceKey: app.deviceKeys.keyFor('signals', deviceId),
    kind: 'signal',
    title: 'Losliggende stoeptegels bij de school',
    body: 'Bij de ingang van de school liggen tegels los. Kinderen vallen erover.',
    theme: null,
    area: 'Centrum',
    createdAt: now,
    receivedAt: now,
    responseDueAt: new Date(now.getTime() + 42 * DAY),
    ...rest,
  })
  return { id, deviceId }
}

/** A published signal (checked by an official). */
export async function givenPublishedSignal(app: FastifyInstance, now: Date, overrides: Parameters<typeof givenSignal>[2] = {}): Promise<{ id: string; deviceId: string }> {
  return givenSignal(app, now, { moderation: 'published', moderatedAt: now, ...overrides })
}

/** A council meeting of the municipality, some weeks ahead. */
export async function givenMeeting(db: Db, now: Date, municipality = 'beverwijk'): Promise<string> {
  const [row] = await db
    .insert(councilMeetings)
    .values({ municipality, startsAt: new Date(now.getTime() + 21 * DAY), place: 'Raadhuis' })
    .returning({ id: councilMeetings.id })
  return row!.id
}
