import { appendFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { MailMessage, Notifier } from './notifier'

/** Whether a stored line is a message about one of these registrations. */
function isAbout(line: string, ids: ReadonlySet<string>): boolean {
  try {
    const about = (JSON.parse(line) as { about?: unknown }).about
    return typeof about === 'string' && ids.has(about)
  } catch {
    return false
  }
}

/**
 * Development default: appends every message as one JSON line to `DATA_DIR/mail/outbox.jsonl`,
 * so a developer can read what would have been sent without an SMTP server. A withdrawal
 * rewrites the file without the messages about that registration: it holds names and addresses.
 */
export function createFileNotifier(dataDir: string, onFirstWrite?: (file: string) => void): Notifier {
  const dir = path.resolve(dataDir, 'mail')
  const file = path.join(dir, 'outbox.jsonl')
  let announced = false
  // Appends and rewrites take turns, so a rewrite never drops a message appended meanwhile.
  let turn: Promise<unknown> = Promise.resolve()
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const next = turn.then(work, work)
    turn = next.catch(() => undefined)
    return next
  }
  return {
    send: (message: MailMessage) =>
      inTurn(async () => {
        await mkdir(dir, { recursive: true })
        await appendFile(file, `${JSON.stringify({ at: new Date().toISOString(), ...message })}\n`, 'utf8')
        if (!announced) {
          announced = true
          onFirstWrite?.(file)
        }
      }),
    forget: (about: readonly string[]) =>
      inTurn(async () => {
        if (about.length === 0) return
        const ids = new Set(about)
        let text: string
        try {
          text = await readFile(file, 'utf8')
        } catch (error) {
          if ((error as { code?: string }).code === 'ENOENT') return
          throw error
        }
        const lines = text.split('\n').filter((line) => line !== '')
        const kept = lines.filter((line) => !isAbout(line, ids))
        if (kept.length === lines.length) return
        // A new file renamed over the old one: a crash mid-way leaves either the old or the new file.
        const temporary = `${file}.${process.pid}.tmp`
        await writeFile(temporary, kept.map((line) => `${line}\n`).join(''), 'utf8')
        await rename(temporary, file)
      }),
    async close() {
      await turn
    },
  }
}
