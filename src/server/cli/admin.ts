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
import { PASSWORD_PROBLEM_MESSAGES, passwordProblem } from '../../shared/validation/password'
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


/** The one line printed for any failure: what went wrong and, where we know it, what to do. */
function failureLine(error: unknown): string {
  if (error instanceof CommandError) return error.message
  if (error instanceof DataDirInUseError) {
    const todo = error.owner.role === 'server' ? 'Stop the server and try again.' : 'Wait until it has finished and try again.'
    return `${error.message} ${todo}`
  }
  // parseArgs refuses unknown or malformed options with a readable message of its own.
  const message = error instanceof Error ? error.message : String(error)
  return `The command failed: ${message.split('\n')[0]?.slice(0, 300) ?? ''}`
}

async function createOfficial(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { email: { type: 'string' }, password: { type: 'string' }, municipality: { type: 'string' }, role: { type: 'string', default: 'official' }, region: { type: 'string' } },
    strict: true,
  })
  const email = EmailSchema.safeParse(values.email)
  if (!email.success) fail('--email: give a valid e-mail address')
  if (!values.password) fail('--password is required')
  if (!values.municipality) fail('--municipality is required (a slug, e.g. beverwijk)')
  if (!OFFICIAL_ROLES.includes(values.role as OfficialRole)) fail(`--role must be one of: ${OFFICIAL_ROLES.join(', ')}`)
  const problem = passwordProblem(values.password, email.data)
  if (problem) fail(`--password: ${PASSWORD_PROBLEM_MESSAGES[problem]}`)

  // Never seed demo content as a side effect of an admin command.
  const database = await openDatabase({ ...loadConfig(), demo: false }, 'admin command')
  try {
    const home = await findMunicipality(database.db, values.municipality)
    if (!home) fail(`Unknown municipality: ${values.municipality}`)
    const region = values.region ?? null
    if (region && home.regionSlug !== region) {
      fail(say({
        nl: `${values.municipality} hoort niet bij regio ${region}. Een regio-ambtenaar werkt bij een gemeente van die regio.`,
        en: `${values.municipality} is not a member of region ${region}. A region official works at a municipality of that region.`,
      }))
    }
    const passwordHash = await hashPassword(values.password)
    const municipality = values.municipality
    // The account and its audit entry commit together.
    const id = await database.db.transaction(async (tx) => {
      const created = await insertOfficial(tx, { email: email.data, passwordHash, municipality, role: values.role as OfficialRole, region })
      if (created) await recordAudit(tx, { officialId: null, municipality, action: 'official.create', details: { officialId: created, role: values.role, via: 'cli', ...(region ? { region } : {}) } }, new Date())
      return created
    })
    if (!id) fail(`An account with e-mail ${email.data} exists already`)
    console.log(`Created ${values.role} ${email.data} for ${values.municipality}${region ? ` and region ${region}` : ''} (id ${id})`)
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
  fail('Usage: npm run admin -- create-official --email E --password P --municipality SLUG [--role official|admin] [--region SLUG] | create-region --slug SLUG --name NAME | create-municipality --slug SLUG --name NAME [--region SLUG] [--areas A,B] [--themes T,U] | backup --out FILE | restore --in FILE [--replace] | migrate-to-postgres --to postgres://... [--from DATA_DIR]')
}

function exitWith(error: unknown): never {
  console.error(failureLine(error))
  process.exit(1)
}

// PGlite can fail outside the awaited chain (an abort in the wasm module); one line then, too.
process.on('uncaughtException', exitWith)
process.on('unhandledRejection', exitWith)
await runCommand(process.argv.slice(2)).catch(exitWith)
