import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDatabase, type Database } from '../../src/server/db/client'
import { migrateDatabase } from '../../src/server/db/migrate'
import { givenMunicipality } from '../support/factories'
import { findOfficialByEmail } from '../../src/server/repos/official-repo'
import { verifyPassword } from '../../src/server/auth/passwords'

const run = promisify(execFile)
let dataDir: string

function admin(args: string[], language: 'en' | 'default' = 'en') {
  // English unless a test checks the Dutch default: LANG/LC_* of the machine must not decide.
  const languageEnv = language === 'en' ? { MEEPRAAT_LANG: 'en' } : { MEEPRAAT_LANG: '', LANG: 'C.UTF-8', LC_ALL: '', LC_MESSAGES: '' }
  return run(process.execPath, ['--import', 'tsx', 'src/server/cli/admin.ts', ...args], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', ...languageEnv },
  }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  )
}

async function withDb<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const database = await createDatabase({ dataDir })
  try {
    return await fn(database)
  } finally {
    await database.close()
  }
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'meepraat-cli-'))
  await withDb(async (database) => {
    await migrateDatabase(database)
    await givenMunicipality(database.db)
  })
})
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

describe('npm run admin -- create-official (embedded database)', () => {
  it('creates an admin whose password is stored as an argon2id hash', async () => {
    const r = await admin(['create-official', '--email', 'Els@Beverwijk.nl', '--password', 'zonnige-dag-aan-zee', '--municipality', 'beverwijk', '--role', 'admin'])
    expect(r.code, r.out).toBe(0)
    expect(r.out).not.toContain('zonnige-dag-aan-zee')
    const account = await withDb((d) => findOfficialByEmail(d.db, 'els@beverwijk.nl'))
    expect(account?.role).toBe('admin')
    expect(account?.passwordHash).toMatch(/^\$argon2id\$/)
    expect(await verifyPassword('zonnige-dag-aan-zee', account!.passwordHash)).toBe(true)
  })

  it('refuses a weak password, an unknown municipality and a taken e-mail with a clear message', async () => {
    const weak = await admin(['create-official', '--email', 'a@b.nl', '--password', 'kort', '--municipality', 'beverwijk'])
    expect(weak.code).toBe(1)
    expect(weak.out).toMatch(/at least 12/)
    const unknown = await admin(['create-official', '--email', 'a@b.nl', '--password', 'zonnige-dag-aan-zee', '--municipality', 'atlantis'])
    expect(unknown.out).toMatch(/Unknown municipality/)
    const taken = await admin(['create-official', '--email', 'els@beverwijk.nl', '--password', 'zonnige-dag-aan-zee', '--municipality', 'beverwijk'])
    expect(taken.out).toMatch(/exists already/)
  })

  it('refuses the well-known weak passwords of the issue, with the reason', async () => {
    for (const password of ['Passw0rd1234', 'Summer2024!!', 'Beverwijk2026']) {
      const r = await admin(['create-official', '--email', 'piet@beverwijk.nl', '--password', password, '--municipality', 'beverwijk'])
      expect(r.code, password).toBe(1)
      expect(r.out, password).toMatch(/--password: This password is too easy to guess/)
    }
  })

  it('speaks Dutch by default: refusals, the usage line and what it created', async () => {
    const weak = await admin(['create-official', '--email', 'a@b.nl', '--password', 'kort', '--municipality', 'beverwijk'], 'default')
    expect(weak.out).toMatch(/^--password: Het wachtwoord is te kort: minstens 12 tekens\./)
    const guessable = await admin(['create-official', '--email', 'a@b.nl', '--password', 'Beverwijk2026', '--municipality', 'beverwijk'], 'default')
    expect(guessable.out).toMatch(/Dit wachtwoord is te makkelijk te raden\..*Kies een zin/)
    const unknown = await admin(['create-official', '--email', 'a@b.nl', '--password', 'zonnige-dag-aan-zee', '--municipality', 'atlantis'], 'default')
    expect(unknown.out).toMatch(/^Onbekende gemeente: atlantis/)
    const usage = await admin(['bogus'], 'default')
    expect(usage.out).toMatch(/^Gebruik: npm run admin/)
    const unexpected = await admin(['create-official', '--bogus'], 'default')
    expect(unexpected.out).toMatch(/^De opdracht is mislukt: /)
    const created = await admin(['create-official', '--email', 'anna@beverwijk.nl', '--password', 'zonnige-dag-aan-zee', '--municipality', 'beverwijk'], 'default')
    expect(created.out).toMatch(/^Medewerker anna@beverwijk\.nl aangemaakt voor beverwijk/)
  })

  it('answers an unexpected failure with one line and no stack', async () => {
    const r = await admin(['create-official', '--email', 'a@b.nl', '--bogus'])
    expect(r.code).toBe(1)
    expect(r.out.trimEnd().split('\n'), r.out).toHaveLength(1)
    expect(r.out).toMatch(/^The command failed: Unknown option '--bogus'/)
  })
})

describe('npm run admin -- create-official --region (embedded database)', () => {
  it('creates a region official who keeps their home municipality', async () => {
    const r = await admin(['create-official', '--email', 'regio@beverwijk.nl', '--password', 'zonnige-dag-aan-zee', '--municipality', 'beverwijk', '--region', 'ijmond'])
    expect(r.code, r.out).toBe(0)
    expect(r.out).toMatch(/region ijmond/)
    const account = await withDb((d) => findOfficialByEmail(d.db, 'regio@beverwijk.nl'))
    expect(account).toMatchObject({ municipality: 'beverwijk', region: 'ijmond', role: 'official' })
  })

  it('refuses a region the home municipality is not a member of, in the operator\'s language, and creates nothing', async () => {
    const args = ['--import', 'tsx', 'src/server/cli/admin.ts', 'create-official', '--email', 'x@beverwijk.nl', '--password', 'zonnige-dag-aan-zee', '--municipality', 'beverwijk', '--region', 'achterhoek']
    const inLanguage = (lang: string) =>
      run(process.execPath, args, { env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', MEEPRAAT_LANG: lang } }).then(
        () => ({ code: 0, err: '' }),
        (e: { code: number; stderr: string }) => ({ code: e.code, err: e.stderr.trim() }),
      )
    expect(await inLanguage('nl')).toEqual({ code: 1, err: 'beverwijk hoort niet bij regio achterhoek. Een regio-ambtenaar werkt bij een gemeente van die regio.' })
    expect(await inLanguage('en')).toEqual({ code: 1, err: 'beverwijk is not a member of region achterhoek. A region official works at a municipality of that region.' })
    expect(await withDb((d) => findOfficialByEmail(d.db, 'x@beverwijk.nl'))).toBeNull()
  })

  it('keeps --municipality working as before: an official without --region is no region official', async () => {
    const r = await admin(['create-official', '--email', 'gewoon@beverwijk.nl', '--password', 'zonnige-dag-aan-zee', '--municipality', 'beverwijk'])
    expect(r.code, r.out).toBe(0)
    expect((await withDb((d) => findOfficialByEmail(d.db, 'gewoon@beverwijk.nl')))?.region).toBeNull()
  })
})
