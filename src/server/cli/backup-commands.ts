import { existsSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { writeBackup } from '../backup/backup'
import { migrateToPostgres } from '../backup/migrate-to-postgres'
import { restoreBackup } from '../backup/restore'
import type { TallyKindCheck } from '../backup/tallies'
import { loadConfig } from '../config'
import { createDatabase, type Database } from '../db/client'
import { DataDirInUseError } from '../db/data-dir-lock'
import { migrateDatabase } from '../db/migrate'
import { cliLanguage, say } from './cli-language'
import { fail } from './command-error'

const rowsText = (n: number) => (cliLanguage() === 'nl' ? `${n} ${n === 1 ? 'rij' : 'rijen'}` : `${n} ${n === 1 ? 'row' : 'rows'}`)

/** The configured database as it is: no migrations, no demo content (each command decides). */
async function openConfigured(purpose: { nl: string; en: string }): Promise<Database> {
  const config = loadConfig()
  try {
    return await createDatabase({ url: config.databaseUrl, dataDir: config.dataDir, poolSize: 2, role: 'admin command' })
  } catch (error) {
    // The embedded database has one owner; a server holding it must stop for this command.
    if (error instanceof DataDirInUseError && error.owner.role === 'server')
      fail({
        nl: `De ingebouwde database in ${error.dataDir} is in gebruik door een draaiende Meepraat-server (pid ${error.owner.pid}); stop eerst de server, want ${purpose.nl} heeft de ingebouwde database voor zich alleen nodig.`,
        en: `The embedded database in ${error.dataDir} is in use by a running Meepraat server (pid ${error.owner.pid}); stop the server first, because ${purpose.en} needs the embedded database to itself.`,
      })
    throw error
  }
}

/** `backup --out FILE`: a consistent dump of every table (works next to running servers on PostgreSQL). */
export async function backupCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { out: { type: 'string' } }, strict: true })
  if (!values.out) fail({ nl: '--out is verplicht: het bestand voor de back-up, bijvoorbeeld --out meepraat-2026-12-01.jsonl.gz', en: '--out is required: the file to write the backup to, e.g. --out meepraat-2026-12-01.jsonl.gz' })
  const database = await openConfigured({ nl: 'een back-up', en: 'a backup' })
  try {
    const summary = await writeBackup(database, values.out, new Date())
    for (const t of summary.tables) console.log(`${t.table}: ${rowsText(t.rows)}`)
    const rows = summary.tables.reduce((sum, t) => sum + t.rows, 0)
    const { migrations, lastTag } = summary.header.schemaVersion
    console.log(say({
      nl: `Back-up geschreven naar ${values.out}: ${rowsText(rows)} in ${summary.tables.length} tabellen, schemaversie ${migrations} (${lastTag}); er staan persoonsgegevens in, dus bewaar hem versleuteld.`,
      en: `Backup written to ${values.out}: ${rowsText(rows)} in ${summary.tables.length} tables, schema version ${migrations} (${lastTag}); it holds personal data, so store it encrypted.`,
    }))
  } finally {
    await database.close()
  }
}

/** `restore --in FILE [--replace]`: into an empty database, or replacing everything with --replace. */
export async function restoreCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { in: { type: 'string' }, replace: { type: 'boolean', default: false } }, strict: true })
  if (!values.in) fail({ nl: '--in is verplicht: het back-upbestand om terug te zetten, bijvoorbeeld --in meepraat-2026-12-01.jsonl.gz', en: '--in is required: the backup file to restore, e.g. --in meepraat-2026-12-01.jsonl.gz' })
  const database = await openConfigured({ nl: 'terugzetten', en: 'a restore' })
  try {
    const summary = await restoreBackup(database, values.in, { replace: values.replace })
    for (const t of summary.tables) console.log(say({ nl: `${t.table}: ${rowsText(t.rows)} teruggezet`, en: `${t.table}: ${rowsText(t.rows)} restored` }))
    const rows = summary.tables.reduce((sum, t) => sum + t.rows, 0)
    const from = summary.migratedFrom
    console.log(say({
      nl: `${rowsText(rows)} in ${summary.tables.length} tabellen teruggezet uit ${values.in} (gemaakt ${summary.header.createdAt})${from === null ? '' : `, daarna bijgewerkt van schemaversie ${from} naar die van deze versie`}.`,
      en: `Restored ${rowsText(rows)} in ${summary.tables.length} tables from ${values.in} (made ${summary.header.createdAt})${from === null ? '' : `, then migrated from schema version ${from} to this version's`}.`,
    }))
  } finally {
    await database.close()
  }
}

const isPostgresUrl = (url: string) => /^postgres(ql)?:\/\//.test(url)

