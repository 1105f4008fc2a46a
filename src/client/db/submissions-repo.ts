import type { Item } from '../../shared/schemas/item'
import { ProfileSchema, type Profile } from '../../shared/schemas/profile'
import type { Answers } from '../../shared/schemas/question'
import type { Submission } from '../../shared/schemas/submission'
import { compactAnswers, findAnswerIssues, type AnswerIssue } from '../../shared/validation/answers'
import { enqueue } from '../sync/outbox/enqueue'
import type { LocalSubmission, MeepraatDb } from './db'
import { getDeviceId, getMunicipality } from './meta-repo'

/** The answers do not fit the item's questions; `issues` says which question and why. */
export class InvalidAnswersError extends Error {
  override readonly name = 'InvalidAnswersError'
  readonly issues: readonly AnswerIssue[]

  constructor(issues: readonly AnswerIssue[]) {
    super(`Answers do not fit the questions: ${issues.map((i) => `${i.questionId} (${i.problem})`).join(', ')}`)
    this.issues = issues
  }
}

/** The phone has no room left for the answer; nothing was saved, the form should keep its state. */
export class StorageFullError extends Error {
  override readonly name = 'StorageFullError'

  constructor(cause: unknown) {
    super('The device storage is full; the answer was not saved', { cause })
  }
}

/** IndexedDB refused the write for another reason (private mode, blocked, broken); nothing was saved. */
export class StorageWriteError extends Error {
  override readonly name = 'StorageWriteError'

  constructor(cause: unknown) {
    super('The answer could not be saved on this device', { cause })
  }
}

const QUOTA_ERROR_NAMES = new Set(['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED'])

/** Dexie wraps the browser's error in `inner`, standard errors use `cause`: look through both. */
function isQuotaError(error: unknown): boolean {
  let current: unknown = error
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    if ('name' in current && typeof current.name === 'string' && QUOTA_ERROR_NAMES.has(current.name)) return true
    current = ('inner' in current && current.inner) || ('cause' in current && current.cause) || undefined
  }
  return false
}

/**
 * Turns a failed IndexedDB write into an error the UI can explain. Exported so other writes of
 * the resident's own input (profile, settings) can report a full disk the same way.
 */
export function toStorageError(error: unknown): StorageFullError | StorageWriteError {
  return isQuotaError(error) ? new StorageFullError(error) : new StorageWriteError(error)
}

type AnswerSavedListener = (submission: LocalSubmission) => void
const answerSavedListeners = new Set<AnswerSavedListener>()

/**
 * Tells the sync engine a new entry waits in the outbox, so it can send right away without the
 * UI having to remember to ask. Returns the function that unsubscribes.
 */
export function onAnswerSaved(listener: AnswerSavedListener): () => void {
  answerSavedListeners.add(listener)
  return () => answerSavedListeners.delete(listener)
}

let persistRequested = false

/**
 * Asks the browser not to evict our storage under pressure, once, after the first real save (when
 * the request is most likely granted). Best effort: unsupported or refused changes nothing.
 */
function requestPersistentStorageOnce(): void {
  if (persistRequested) return
  persistRequested = true
  try {
    const storage = typeof navigator === 'undefined' ? undefined : navigator.storage
    void storage?.persist?.().catch(() => false)
  } catch {
    // Some embedded browsers throw on access; persistence is a nicety, never a requirement.
  }
}

export interface SaveAnswerInput {
  item: Item
  answers: Answers
  /** The optional profile the resident agreed to share; sent along with the answer. */
  profile?: Profile
  /** When the resident pressed send; defaults to now. Tests pass a fixed moment. */
  now?: Date
}

/**
 * Saves the resident's answer on the phone and queues it for sending, in one transaction: either
 * both the submission and its outbox entry exist, or neither does, so an answer is never shown as
 * saved without being queued (or sent without being shown). The submission id is made here, at
 * the moment of sending, and is the idempotency key for every retry. The previous answer to the
 * same item is marked as replaced; it stays queued, the server keeps the newest per device.
 *
 * @throws InvalidAnswersError when the answers do not fit the item's questions.
 * @throws StorageFullError / StorageWriteError when IndexedDB refuses the write.
 */
export async function saveAnswer(db: MeepraatDb, input: SaveAnswerInput): Promise<LocalSubmission> {
  const answers = compactAnswers(input.answers)
  const issues = findAnswerIssues(input.item.questions, answers)
  if (issues.length > 0) throw new InvalidAnswersError(issues)
  // The profile is optional by design: a malformed one is dropped rather than costing the answer.
  const profile = input.profile === undefined ? undefined : ProfileSchema.safeParse(input.profile).data
  const answeredAt = (input.now ?? new Date()).toISOString()

  let saved: LocalSubmission
  try {
    saved = await db.transaction('rw', [db.submissions, db.outbox, db.meta], async () => {
      const deviceId = await getDeviceId(db)
      const id = crypto.randomUUID()
      const payload: Submission = { id, itemId: input.item.id, deviceId, answeredAt, answers }
      // An answer to an item for a whole region says which municipality the resident chose,
      // so the region can read its input per municipality; other answers do not need it.
      const chosen = input.item.regionSlug ? await getMunicipality(db) : undefined
      const sent = chosen ? { ...profile, municipality: chosen } : profile
      if (sent !== undefined && Object.keys(sent).length > 0) payload.profile = sent
      const submission: LocalSubmission = {
        id,
        itemId: input.item.id,
        municipality: input.item.municipality,
        answeredAt,
        answers,
        state: 'saved',
      }
      if (payload.profile) submission.profile = payload.profile
      await db.submissions
        .where('itemId')
        .equals(input.item.id)
        .filter((previous) => previous.replacedBy === undefined)
        .modify({ replacedBy: id })
      await db.submissions.add(submission)
      await enqueue(db, 'submission', id, payload, answeredAt)
      return submission
    })
  } catch (error) {
    throw toStorageError(error)
  }
  requestPersistentStorageOnce()
  for (const listener of answerSavedListeners) listener(saved)
  return saved
}

function newestFirst(a: LocalSubmission, b: LocalSubmission): number {
  return Date.parse(b.answeredAt) - Date.parse(a.answeredAt)
}

/** The resident's current answer to an item (not replaced by a newer one), if any. */
export async function latestAnswerFor(db: MeepraatDb, itemId: string): Promise<LocalSubmission | undefined> {
  const current = await db.submissions
    .where('itemId')
    .equals(itemId)
    .filter((s) => s.replacedBy === undefined)
    .toArray()
  return current.sort(newestFirst)[0]
}

/** The resident's current answer per item, newest first: the "my input" list with its states. */
export async function myAnswers(db: MeepraatDb): Promise<LocalSubmission[]> {
  const current = await db.submissions.filter((s) => s.replacedBy === undefined).toArray()
  return current.sort(newestFirst)
}

/**
 * How many entries still wait to be sent. Parked entries (refused for good) are not waiting:
 * they show as "not accepted" on the answer itself.
 */
export function waitingCount(db: MeepraatDb): Promise<number> {
  return db.outbox.filter((entry) => entry.parked === undefined).count()
}
