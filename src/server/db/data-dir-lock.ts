import { randomUUID } from 'node:crypto'
import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs'
import path from 'node:path'

/**
 * One process owns an embedded data directory at a time. PGlite has no lock of its own (its
 * postmaster.pid always says -42), and two PGlite instances on one directory corrupt it beyond
 * repair. So before PGlite opens DATA_DIR we create `DATA_DIR/.meepraat.lock` atomically (a
 * complete file is hard-linked into place, which fails if one exists) holding who owns it.
 * A lock left by a process that died (kill -9, power cut) is recognised and taken over: its pid
 * is gone, or the pid now belongs to another process (a different start time or boot).
 */
export const LOCK_FILE = '.meepraat.lock'

export interface LockOwner {
  pid: number
  /** Start time of the process in clock ticks after boot (/proc/PID/stat field 22); null where /proc is missing. */
  startTime: number | null
  bootId: string | null
  /** What the process is, for the message of whoever is refused ("server", "admin command"). */
  role: string
}

export interface DataDirLock {
  /** Removes the lock when it is still ours. Safe to call twice. */
  release(): void
}

/** Thrown when a live process owns the data directory. */
export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner,
  ) {
    super(`The database in ${dataDir} is in use by a running Meepraat ${owner.role} (pid ${owner.pid}).`)
    this.name = 'DataDirInUseError'
  }
}

/** Takes the lock of `dataDir` for this process, or throws DataDirInUseError. */
export function lockDataDir(dataDir: string, role: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true })
  const lockPath = path.join(dataDir, LOCK_FILE)
  const me = currentOwner(role)
  // A few rounds: a stale lock is removed and the next round links ours; another process doing
  // the same at the same moment makes one of us see a live owner.
  for (let round = 0; round < 5; round++) {
    if (tryLink(lockPath, me)) return holdLock(lockPath, me)
    const owner = readOwner(lockPath)
    if (owner === 'missing') continue
    if (owner !== 'unreadable' && isAlive(owner)) throw new DataDirInUseError(dataDir, owner)
    removeStaleLock(lockPath, owner)
  }
  throw new Error(`Could not take the lock ${lockPath}; remove it if no Meepraat process uses ${dataDir}.`)
}

/** The identity of a process as the lock records it. */
export function currentOwner(role: string, pid = process.pid): LockOwner {
  return { pid, startTime: processStartTime(pid), bootId: bootId(), role }
}

/** Whether the process that wrote `owner` still runs (and is the same process, not a reused pid). */
export function isAlive(owner: LockOwner): boolean {
  try {
    process.kill(owner.pid, 0)
  } catch (error) {
    // EPERM: it exists but belongs to someone else, which still makes it the owner.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false
  }
  const bootNow = bootId()
  if (owner.bootId && bootNow && owner.bootId !== bootNow) return false
  const startNow = processStartTime(owner.pid)
  return owner.startTime === null || startNow === null || owner.startTime === startNow
}

function holdLock(lockPath: string, me: LockOwner): DataDirLock {
  let held = true
  const release = () => {
    if (!held) return
    held = false
    process.off('exit', release)
    const owner = readOwner(lockPath)
    if (typeof owner === 'object' && sameOwner(owner, me)) unlinkQuietly(lockPath)
  }
  // process.exit() (the CLI's way out on an error) skips every finally block but runs this.
  process.on('exit', release)
  return { release }
}

/** Writes the whole lock to a private file, then links it into place: others never see half a lock. */
function tryLink(lockPath: string, me: LockOwner): boolean {
  const draft = `${lockPath}.${process.pid}.${randomUUID()}`
  const fd = openSync(draft, 'wx', 0o644)
  try {
    writeSync(fd, JSON.stringify(me) + '\n')
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  try {
    linkSync(draft, lockPath)
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  } finally {
    unlinkQuietly(draft)
  }
}

/**
 * Removes a stale lock, but only the one we judged: if another process took it over meanwhile,
 * its (live) lock stays. The check and the unlink are not one atomic step; two processes taking
 * over the same stale lock within that instant is the remaining, documented gap.
 */
function removeStaleLock(lockPath: string, judged: LockOwner | 'unreadable'): void {
  const now = readOwner(lockPath)
  if (now === 'missing') return
  if (judged === 'unreadable' ? now === 'unreadable' : typeof now === 'object' && sameOwner(now, judged)) unlinkQuietly(lockPath)
}

function readOwner(lockPath: string): LockOwner | 'missing' | 'unreadable' {
  let text: string
  try {
    text = readFileSync(lockPath, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing'
    throw error
  }
  try {
    const parsed = JSON.parse(text) as Partial<LockOwner>
    if (typeof parsed.pid !== 'number' || !Number.isInteger(parsed.pid) || parsed.pid <= 0) return 'unreadable'
    return {
      pid: parsed.pid,
      startTime: typeof parsed.startTime === 'number' ? parsed.startTime : null,
      bootId: typeof parsed.bootId === 'string' ? parsed.bootId : null,
      role: typeof parsed.role === 'string' ? parsed.role : 'process',
    }
  } catch {
    return 'unreadable'
  }
}

function sameOwner(a: LockOwner, b: LockOwner): boolean {
  return a.pid === b.pid && a.startTime === b.startTime && a.bootId === b.bootId
}

/** Field 22 of /proc/PID/stat; the command name before it may hold spaces and parentheses. */
function processStartTime(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    const ticks = Number(fields[19])
    return Number.isFinite(ticks) ? ticks : null
  } catch {
    return null
  }
}

function bootId(): string | null {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || null
  } catch {
    return null
  }
}

function unlinkQuietly(file: string): void {
  try {
    unlinkSync(file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
}
