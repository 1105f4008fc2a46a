import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createDb, type MeepraatDb } from '../../../../src/client/db/db'
import { getDeviceId } from '../../../../src/client/db/meta-repo'
import {
  applyServerStatuses,
  markWithdrawn,
  mySignups,
  onRegistrationSaved,
  saveInterest,
  saveSignup,
  signupFor,
  type SignupInput,
} from '../../../../src/client/db/registrations-repo'
import { StorageWriteError } from '../../../../src/client/db/submissions-repo'
import { CONSENT_VERSION } from '../../../../src/shared/schemas/table'
import { makeTableItem } from '../../../support/fake-server'

const opened: MeepraatDb[] = []
function freshDb(): MeepraatDb {
  const db = createDb(`registrations-${crypto.randomUUID()}`)
  opened.push(db)
  return db
}
afterEach(() => {
  for (const db of opened.splice(0)) db.close()
  vi.restoreAllMocks()
})

const table = makeTableItem()

function signup(overrides: Partial<SignupInput> = {}): SignupInput {
  return {
    id: crypto.randomUUID(),
    itemId: table.id,
    name: 'Sam',
    contact: { channel: 'email', value: 'sam@example.nl' },
    ageBand: '18-23',
    roles: ['youth', 'carer'],
    consentVersion: CONSENT_VERSION,
    ...overrides,
  }
}

describe('registrations-repo', () => {
  it('saveSignup writes the record and its outbox entry together, with revision 1 and this device', async () => {
    const db = freshDb()
    const now = new Date('2026-06-01T12:00:00.000Z')
    const input = signup({ motivation: 'Ik zorg voor mijn moeder.' })
    const saved = await saveSignup(db, input, 'testdorp', now)

    expect(saved).toMatchObject({ id: input.id, kind: 'signup', itemId: table.id, municipality: 'testdorp', revision: 1, state: 'saved', savedAt: now.toISOString(), name: 'Sam', motivation: 'Ik zorg voor mijn moeder.' })
    expect(await db.registrations.get(input.id)).toEqual(saved)
    const entries = await db.outbox.toArray()
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({ type: 'signup', key: input.id, attempts: 0, payload: { id: input.id, revision: 1, deviceId: await getDeviceId(db) } })
  })

  it('a change keeps the id, bumps the revision and leaves one queued entry with the newest version', async () => {
    const db = freshDb()
    const input = signup()
    await saveSignup(db, input, 'testdorp')
    const changed = await saveSignup(db, { ...input, name: 'Samira' }, 'testdorp')

    expect(changed).toMatchObject({ id: input.id, revision: 2, name: 'Samira', state: 'saved' })
    expect(await db.registrations.count()).toBe(1)
    const entries = await db.outbox.toArray()
    expect(entries).toHaveLength(1)
    expect(entries[0]?.payload).toMatchObject({ id: input.id, revision: 2, name: 'Samira' })
  })

  it('a change after sending bumps past the sent revision and is queued again', async () => {
    const db = freshDb()
    const input = signup()
    await saveSignup(db, input, 'testdorp')
    await db.outbox.clear()
    await db.registrations.update(input.id, { state: 'sent', serverStatus: 'eligible' })

    const changed = await saveSignup(db, { ...input, roles: ['client'] }, 'testdorp')
    expect(changed).toMatchObject({ revision: 2, state: 'saved', serverStatus: 'eligible', roles: ['client'] })
    expect(await db.outbox.count()).toBe(1)
  })

  it('refuses an under-16 sign-up without a guardian e-mail before writing anything', async () => {
    const db = freshDb()
    await expect(saveSignup(db, signup({ ageBand: '<16' }), 'testdorp')).rejects.toThrow()
    expect(await db.registrations.count()).toBe(0)
    expect(await db.outbox.count()).toBe(0)
  })

  it('writes neither record nor entry when the outbox write fails (one transaction)', async () => {
    const db = freshDb()
    await getDeviceId(db)
    // Failing the second write of the transaction: the first (the record) must be rolled back.
    vi.spyOn(db.outbox, 'add').mockImplementation(() => {
      throw new Error('disk broken')
    })
    await expect(saveSignup(db, signup(), 'testdorp')).rejects.toBeInstanceOf(StorageWriteError)
    expect(await db.registrations.count()).toBe(0)
  })

  it('saveInterest queues an interest entry and tells listeners', async () => {
    const db = freshDb()
    const heard: string[] = []
    const stop = onRegistrationSaved((r) => heard.push(r.kind))
    const id = crypto.randomUUID()
    const saved = await saveInterest(db, { id, municipality: 'testdorp', themes: ['opgroeien'], name: 'Jay', contact: { channel: 'phone', value: '06 12345678' }, ageBand: '<16', guardianEmail: 'ouder@example.nl', consentVersion: CONSENT_VERSION })
    stop()
    expect(saved).toMatchObject({ kind: 'interest', themes: ['opgroeien'], guardianEmail: 'ouder@example.nl', revision: 1 })
    expect((await db.outbox.toArray())[0]).toMatchObject({ type: 'interest', key: id })
    expect(heard).toEqual(['interest'])
  })

  it('applies server statuses and, on withdrawal, removes the contact details and queued entries', async () => {
    const db = freshDb()
    const input = signup({ accessibilityNeeds: 'Rolstoel' })
    await saveSignup(db, input, 'testdorp')
    await applyServerStatuses(db, [{ id: input.id, itemId: table.id, status: 'selected', revision: 1, name: 'Sam', contact: input.contact, ageBand: '18-23', area: null, roles: ['youth'], consentVersion: CONSENT_VERSION }])
    expect((await signupFor(db, table.id))?.serverStatus).toBe('selected')

    await markWithdrawn(db, input.id, new Date('2026-07-01T00:00:00.000Z'))
    const [record] = await mySignups(db)
    expect(record).toMatchObject({ serverStatus: 'withdrawn', withdrawnAt: '2026-07-01T00:00:00.000Z', ageBand: '18-23' })
    expect(record).not.toHaveProperty('name')
    expect(record).not.toHaveProperty('contact')
    expect(record).not.toHaveProperty('accessibilityNeeds')
    expect(await db.outbox.count()).toBe(0)
  })
})
