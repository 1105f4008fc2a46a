import { sql } from 'drizzle-orm'
import { queryRows, type Db } from '../db/client'

/**
 * What a backup needs to know of a table, read from pg_catalog rather than from the Drizzle
 * schema: a database at an older migration than this build has the tables and columns of that
 * migration, and those are the ones to dump.
 */
export interface TableInfo {
  name: string
  /** Stored columns in table order (generated columns are left out: the database computes them). */
  columns: string[]
  /** Primary key columns in key order: rows are read in this order, so dumps are reproducible. */
  primaryKey: string[]
  /**
   * xid8 columns (`change_xid`, `created_xid`, ...): transaction ids of the database that wrote
   * the row. They mean nothing in another database, so a restore writes its own transaction id
   * there (see restoreXidExpression).
   */
  xidColumns: string[]
}

export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`

/** The application's tables in the public schema, parents before children (foreign keys). */
export async function listTables(db: Db): Promise<TableInfo[]> {
  const tables = await queryRows<{ oid: number; name: string }>(
    db,
    sql`select c.oid::int as oid, c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition order by c.relname`,
  )
  const columns = await queryRows<{ table: string; name: string; type: string; generated: string }>(
    db,
    sql`select c.relname as table, a.attname as name, format_type(a.atttypid, a.atttypmod) as type, a.attgenerated::text as generated
        from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped order by c.relname, a.attnum`,
  )
  const keys = await queryRows<{ table: string; name: string }>(
    db,
    sql`select c.relname as table, a.attname as name
        from pg_index i join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace
        join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
        where n.nspname = 'public' and i.indisprimary order by c.relname, array_position(i.indkey::int2[], a.attnum)`,
  )
  const references = await queryRows<{ child: string; parent: string }>(
    db,
    sql`select child.relname as child, parent.relname as parent
        from pg_constraint k join pg_class child on child.oid = k.conrelid join pg_class parent on parent.oid = k.confrelid
        join pg_namespace n on n.oid = child.relnamespace where n.nspname = 'public' and k.contype = 'f'`,
  )
  const infos = new Map<string, TableInfo>()
  for (const t of tables) infos.set(t.name, { name: t.name, columns: [], primaryKey: [], xidColumns: [] })
  for (const c of columns) {
    const info = infos.get(c.table)
    if (!info || c.generated !== '') continue
    info.columns.push(c.name)
    if (c.type === 'xid8') info.xidColumns.push(c.name)
  }
  for (const k of keys) infos.get(k.table)?.primaryKey.push(k.name)
  return inForeignKeyOrder([...infos.values()], references)
}

/** Sorts tables so every referenced table comes before the tables that reference it. */
export function inForeignKeyOrder(tables: TableInfo[], references: { child: string; parent: string }[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]))
  const ordered: TableInfo[] = []
  const state = new Map<string, 'visiting' | 'done'>()
  const visit = (name: string): void => {
    if (state.get(name) === 'done' || state.get(name) === 'visiting') return // a self-reference or cycle: insertion order within the table handles it
    state.set(name, 'visiting')
    for (const r of references) if (r.child === name && r.parent !== name) visit(r.parent)
    state.set(name, 'done')
    const table = byName.get(name)
    if (table) ordered.push(table)
  }
  for (const t of [...tables].sort((a, b) => (a.name < b.name ? -1 : 1))) visit(t.name)
  return ordered
}

/** True when none of the tables holds a row. */
export async function allTablesEmpty(db: Db, tables: TableInfo[]): Promise<{ empty: true } | { empty: false; table: string }> {
  for (const t of tables) {
    const [row] = await queryRows<{ present: boolean }>(db, sql.raw(`select exists (select 1 from ${quoteIdent(t.name)}) as present`))
    if (row?.present) return { empty: false, table: t.name }
  }
  return { empty: true }
}

export async function countRows(db: Db, table: string): Promise<number> {
  const [row] = await queryRows<{ n: string | number }>(db, sql.raw(`select count(*) as n from ${quoteIdent(table)}`))
  return Number(row?.n ?? 0)
}
