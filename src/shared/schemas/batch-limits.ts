/*
 * How many entries one request may carry, apart from the schemas that enforce them: the phone's
 * outbox sizes its batches with these from the first page on, without building those schemas.
 */

/** Most submissions in one request; more gets 413. */
export const MAX_BATCH_SUBMISSIONS = 500
/** Most signals in one request; more gets 413. A phone holds a handful at most. */
export const MAX_BATCH_SIGNALS = 100
