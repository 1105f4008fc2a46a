import { StringDecoder } from 'node:string_decoder'
import { committedMigrationTags } from '../db/migration-status'

/**
 * The backup file: gzip'd JSON lines.
 *   line 1    {"format":"meepraat-backup","version":1,"schemaVersion":{"migrations":N,"lastTag":"..."},
 *              "createdAt":"...","database":"embedded"|"postgres","tables":["municipalities",...]}
 *   per table {"table":"items","columns":["id",...]}
 *             {"row":{...}}            one per row, `row_to_json` of the row, in primary-key order
 *             {"end":"items","rows":N,"sha256":"..."}   sha256 over the row objects' text, each followed by "\n"
 *   last line {"complete":true}
 * Tables come parents first, so a restore can insert them in file order.
 */
export const BACKUP_FORMAT = 'meepraat-backup'
export const BACKUP_VERSION = 1

export interface SchemaVersion {
  /** Migrations applied: the schema's version. */
  migrations: number
  /** Tag of the last applied migration (e.g. 0007_device_answered_at), to recognise another build's line. */
  lastTag: string
}

export interface BackupHeader {
  format: typeof BACKUP_FORMAT
  version: number
  schemaVersion: SchemaVersion
  createdAt: string
  database: 'embedded' | 'postgres'
  tables: string[]
}

export type BackupLine =
  | { kind: 'table'; table: string; columns: string[] }
  | { kind: 'row'; json: string }
  | { kind: 'end'; table: string; rows: number; sha256: string }
  | { kind: 'complete' }

const ROW_PREFIX = '{"row":'

export const rowLine = (json: string): string => `${ROW_PREFIX}${json}}\n`

/** Reads one line after the header. Rows stay text: parsing them would lose bigints and cost memory. */
export function parseLine(line: string): BackupLine {
  if (line.startsWith(ROW_PREFIX) && line.endsWith('}')) return { kind: 'row', json: line.slice(ROW_PREFIX.length, -1) }
  const value = JSON.parse(line) as Record<string, unknown>
  if (typeof value.table === 'string' && Array.isArray(value.columns)) return { kind: 'table', table: value.table, columns: value.columns as string[] }
  if (typeof value.end === 'string' && typeof value.rows === 'number' && typeof value.sha256 === 'string') return { kind: 'end', table: value.end, rows: value.rows, sha256: value.sha256 }
  if (value.complete === true) return { kind: 'complete' }
  throw new Error('unrecognised line')
}

export function parseHeader(line: string | undefined): BackupHeader | null {
  if (!line) return null
  let value: Partial<BackupHeader>
  try {
    value = JSON.parse(line) as Partial<BackupHeader>
  } catch {
    return null
  }
  if (value.format !== BACKUP_FORMAT || typeof value.version !== 'number') return null
  const schema = value.schemaVersion
  if (!schema || typeof schema.migrations !== 'number' || typeof schema.lastTag !== 'string' || !Array.isArray(value.tables)) return null
  return value as BackupHeader
}

/** The schema version of a database that applied `applied` of this build's migrations. */
export function schemaVersionOf(applied: number): SchemaVersion {
  return { migrations: applied, lastTag: committedMigrationTags()[applied - 1] ?? '' }
}

/** Splits a text stream into lines, holding one chunk at a time. */
export async function* lines(stream: AsyncIterable<Buffer>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8')
  let carry = ''
  for await (const chunk of stream) {
    const text = carry + decoder.write(chunk)
    const parts = text.split('\n')
    carry = parts.pop() ?? ''
    for (const part of parts) yield part
  }
  carry += decoder.end()
  if (carry !== '') yield carry
}
