import type { HideReason } from '../../shared/schemas/input'
import type { ManagedItem } from '../../shared/schemas/item-draft'
import type { Db } from '../db/client'
import { notFound } from '../errors'
import { jsonWriter, packedCsvWriter, type itemJson } from '../exports/item-export'
import { visibleAnswerCsvChunks } from '../repos/export-repo'
import { setAnswerHidden, visibleAnswerPages } from '../repos/input-repo'
import { findManagedItem } from '../repos/managed-item-repo'
import { audited, type Actor, type ServiceContext } from './context'
import { manageableItem, readableItem } from './item-access'

/**
 * An item whose input the official may read: in their reach (`item-access.ts`; a regional item of
 * their region too), or for a bare slug that municipality's own. Others answer like a missing one.
 */
export async function ownItem(db: Db, viewer: Actor | string, id: string, now: Date): Promise<ManagedItem> {
  if (typeof viewer !== 'string') return readableItem(db, viewer, id, now)
  const item = await findManagedItem(db, viewer, id, now)
  if (!item) throw notFound('item')
  return item
}

/** Hides an answer from results and exports (kept for the audit), with the reason. */
export async function hideAnswer(context: ServiceContext, actor: Actor, itemId: string, submissionId: string, reason: HideReason): Promise<void> {
  await audited(context, actor, 'answer.hide', async (tx) => {
    const item = await manageableItem(tx, actor, itemId, context.now)
    if (!(await setAnswerHidden(tx, item, submissionId, { hidden: true, reason, by: actor.id, at: context.now }))) throw notFound('answer')
    return { result: undefined, itemId: item.id, details: { submissionId, reason } }
  })
}

export async function unhideAnswer(context: ServiceContext, actor: Actor, itemId: string, submissionId: string): Promise<void> {
  await audited(context, actor, 'answer.unhide', async (tx) => {
    const item = await manageableItem(tx, actor, itemId, context.now)
    if (!(await setAnswerHidden(tx, item, submissionId, { hidden: false }))) throw notFound('answer')
    return { result: undefined, itemId: item.id, details: { submissionId } }
  })
}

/** Where a streamed export goes: told the file's name before the first byte, then written to. */
export interface ExportSink {
  /** Called once the official may have the export, before any `write`. */
  start(file: { filename: string; format: 'csv' | 'json' }): void
  /** Resolves when the chunk may be followed by the next (back-pressure); rejects when the reader left. */
  write(chunk: string): Promise<void>
}

/**
 * Characters of CSV handed to the sink at a time: back-pressure then works in small steps, so a
 * slow reader holds at most about this much text in flight (a page of 10,000 rows is about 1 MB),
 * and each chunk stays an ordinary young heap object that the next minor collection frees.
 */
const EXPORT_CHUNK_CHARS = 32 * 1024

/**
 * Streams the visible input of an item as CSV or JSON into `sink`, a page of rows at a time from
 * a cursor, so memory stays flat at any number of answers. Read and audited in one transaction:
 * the audit entry (with the number of rows) commits when the last row went out; an export the
 * reader broke off rolls back and leaves none.
 */
export async function streamInputExport(context: ServiceContext, actor: Actor, itemId: string, format: 'csv' | 'json', sink: ExportSink): Promise<void> {
  await audited(context, actor, 'item.export', async (tx) => {
    const item = await ownItem(tx, actor, itemId, context.now)
    sink.start({ filename: `meepraat-${item.id}.${format}`, format })
    let rows = 0
    if (format === 'csv') {
      // The database packs each row into one text and the writer keeps the cells of answers it
      // has seen: the same bytes as `csvWriter`, at a fraction of the work per row.
      const csv = packedCsvWriter(item)
      await sink.write(csv.header)
      for await (const chunk of visibleAnswerCsvChunks(tx, item.id, csv.questionIds, csv.line, EXPORT_CHUNK_CHARS)) {
        rows += chunk.rows
        await sink.write(chunk.text)
      }
    } else {
      const json = jsonWriter(item)
      await sink.write(json.head)
      for await (const page of visibleAnswerPages(tx, item.id)) {
        await sink.write((rows > 0 ? ',' : '') + page.map((r) => json.row(r)).join(','))
        rows += page.length
      }
      await sink.write(json.tail)
    }
    return { result: undefined, itemId: item.id, details: { format, rows } }
  })
}

export interface ItemExport {
  filename: string
  format: 'csv' | 'json'
  body: string | ReturnType<typeof itemJson>
}

/** The whole export at once, for callers that want it in memory (a small item, a test): the same stream, collected. */
export async function exportInput(context: ServiceContext, actor: Actor, itemId: string, format: 'csv' | 'json'): Promise<ItemExport> {
  const chunks: string[] = []
  let filename = ''
  await streamInputExport(context, actor, itemId, format, {
    start: (file) => (filename = file.filename),
    write: async (chunk) => void chunks.push(chunk),
  })
  const text = chunks.join('')
  return { filename, format, body: format === 'json' ? (JSON.parse(text) as ReturnType<typeof itemJson>) : text }
}
