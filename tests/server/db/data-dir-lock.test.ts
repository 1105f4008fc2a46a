import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createDatabase } from '../../../src/server/db/client'
import { currentOwner, DataDirInUseError, LOCK_FILE, lockDataDir, type LockOwner } from '../../../src/server/db/data-dir-lock'
import { migrateDatabase } from '../../../src/server/db/migrate'
import { SubmissionBatchResultSchema, type Submission } from '../../../src/shared/schemas/submission'
import { aSubmission, givenItem, givenMunicipality } from '../../support/factories'
import { startServerProcess } from '../../support/server-process'

let dataDir: string
const lockPath = () => path.join(dataDir, LOCK_FILE)
const writeLock = (owner: LockOwner) => writeFileSync(lockPath(), JSON.stringify(owner))
const readLock = () => JSON.parse(readFileSync(lockPath(), 'utf8')) as LockOwner

/** The pid of a process that has already ended. */
function deadPid(): number {
  const { pid } = spawnSync(process.execPath, ['-e', ''])
  if (!pid) throw new Error('could not start a process')
  return pid
}

beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'meepraat-lock-'))
})
afterEach(() => rmSync(dataDir, { recursive: true, force: true }))

describe('lockDataDir', () => {
  it('takes over a lock left by a process that no longer runs', () => {
    writeLock({ ...currentOwner('server'), pid: deadPid() })
    const lock = lockDataDir(dataDir, 'admin command')
    expect(readLock()).toMatchObject({ pid: process.pid, role: 'admin command' })
    lock.release()
    expect(existsSync(lockPath())).toBe(false)
  })

  it('takes over a lock whose pid now belongs to another process (different start time)', () => {
    const me = currentOwner('server')
    if (me.startTime === null) return expect.fail('this test needs /proc to read start times')
    writeLock({ ...me, startTime: me.startTime - 1 })
    const lock = lockDataDir(dataDir, 'admin command')
    expect(readLock()).toMatchObject({ pid: process.pid, startTime: me.startTime, role: 'admin command' })
    lock.release()
  })

  it('takes over a lock file that holds no owner', () => {
    writeFileSync(lockPath(), '')
    lockDataDir(dataDir, 'server').release()
  })

  it('refuses while the owner runs, naming its role and pid', async () => {
    const owner = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' })
    try {
      await new Promise<void>((resolve) => owner.once('spawn', resolve))
      writeLock(currentOwner('server', owner.pid))
      expect(() => lockDataDir(dataDir, 'admin command')).toThrow(DataDirInUseError)
      expect(() => lockDataDir(dataDir, 'admin command')).toThrow(`The database in ${dataDir} is in use by a running Meepraat server (pid ${owner.pid}).`)
      expect(readLock().pid).toBe(owner.pid)
    } finally {
      owner.kill('SIGKILL')
    }
  })

  it('refuses a second open in the same process', async () => {
    const first = lockDataDir(dataDir, 'server')
    expect(() => lockDataDir(dataDir, 'server')).toThrow(DataDirInUseError)
    first.release()
    lockDataDir(dataDir, 'server').release()
  })

  it('never removes a lock another process has taken meanwhile', () => {
    const lock = lockDataDir(dataDir, 'server')
    const other = { ...currentOwner('server'), pid: process.pid + 1 }
    writeLock(other)
    lock.release()
    expect(readLock()).toEqual(other)
  })
})

async function submit(url: string, submission: Submission): Promise<string | undefined> {
  const response = await fetch(`${url}/api/submissions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ submissions: [submission] }) })
  return SubmissionBatchResultSchema.parse(await response.json()).results[0]?.status
}

describe('the embedded database and its lock', () => {
  it('opens a directory whose server was killed with SIGKILL, with its data intact', async () => {
    const seeded = await createDatabase({ dataDir })
    await migrateDatabase(seeded)
    await givenMunicipality(seeded.db)
    const answer = aSubmission(await givenItem(seeded.db, new Date()), { answeredAt: new Date().toISOString() })
    await seeded.close()
    const env = { DATA_DIR: dataDir, DATABASE_URL: '', DEMO: '0', STATIC_DIR: '/nonexistent' }
    const killed = await startServerProcess(env)
    expect(await submit(killed.url, answer)).toBe('accepted')
    await killed.stop('SIGKILL')
    expect(readLock().pid).toBe(killed.child.pid)

    const restarted = await startServerProcess(env)
    try {
      expect(await submit(restarted.url, answer)).toBe('duplicate')
      expect(readLock().pid).toBe(restarted.child.pid)
    } finally {
      expect(await restarted.stop()).toBe(0)
    }
    expect(existsSync(lockPath())).toBe(false)
  })
})
