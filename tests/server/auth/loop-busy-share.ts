/**
 * Prints, as JSON, the share of a password check and a hash during which this process's event
 * loop was busy rather than waiting (Node's event-loop utilisation). Run in a process of its
 * own by passwords.test.ts, so no other test's timers or I/O share the loop being measured.
 */
import { performance } from 'node:perf_hooks'
import { hashPassword, verifyPassword } from '../../../src/server/auth/passwords'

async function busyShareDuring(work: () => Promise<unknown>): Promise<number> {
  const before = performance.eventLoopUtilization()
  await work()
  return performance.eventLoopUtilization(before).utilization
}

/** Several in a row: one check takes a few milliseconds, as long as a stray garbage collection. */
async function times(n: number, work: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < n; i++) await work()
}

const hashed = await hashPassword('een-lange-zin')
const verify = await busyShareDuring(() => times(10, () => verifyPassword('een-lange-zin', hashed)))
const hash = await busyShareDuring(() => times(5, () => hashPassword('een-lange-zin')))
console.log(JSON.stringify({ verify, hash }))
