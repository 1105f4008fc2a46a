import { createHash } from 'node:crypto'
import { eq } from 'drizzle-orm'
import type { Db } from '../db/client'
import { municipalityLogos } from '../db/schema'

export type LogoContentType = 'image/svg+xml' | 'image/png'

/** What is known of a stored logo without its bytes. */
export interface LogoInfo {
  contentType: LogoContentType
  sha256: string
  bytes: number
}

/** Stores (or replaces) the municipality's logo; the bytes were checked and, for SVG, rebuilt. */
export async function saveLogo(db: Db, municipality: string, contentType: LogoContentType, bytes: Buffer, now: Date): Promise<LogoInfo> {
  const sha256 = createHash('sha256').update(bytes).digest('base64url')
  const values = { contentType, bytes, sha256, updatedAt: now }
  await db.insert(municipalityLogos).values({ municipality, ...values }).onConflictDoUpdate({ target: municipalityLogos.municipality, set: values })
  return { contentType, sha256, bytes: bytes.length }
}

/** Removes the logo; false when there was none. */
export async function deleteLogo(db: Db, municipality: string): Promise<boolean> {
  const rows = await db.delete(municipalityLogos).where(eq(municipalityLogos.municipality, municipality)).returning({ m: municipalityLogos.municipality })
  return rows.length > 0
}

export async function findLogoInfo(db: Db, municipality: string): Promise<LogoInfo | null> {
  const [row] = await db.select({ contentType: municipalityLogos.contentType, sha256: municipalityLogos.sha256, bytes: municipalityLogos.bytes }).from(municipalityLogos).where(eq(municipalityLogos.municipality, municipality))
  return row ? { contentType: row.contentType, sha256: row.sha256, bytes: row.bytes.length } : null
}
