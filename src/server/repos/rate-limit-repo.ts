import { lt, sql } from 'drizzle-orm'
import { queryRows, type Db } from '../db/client'
import { rateLimitHits } from '../db/schema'

/**
 * Counts one request under `key` in a fixed window of `windowMs` and returns the count so far
 * and the time left in the window. One upsert, so requests to any process count together; an
 * expired window starts again at 1. The database's clock decides, so processes whose clocks
 * differ a little still agree.
 */
export async function hitRateLimit(db: Db, key: string, windowMs: number): Promise<{ current: number; ttl: number }> {
  const [row] = await queryRows<{ current: number; ttl: number }>(
    db,
    sql`insert into rate_limit_hits as h (key, count, expires_at)
        values (${key}, 1, now() + ${windowMs} * interval '1 millisecond')
        on conflict (key) do update set
          count = case when h.expires_at <= now() then 1 else h.count + 1 end,
          expires_at = case when h.expires_at <= now() then excluded.expires_at else h.expires_at end
        returning count as current, greatest(0, ceil(extract(epoch from (expires_at - now())) * 1000))::int as ttl`,
  )
  if (!row) throw new Error('rate limit upsert returned no row')
  return { current: Number(row.current), ttl: Number(row.ttl) }
}

/** Deletes windows that ended; returns how many. */
export async function deleteExpiredRateLimitHits(db: Db): Promise<number> {
  const rows = await db.delete(rateLimitHits).where(lt(rateLimitHits.expiresAt, sql`now()`)).returning({ key: rateLimitHits.key })
  return rows.length
}
