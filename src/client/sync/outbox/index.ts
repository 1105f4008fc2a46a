/**
 * The outbox, in one place: what kinds of entry there are and how each is sent
 * (`entry-types.ts`), queueing in the resident's own transaction (`enqueue.ts`), batching
 * (`batching.ts`), applying the server's answers (`results.ts`), stepping aside (`step-aside.ts`)
 * and the drain that ties them together (`drain.ts`). The sync engine only decides when to drain.
 */
export * from './entry-types'
export * from './enqueue'
export * from './batching'
export * from './results'
export * from './step-aside'
export * from './drain'
