// Loaded into the server process with `--import` when BENCH_CPU_PROF=DIR is set (--cpu-prof is
// not allowed in NODE_OPTIONS). Profiles the whole life of the process and, on exit, writes
// DIR/server-<pid>.cpuprofile plus DIR/server-<pid>.event-loop.json (event-loop delay in ms).
import { mkdirSync, writeFileSync } from 'node:fs'
import { Session } from 'node:inspector'
import path from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'

const dir = process.env.BENCH_CPU_PROF
if (dir) {
  mkdirSync(dir, { recursive: true })
  const session = new Session()
  session.connect()
  session.post('Profiler.enable')
  session.post('Profiler.setSamplingInterval', { interval: 200 })
  session.post('Profiler.start')
  const delay = monitorEventLoopDelay({ resolution: 10 })
  delay.enable()
  process.on('exit', () => {
    delay.disable()
    const ms = (ns) => Math.round(ns / 1e4) / 100
    const loop = { mean: ms(delay.mean), p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) }
    writeFileSync(path.join(dir, `server-${process.pid}.event-loop.json`), JSON.stringify(loop))
    // A same-thread session answers synchronously, so this finishes before the process ends.
    session.post('Profiler.stop', (error, result) => {
      if (!error) writeFileSync(path.join(dir, `server-${process.pid}.cpuprofile`), JSON.stringify(result.profile))
    })
  })
}