/**
 * `migrate-to-postgres --to postgres://... [--from DATA_DIR]`: the embedded database (DATA_DIR,
 * whatever DATABASE_URL says) into an empty PostgreSQL database, checked afterwards.
 */
export async function migrateToPostgresCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { to: { type: 'string' }, from: { type: 'string' } }, strict: true })
  if (!values.to || !isPostgresUrl(values.to)) fail({ nl: '--to is verplicht: de URL van een lege PostgreSQL-database, bijvoorbeeld --to postgres://meepraat@db.example/meepraat', en: '--to is required: the URL of an empty PostgreSQL database, e.g. --to postgres://meepraat@db.example/meepraat' })
  const dataDir = values.from ?? loadConfig().dataDir
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) fail({ nl: `Er staat geen ingebouwde Meepraat-database in ${dataDir}; geef de map met --from of DATA_DIR.`, en: `There is no embedded Meepraat database in ${dataDir}; give its directory with --from or DATA_DIR.` })
  let source: Database
  try {
    source = await createDatabase({ dataDir, role: 'admin command' })
  } catch (error) {
    if (error instanceof DataDirInUseError && error.owner.role === 'server')
      fail({
        nl: `De ingebouwde database in ${dataDir} is in gebruik door een draaiende Meepraat-server (pid ${error.owner.pid}); stop eerst de server, zodat er niets verandert tijdens het kopiëren.`,
        en: `The embedded database in ${dataDir} is in use by a running Meepraat server (pid ${error.owner.pid}); stop the server first, so that nothing changes while it is copied.`,
      })
    throw error
  }
  try {
    // The same migrations the server would apply at its next start, so both sides have one schema.
    await migrateDatabase(source)
    const target = await createDatabase({ url: values.to, poolSize: 2 })
    try {
      const report = await migrateToPostgres(source, target)
      for (const t of report.tables) {
        const verdict = t.sourceRows === t.targetRows && t.contentMatches ? 'ok' : say(t.sourceRows !== t.targetRows ? { nl: 'AANTAL RIJEN VERSCHILT', en: 'ROW COUNT DIFFERS' } : { nl: 'INHOUD VERSCHILT', en: 'CONTENT DIFFERS' })
        console.log(`${t.table}: ${rowsText(t.sourceRows)} in ${dataDir}, ${t.targetRows} in PostgreSQL, ${verdict}`)
      }
      const tallyLine = (kind: { nl: string; en: string }, { compared, mismatchedItems }: TallyKindCheck) => {
        const first = mismatchedItems.slice(0, 3).join(', ')
        return mismatchedItems.length === 0
          ? say({ nl: `${kind.nl}: ${compared} opnieuw geteld uit de antwoorden, ok`, en: `${kind.en}: ${compared} recounted from the answers, ok` })
          : say({ nl: `${kind.nl}: ${compared} opnieuw geteld uit de antwoorden, ${mismatchedItems.length} items WIJKEN AF (${first})`, en: `${kind.en}: ${compared} recounted from the answers, ${mismatchedItems.length} items DIFFER (${first})` })
      }
      console.log(tallyLine({ nl: 'telling van de uitslagen', en: 'result tallies' }, report.tallies.results))
      const kept = report.tallies.results.keptAfterErasure
      // Information, not a difference: a closed item's final results keep the counts of answers erased then.
      if (kept.length > 0) {
        const first = kept.slice(0, 3).join(', ')
        console.log(say({
          nl: `telling van de uitslagen: ${kept.length} items tellen nog antwoorden mee die inwoners hebben gewist toen het item gesloten was; zo blijft een vaste uitslag gelijk, dat is goed (${first})`,
          en: `result tallies: ${kept.length} items still count answers that residents erased while the item was closed; a final result stays the same, as it should (${first})`,
        }))
      }
      console.log(tallyLine({ nl: 'telling per groep (leeftijd, wijk, kanaal en meer)', en: 'breakdown tallies (age, area, channel and more)' }, report.tallies.breakdowns))
      if (!report.ok) fail({ nl: 'De kopie in PostgreSQL is niet gelijk aan de ingebouwde database (zie de regels hierboven); stap niet over, en blijf de ingebouwde database gebruiken.', en: 'The copy in PostgreSQL does not match the embedded database (see the lines above); do not switch over, and keep using the embedded database.' })
      console.log(say({ nl: `De ingebouwde database in ${dataDir} staat nu in PostgreSQL en elke tabel is gecontroleerd; start de server met DATABASE_URL naar die database.`, en: `Moved the embedded database in ${dataDir} to PostgreSQL and checked every table; start the server with DATABASE_URL set to that database.` }))
    } finally {
      await target.close()
    }
  } finally {
    await source.close()
  }
}
