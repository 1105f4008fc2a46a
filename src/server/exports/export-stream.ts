import { PassThrough } from 'node:stream'
import type { ExportSink } from '../services/input-service'

/**
 * A stream for a reply and the sink that fills it, with back-pressure: a write waits while the
 * reader is behind, and fails once the reader is gone (so the export stops and rolls back
 * instead of reading on for nobody).
 */
export function exportStream(): { stream: PassThrough; sink: ExportSink; started: Promise<{ filename: string; format: 'csv' | 'json' }> } {
  const stream = new PassThrough()
  let markStarted: (file: { filename: string; format: 'csv' | 'json' }) => void = () => undefined
  const started = new Promise<{ filename: string; format: 'csv' | 'json' }>((resolve) => (markStarted = resolve))
  const gone = () => new Error('The reader of the export went away')
  const sink: ExportSink = {
    start: (file) => markStarted(file),
    async write(chunk) {
      if (stream.destroyed || stream.writableEnded) throw gone()
      if (stream.write(chunk)) return
      await new Promise<void>((resolve, reject) => {
        const onDrain = () => done(resolve)
        const onClose = () => done(() => reject(gone()))
        const done = (then: () => void) => {
          stream.off('drain', onDrain)
          stream.off('close', onClose)
          then()
        }
        stream.on('drain', onDrain)
        stream.on('close', onClose)
      })
    },
  }
  return { stream, sink, started }
}
