import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { freePort, startServerProcess, type ServerProcess } from '../support/server-process'

/** Scrapes until `ready` holds for the text (the start-up job check runs beside the first requests), at most 20 s. */
async function scrapeUntil(url: string, ready: (text: string) => boolean): Promise<{ response: Response; text: string }> {
  const deadline = Date.now() + 20_000
  for (;;) {
    const response = await fetch(url)
    const text = await response.text()
    if (ready(text) || Date.now() > deadline) return { response, text }
    await new Promise((r) => setTimeout(r, 100))
  }
}

const RETENTION_CHECKED = /meepraat_job_runs_total\{job="retention",outcome="(succeeded|failed)"\} 1/

let dataDir: string | undefined
let server: ServerProcess | undefined
afterAll(async () => {
  await server?.stop()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

describe('METRICS_PORT', () => {
  it('serves Prometheus text on its own port, not on the app port, and closes with the server', async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'meepraat-metrics-port-'))
    const metricsPort = await freePort()
    server = await startServerProcess({ DATA_DIR: dataDir, DATABASE_URL: '', DEMO: '0', STATIC_DIR: '/nonexistent', METRICS_PORT: String(metricsPort) })
    expect(server.output()).toContain(`Metrics at http://127.0.0.1:${metricsPort}/metrics`)
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200)

    const { response: scrape, text } = await scrapeUntil(`http://127.0.0.1:${metricsPort}/metrics`, (t) => RETENTION_CHECKED.test(t))
    expect(scrape.status).toBe(200)
    expect(scrape.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/)
    expect(text).toContain('meepraat_http_requests_total{route="/api/health",method="GET",status_class="2xx"} 1')
    expect(text).toContain('meepraat_database_info{kind="embedded"} 1')
    // The retention job is checked at start; process metrics are on for the real server.
    expect(text).toMatch(RETENTION_CHECKED)
    expect(text).toContain('meepraat_job_runs_total{job="retention",outcome="succeeded"} 1')
    expect(text).toContain('process_cpu_seconds_total')

    expect((await fetch(`http://127.0.0.1:${metricsPort}/other`)).status).toBe(404)
    const onAppPort = await fetch(`${server.url}/metrics`)
    expect(onAppPort.status).toBe(404)
    expect(onAppPort.headers.get('content-type')).toMatch(/^application\/problem\+json/)

    expect(await server.stop()).toBe(0)
    server = undefined
    await expect(fetch(`http://127.0.0.1:${metricsPort}/metrics`)).rejects.toThrow()
  })
})
