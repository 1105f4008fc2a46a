/**
 * Runs a command with DATABASE_URL pointing at a throwaway PostgreSQL cluster, then removes the
 * cluster. `npm run test:pg` and `.ci/run` use it to run the server tests on a real server.
 * Usage: tsx scripts/with-postgres.ts [--durable] -- COMMAND [ARGS...]
 */
import { spawn } from 'node:child_process'
import { startPostgresCluster } from '../tests/support/postgres-cluster'

const args = process.argv.slice(2)
const durable = args.includes('--durable')
const dash = args.indexOf('--')
const command = dash >= 0 ? args.slice(dash + 1) : args.filter((a) => a !== '--durable')
if (command.length === 0) {
  console.error('usage: with-postgres [--durable] -- COMMAND [ARGS...]')
  process.exit(2)
}

const cluster = await startPostgresCluster({ durable })
console.log(`PostgreSQL cluster at ${cluster.url}`)
const child = spawn(command[0] as string, command.slice(1), {
  stdio: 'inherit',
  env: { ...process.env, DATABASE_URL: cluster.url },
})
const stop = () => cluster.stop()
process.on('SIGINT', () => child.kill('SIGINT'))
process.on('SIGTERM', () => child.kill('SIGTERM'))
child.on('exit', (code, signal) => {
  stop()
  process.exit(code ?? (signal ? 1 : 0))
})
