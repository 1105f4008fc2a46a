import { randomInt } from 'node:crypto'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { MAX_BATCH_BYTES, MAX_BATCH_SUBMISSIONS } from '../../shared/schemas/submission'
import { HttpError } from '../errors'
import { createGroupCommit } from '../ingest/group-commit'
import { TALLY_SHARDS } from '../repos/result-counts'
import { ingestSubmissions } from '../repos/submission-repo'
import { submissionRoutes as routes } from '../../shared/routes/submission-routes'
import { registerRoute } from './register-route'

export const submissionRoutes: FastifyPluginAsyncZod = async (app) => {
  // Each concurrent group adds to its own tally shard; another process starts elsewhere in the
  // shards, so processes side by side mostly miss each other's rows too.
  const firstShard = randomInt(TALLY_SHARDS)
  // PGlite is one connection: more than one transaction at a time would only queue inside it.
  const ingest = createGroupCommit((batch, slot) => ingestSubmissions(app.database.db, batch, app.clock(), app.deviceKeys, (firstShard + slot) % TALLY_SHARDS), {
    concurrency: app.database.kind === 'embedded' ? 1 : 4,
    maxBatch: 2 * MAX_BATCH_SUBMISSIONS,
    gatherOneTurn: app.database.kind === 'embedded',
    observer: {
      groupStarted(requests, submissions, waitsMs) {
        app.metrics.ingestGroupRequests.observe(requests)
        app.metrics.ingestGroupSubmissions.observe(submissions)
        for (const ms of waitsMs) app.metrics.ingestGroupWait.observe(ms / 1000)
      },
      isolatedRetry: () => app.metrics.ingestIsolatedRetries.inc(),
    },
  })

  registerRoute(app, routes.submit, {
      bodyLimit: MAX_BATCH_BYTES,
      // The contract says too many submissions is "too large" (413), not "malformed" (400).
      preValidation: async (request) => {
        const submissions = (request.body as { submissions?: unknown } | null)?.submissions
        if (Array.isArray(submissions) && submissions.length > MAX_BATCH_SUBMISSIONS) {
          throw new HttpError(413, 'payload_too_large', `At most ${MAX_BATCH_SUBMISSIONS} submissions per request`)
        }
      },
    },
    async (request) => {
      app.metrics.ingestBatchSize.observe(request.body.submissions.length)
      const results = await ingest(request.body.submissions)
      for (const r of results) app.metrics.submissionResults.inc(r.reason ? { status: r.status, reason: r.reason } : { status: r.status })
      return { results }
    },
  )
}
