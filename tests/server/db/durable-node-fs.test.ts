import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDatabase } from '../../../src/server/db/client'
import { migrateDatabase } from '../../../src/server/db/migrate'
import { SubmissionBatchResultSchema } from '../../../src/shared/schemas/submission'
import { aSubmission, givenItem, givenMunicipality } from '../../support/factories'
import { startServerProcess, type ServerProcess } from '../../support/server-process'

const STRACE = '/usr/bin/strace'
const haveStrace = existsSync(STRACE)
if (!haveStrace) console.warn(`Skipping the fsync trace test: ${STRACE} is missing (apt-get install strace).`)

let dir: string
let traceFile: string
let server: ServerProcess | undefined
let itemId: string

interface Call {
  line: number
  name: string
  /** The path strace -y shows for the first argument. */
  path: string
  text: string
}

/** The traced calls, one per line; `<unfinished ...>` halves are joined by keeping the start. */
function readTrace(): Call[] {
  return readFileSync(traceFile, 'utf8')
    .split('\n')
    .flatMap((text, line) => {
      const match = /^\d+\s+[\d:.]+\s+(\w+)\(\d+<([^>]*)>/.exec(text)
      return match ? [{ line, name: match[1]!, path: match[2]!, text }] : []
    })
}

const isResponse = (c: Call) => /^(write|writev|sendto)$/.test(c.name) && c.text.includes('HTTP/1.1 ')

beforeAll(async () => {
  if (!haveStrace) return
  dir = mkdtempSync(path.join(tmpdir(), 'meepraat-fsync-'))
  traceFile = path.join(dir, 'strace.txt')
  const dataDir = path.join(dir, 'data')
  const database = await createDatabase({ dataDir })
  try {
    await migrateDatabase(database)
    await givenMunicipality(database.db)
    itemId = await givenItem(database.db, new Date())
  } finally {
    await database.close()
  }
  // -y names the file behind each descriptor, -tt gives the order in time, -s shows the start of the response.
  const trace = [STRACE, '-f', '-tt', '-y', '-s', '64', '--seccomp-bpf', '-e', 'trace=fsync,fdatasync,pwrite64,write,writev,sendto', '-o', traceFile]
  server = await startServerProcess({ DATA_DIR: dataDir, DATABASE_URL: '', DEMO: '0', STATIC_DIR: '/nonexistent' }, undefined, trace)
})

afterAll(async () => {
  await server?.stop()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

describe('POST /api/submissions on the embedded database', () => {
  it.skipIf(!haveStrace)('answers accepted only after the WAL is flushed to disk (strace: pwrite64, fdatasync, then the response)', async () => {
    // The health response marks where the submission's system calls begin.
    expect((await fetch(`${server!.url}/api/health`)).status).toBe(200)
    const response = await fetch(`${server!.url}/api/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ submissions: [aSubmission(itemId, { answeredAt: new Date().toISOString() })] }),
    })
    expect(SubmissionBatchResultSchema.parse(await response.json()).results[0]?.status).toBe('accepted')
    expect(await server!.stop()).toBe(0)
    server = undefined

    const calls = readTrace()
    const responses = calls.filter(isResponse)
    expect(responses.length, 'two HTTP responses in the trace').toBeGreaterThanOrEqual(2)
    const [health, submission] = responses as [Call, Call]
    expect(submission.text).toContain('HTTP/1.1 200')
    const between = calls.filter((c) => c.line > health.line && c.line < submission.line)
    const walWrites = between.filter((c) => c.name === 'pwrite64' && c.path.includes('/pg_wal/'))
    expect(walWrites.length, 'the commit writes the WAL').toBeGreaterThan(0)
    const lastWalWrite = walWrites.at(-1)!
    const flushes = between.filter((c) => /^f(data)?sync$/.test(c.name) && c.path === lastWalWrite.path && c.line > lastWalWrite.line)
    expect(flushes.map((c) => c.text), `trace between the two responses:\n${between.map((c) => c.text).join('\n')}`).not.toHaveLength(0)
  })
})
