/**
 * Admin commands. Usage:
 *   npm run admin -- create-official --email E --password P --municipality SLUG [--role official|admin]
 * Works on the configured database (embedded by default, DATABASE_URL for PostgreSQL).
 */
import { parseArgs } from 'node:util'
import { EmailSchema, OFFICIAL_ROLES, type OfficialRole } from '../../shared/schemas/official'
import { PASSWORD_PROBLEM_MESSAGES, passwordProblem } from '../../shared/validation/password'
import { hashPassword } from '../auth/passwords'
import { loadConfig } from '../config'
import { openDatabase } from '../db/open'
import { recordAudit } from '../repos/audit-repo'
import { findMunicipality } from '../repos/municipality-repo'
import { insertOfficial } from '../repos/official-repo'

function fail(message: string): never {
  console.error(message)
  process.exit(1)
}

async function createOfficial(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { email: { type: 'string' }, password: { type: 'string' }, municipality: { type: 'string' }, role: { type: 'string', default: 'official' } },
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
  const database = await openDatabase({ ...loadConfig(), demo: false })
  try {
    if (!(await findMunicipality(database.db, values.municipality))) fail(`Unknown municipality: ${values.municipality}`)
    const id = await insertOfficial(database.db, {
      email: email.data,
      passwordHash: await hashPassword(values.password),
      municipality: values.municipality,
      role: values.role as OfficialRole,
    })
    if (!id) fail(`An account with e-mail ${email.data} exists already`)
    await recordAudit(database.db, { officialId: null, municipality: values.municipality, action: 'official.create', details: { officialId: id, role: values.role, via: 'cli' } }, new Date())
    console.log(`Created ${values.role} ${email.data} for ${values.municipality} (id ${id})`)
  } finally {
    await database.close()
  }
}

const [command, ...rest] = process.argv.slice(2)
if (command === 'create-official') {
  await createOfficial(rest)
} else {
  fail('Usage: npm run admin -- create-official --email E --password P --municipality SLUG [--role official|admin]')
}
