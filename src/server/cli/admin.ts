/**
 * Admin commands. Usage:
 *   npm run admin -- create-official --email E --password P --municipality SLUG [--role official|admin] [--region SLUG]
 *     (--region: a region official, who also writes items for the whole region; the home
 *     municipality stays and must be a member of that region)
 *   npm run admin -- create-region --slug SLUG --name NAME
 *   npm run admin -- create-municipality --slug SLUG --name NAME [--region SLUG] [--areas A,B] [--themes T,U]
 *   npm run admin -- backup --out FILE
 *   npm run admin -- restore --in FILE [--replace]
 *   npm run admin -- migrate-to-postgres --to postgres://... [--from DATA_DIR]
 * Works on the configured database (embedded by default, DATABASE_URL for PostgreSQL). The
 * embedded database belongs to one process at a time: next to a running server a command
 * refuses with one sentence and touches nothing. Every failure is one line, never a stack.
 */
import { parseArgs } from 'node:util'
import { EmailSchema, OFFICIAL_ROLES, type OfficialRole } from '../../shared/schemas/official'
import { passwordStrengthProblem } from '../auth/password-strength'
import { hashPassword } from '../auth/passwords'
import { loadConfig } from '../config'
import { DataDirInUseError } from '../db/data-dir-lock'
import { openDatabase } from '../db/open'
import { recordAudit } from '../repos/audit-repo'
import { findMunicipality } from '../repos/municipality-repo'
import { insertOfficial } from '../repos/official-repo'
import { backupCommand, migrateToPostgresCommand, restoreCommand } from './backup-commands'
import { say } from './cli-language'
import { CommandError, fail } from './command-error'
import { createMunicipalityCommand, createRegionCommand } from './municipality-commands'
import { passwordProblemText } from './password-texts'


/** The one line printed for any failure: what went wrong and, where we know it, what to do. */
function failureLine(error: unknown): string {
  if (error instanceof CommandError) return error.message
  if (error instanceof DataDirInUseError) {
    const todo = error.owner.role === 'server'
      ? say({ nl: 'Stop de server en probeer het opnieuw.', en: 'Stop the server and try again.' })
      : say({ nl: 'Wacht tot die klaar is en probeer het opnieuw.', en: 'Wait until it has finished and try again.' })
    return `${error.message} ${todo}`
  }
  // parseArgs refuses unknown or malformed options with a readable message of its own (in English).
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]?.slice(0, 300) ?? ''
  return say({ nl: `De opdracht is mislukt: ${message}`, en: `The command failed: ${message}` })
}

async function createOfficial(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { email: { type: 'string' }, password: { type: 'string' }, municipality: { type: 'string' }, role: { type: 'string', default: 'official' }, region: { type: 'string' } },
    strict: true,
  })
  const email = EmailSchema.safeParse(values.email)
  if (!email.success) fail({ nl: '--email: geef een geldig e-mailadres', en: '--email: give a valid e-mail address' })
  if (!values.password) fail({ nl: '--password is verplicht', en: '--password is required' })
  if (!values.municipality) fail({ nl: '--municipality is verplicht (een korte naam, bijvoorbeeld beverwijk)', en: '--municipality is required (a slug, e.g. beverwijk)' })
  if (!OFFICIAL_ROLES.includes(values.role as OfficialRole)) fail({ nl: `--role moet een van deze zijn: ${OFFICIAL_ROLES.join(', ')}`, en: `--role must be one of: ${OFFICIAL_ROLES.join(', ')}` })

  // Never seed demo content as a side effect of an admin command.
  const database = await openDatabase({ ...loadConfig(), demo: false }, 'admin command')
  try {
    const home = await findMunicipality(database.db, values.municipality)
    if (!home) fail({ nl: `Onbekende gemeente: ${values.municipality}`, en: `Unknown municipality: ${values.municipality}` })
    const region = values.region ?? null
    if (region && home.regionSlug !== region) {
      fail({
        nl: `${values.municipality} hoort niet bij regio ${region}. Een regio-ambtenaar werkt bij een gemeente van die regio.`,
        en: `${values.municipality} is not a member of region ${region}. A region official works at a municipality of that region.`,
      })
    }
    const problem = await passwordStrengthProblem(values.password, { email: email.data, municipalityName: home.name, municipalitySlug: home.slug })
    if (problem) {
      const text = passwordProblemText(problem)
      fail({ nl: `--password: ${text.nl}`, en: `--password: ${text.en}` })
    }
    const passwordHash = await hashPassword(values.password)
    const municipality = values.municipality
    // The account and its audit entry commit together.
    const id = await database.db.transaction(async (tx) => {
      const created = await insertOfficial(tx, { email: email.data, passwordHash, municipality, role: values.role as OfficialRole, region })
      if (created) await recordAudit(tx, { officialId: null, municipality, action: 'official.create', details: { officialId: created, role: values.role, via: 'cli', ...(region ? { region } : {}) } }, new Date())
      return created
    })
    if (!id) fail({ nl: `Er is al een account met e-mailadres ${email.data}`, en: `An account with e-mail ${email.data} exists already` })
    console.log(
      say({
        nl: `${values.role === 'admin' ? 'Beheerder' : 'Medewerker'} ${email.data} aangemaakt voor ${values.municipality}${region ? ` en regio ${region}` : ''} (id ${id})`,
        en: `Created ${values.role} ${email.data} for ${values.municipality}${region ? ` and region ${region}` : ''} (id ${id})`,
      }),
    )
  } finally {
    await database.close()
  }
}

async function runCommand(argv: string[]): Promise<void> {
  const [command, ...rest] = argv
  if (command === 'create-official') return createOfficial(rest)
  if (command === 'create-region') return createRegionCommand(rest)
  if (command === 'create-municipality') return createMunicipalityCommand(rest)
  if (command === 'backup') return backupCommand(rest)
  if (command === 'restore') return restoreCommand(rest)
  if (command === 'migrate-to-postgres') return migrateToPostgresCommand(rest)
  fail({
    nl: 'Gebruik: npm run admin -- create-official --email E --password P --municipality SLUG [--role official|admin] [--region SLUG] | create-region --slug SLUG --name NAAM | create-municipality --slug SLUG --name NAAM [--region SLUG] [--areas A,B] [--themes T,U] | backup --out BESTAND | restore --in BESTAND [--replace] | migrate-to-postgres --to postgres://... [--from DATA_DIR]',
    en: 'Usage: npm run admin -- create-official --email E --password P --municipality SLUG [--role official|admin] [--region SLUG] | create-region --slug SLUG --name NAME | create-municipality --slug SLUG --name NAME [--region SLUG] [--areas A,B] [--themes T,U] | backup --out FILE | restore --in FILE [--replace] | migrate-to-postgres --to postgres://... [--from DATA_DIR]',
  })
}

function exitWith(error: unknown): never {
  console.error(failureLine(error))
  process.exit(1)
}

// PGlite can fail outside the awaited chain (an abort in the wasm module); one line then, too.
process.on('uncaughtException', exitWith)
process.on('unhandledRejection', exitWith)
await runCommand(process.argv.slice(2)).catch(exitWith)
