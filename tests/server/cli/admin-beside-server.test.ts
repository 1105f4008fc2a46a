import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDatabase } from '../../../src/server/db/client'
import { migrateDatabase } from '../../../src/server/db/migrate'
import { SubmissionBatchResultSchema, type Submission } from '../../../src/shared/schemas/submission'
import { aSubmission, givenItem, givenMunicipality } from '../../support/factories'
import { startServerProcess, type ServerProcess } from '../../support/server-process'

const run = promisify(execFile)
let dataDir: string
let itemId: string
let server: ServerProcess | undefined
const serverEnv = () => ({ DATA_DIR: dataDir, DATABASE_URL: '', DEMO: '0', STATIC_DIR: '/nonexistent' })

function admin(args: string[]) {
  return run(process.execPath, ['--import', 'tsx', 'src/server/cli/admin.ts', ...args], {
    // English: these tests read the messages in English (Dutch, the default, is tested in cli-admin).
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', MEEPRAAT_LANG: 'en' },
    timeout: 60_000,
  }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  )
}

const createOfficial = (email: string) =>
  admin(['create-official', '--email', email, '--password', 'zonnige-dag-aan-zee', '--municipality', 'beverwijk'])

async function submit(url: string, submission: Submission): Promise<string | undefined> {
  const response = await fetch(`${url}/api/submissions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ submissions: [submission] }),
  })
  expect(response.status).toBe(200)
  return SubmissionBatchResultSchema.parse(await response.json()).results[0]?.status
}

async function logIn(url: string, email: string): Promise<number> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'zonnige-dag-aan-zee' }),
  })
  return response.status
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'meepraat-cli-server-'))
  const database = await createDatabase({ dataDir })
  try {
    await migrateDatabase(database)
    await givenMunicipality(database.db)
    itemId = await givenItem(database.db, new Date())
  } finally {
    await database.close()
  }
})

afterAll(async () => {
  await server?.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('npm run admin beside a running server (embedded database)', () => {
  const before = () => aSubmission(itemId, { answeredAt: new Date().toISOString() })
  const answers: Submission[] = []

  it('refuses in one line while the server runs, twice, and the server keeps working', async () => {
    server = await startServerProcess(serverEnv())
    answers.push(before())
    expect(await submit(server.url, answers[0]!)).toBe('accepted')

    for (const email of ['els@beverwijk.nl', 'els@beverwijk.nl']) {
      const refused = await createOfficial(email)
      expect(refused.code).not.toBe(0)
      expect(refused.stdout).toBe('')
      const lines = refused.stderr.trimEnd().split('\n')
      expect(lines, refused.stderr).toHaveLength(1)
      expect(lines[0]).toMatch(/^The database in .+ is in use by a running Meepraat server \(pid \d+\)\. Stop the server and try again\.$/)
    }

    answers.push(before())
    expect(await submit(server.url, answers[1]!)).toBe('accepted')
    expect(await logIn(server.url, 'els@beverwijk.nl')).toBe(401)
  })

  it('keeps a second server off the same data directory with one clear line', async () => {
    const outcome = await startServerProcess(serverEnv()).then(
      async (second) => {
        await second.stop()
        return 'a second server started'
      },
      (error: Error) => error.message,
    )
    expect(outcome).toMatch(/server exited with 1 before listening:\nThe database in .+ is in use by a running Meepraat server \(pid \d+\)\. Stop that process first, or give this server its own DATA_DIR\.\n$/)
  })

  it('works once the server has stopped, and the restarted server has every account and answer', async () => {
    expect(await server!.stop()).toBe(0)
    const created = await createOfficial('els@beverwijk.nl')
    expect(created.code, created.stderr).toBe(0)
    expect(created.stdout).toMatch(/^Created official els@beverwijk\.nl for beverwijk/)

    server = await startServerProcess(serverEnv())
    expect(await logIn(server.url, 'els@beverwijk.nl')).toBe(200)
    // Posting an answer again answers `duplicate` only when the first one is stored.
    for (const answer of answers) expect(await submit(server.url, answer)).toBe('duplicate')
  })
})
