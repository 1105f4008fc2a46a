import { sql } from 'drizzle-orm'
import { purposeKeyFromLegacyHash, type DeviceKeyPurpose } from '../auth/device-keys'
import { recountBreakdowns } from '../repos/breakdown-recount'
import { queryRows, type Db } from './client'

/** Set by migration 0020 when answers were stored before the breakdown tallies existed. */
export const BREAKDOWN_COUNTS = 'breakdown_counts'

/** Set by migration 0011 when rows were stored under the one plain device hash of before. */
export const DEVICE_KEYS_PER_PURPOSE = 'device_keys_per_purpose'

/** Legacy hashes read per round trip while building the map. */
const KEYS_PER_PAGE = 5_000

/**
 * Where each device key column's rows belong. Device messages are stored under the key of what
 * they are about: an invitation under the interest's key, all other table news under the
 * sign-up's key (`repos/device-message-repo.ts`).
 */
const REKEYED: { table: string; purpose: DeviceKeyPurpose; where?: string }[] = [
  { table: 'submission_receipts', purpose: 'answers' },
  { table: 'current_answers', purpose: 'answers' },
  { table: 'table_signups', purpose: 'signups' },
  { table: 'interests', purpose: 'interests' },
  { table: 'device_messages', purpose: 'interests', where: `kind = 'invited'` },
  { table: 'device_messages', purpose: 'signups', where: `kind <> 'invited'` },
]

/**
 * Counts the breakdown tallies of the answers stored before migration 0020 (it needs the
 * question types' tally keys, so it is JavaScript). One transaction with the marker locked: a
 * second process starting at the same moment waits, then finds nothing to do.
 */
async function fillBreakdownCounts(db: Db): Promise<'done' | 'nothing_to_do'> {
  return db.transaction(async (tx) => {
    const [claimed] = await queryRows<{ name: string }>(tx, sql`select name from pending_data_migrations where name = ${BREAKDOWN_COUNTS} for update`)
    if (!claimed) return 'nothing_to_do' as const
    await recountBreakdowns(tx)
    await tx.execute(sql`delete from pending_data_migrations where name = ${BREAKDOWN_COUNTS}`)
    return 'done' as const
  })
}

/**
 * Runs the data migrations the SQL migrations left pending: the breakdown tallies (above), which
 * need no secret, then the device keys (below), which do.
 */
export async function runDataMigrations(db: Db, secret: (() => string) | undefined): Promise<'done' | 'nothing_to_do' | 'waiting_for_secret'> {
  const breakdowns = await fillBreakdownCounts(db)
  const deviceKeys = await rekeyDevices(db, secret)
  return deviceKeys === 'nothing_to_do' ? breakdowns : deviceKeys
}

/**
 * Every stored device key
 * (the plain SHA-256 of the device id) becomes the key of its purpose, HMAC'd with the secret,
 * so the same device still finds its inbox and its answer is still replaced by a newer one, but
 * no two purposes share a key any more. One transaction: the map of every legacy hash is built
 * first (before any row changes, so a re-keyed value is never mistaken for a legacy one), the
 * rows are updated from it, and the pending marker is deleted; a crash leaves all as it was,
 * and a second run (another process, the next start) finds no marker and does nothing.
 * `secret` is asked for only when there is work.
 */
async function rekeyDevices(db: Db, secret: (() => string) | undefined): Promise<'done' | 'nothing_to_do' | 'waiting_for_secret'> {
  const [pending] = await queryRows<{ name: string }>(db, sql`select name from pending_data_migrations where name = ${DEVICE_KEYS_PER_PURPOSE}`)
  if (!pending) return 'nothing_to_do'
  // Restores and copies between databases migrate without the secret; the server applies the
  // step at its next start, before it answers anyone.
  if (!secret) return 'waiting_for_secret'
  const key = secret()
  return db.transaction(async (tx) => {
    // Locks the marker: a second process starting at the same moment waits and then finds it gone.
    const [claimed] = await queryRows<{ name: string }>(tx, sql`select name from pending_data_migrations where name = ${DEVICE_KEYS_PER_PURPOSE} for update`)
    if (!claimed) return 'nothing_to_do' as const
    await tx.execute(sql`create temporary table device_key_map (legacy text not null, purpose text not null, key text not null, primary key (legacy, purpose)) on commit drop`)
    const purposes = [...new Set(REKEYED.map((r) => r.purpose))]
    const union = sql.raw(REKEYED.map((r) => `select device_key from ${r.table}`).join(' union '))
    for (let after = ''; ; ) {
      const page = await queryRows<{ device_key: string }>(tx, sql`select device_key from (${union}) k where device_key > ${after} order by device_key limit ${KEYS_PER_PAGE}`)
      if (page.length === 0) break
      const rows = page.flatMap((p) => purposes.map((purpose) => ({ legacy: p.device_key, purpose, key: purposeKeyFromLegacyHash(key, purpose, p.device_key) })))
      await tx.execute(
        sql`insert into device_key_map (legacy, purpose, key)
            select * from unnest(${textArray(rows.map((r) => r.legacy))}::text[], ${textArray(rows.map((r) => r.purpose))}::text[], ${textArray(rows.map((r) => r.key))}::text[])`,
      )
      after = page.at(-1)!.device_key
    }
    for (const r of REKEYED) {
      await tx.execute(
        sql.raw(
          `update ${r.table} t set device_key = m.key from device_key_map m where m.legacy = t.device_key and m.purpose = '${r.purpose}'${r.where ? ` and t.${r.where}` : ''}`,
        ),
      )
    }
    await tx.execute(sql`delete from pending_data_migrations where name = ${DEVICE_KEYS_PER_PURPOSE}`)
    return 'done' as const
  })
}

/** A PostgreSQL array literal of strings, each quoted, as one parameter. */
function textArray(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`
}
