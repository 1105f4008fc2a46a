import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { argon2id } from 'hash-wasm'
import { describe, expect, it } from 'vitest'
import { hashPassword, verifyAgainstNothing, verifyPassword } from '../../../src/server/auth/passwords'

/** Made by hash-wasm 4.13 with the parameters the app used before @node-rs/argon2: a stored hash. */
const HASH_WASM_HASH = '$argon2id$v=19$m=19456,t=2,p=1$yzulMZLqQmI756oK9u2IZw$/DpV5IXUz/aCiChjY/I/f6ldnkApHy19ZvmY8UjGnAU'
const HASH_WASM_PASSWORD = 'wachtwoord-van-voor-de-overstap'

const run = promisify(execFile)
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url))

/** How busy a fresh process's event loop is while it verifies and while it hashes (0..1 each). */
async function loopBusyShares(): Promise<{ verify: number; hash: number }> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'tests/server/auth/loop-busy-share.ts'], { cwd: repoRoot })
  return JSON.parse(stdout) as { verify: number; hash: number }
}

describe('password hashing', () => {
  it('stores argon2id at the OWASP baseline parameters (19 MiB, 2 passes, 1 lane) with a 16-byte salt', async () => {
    const hashed = await hashPassword('een-lange-zin')
    expect(hashed).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/)
    expect(await hashPassword('een-lange-zin')).not.toBe(hashed)
  })

  it('verifies the right password and rejects a wrong one', async () => {
    const hashed = await hashPassword('een-lange-zin')
    expect(await verifyPassword('een-lange-zin', hashed)).toBe(true)
    expect(await verifyPassword('een-andere-zin', hashed)).toBe(false)
  })

  it('still verifies hashes stored by hash-wasm before the switch', async () => {
    expect(await verifyPassword(HASH_WASM_PASSWORD, HASH_WASM_HASH)).toBe(true)
    expect(await verifyPassword('fout', HASH_WASM_HASH)).toBe(false)
    const fresh = await argon2id({ password: 'nog-een-zin', salt: randomBytes(16), parallelism: 1, iterations: 2, memorySize: 19_456, hashLength: 32, outputType: 'encoded' })
    expect(await verifyPassword('nog-een-zin', fresh)).toBe(true)
  })

  it('answers false, not an error, for a stored value that is no argon2 hash', async () => {
    expect(await verifyPassword('een-lange-zin', 'not-a-hash')).toBe(false)
    expect(await verifyAgainstNothing('een-lange-zin')).toBe(false)
  })

  it('leaves the event loop free for other requests while a password is hashed or verified', async () => {
    // On the thread pool the loop just waits for the answer; on the loop (hash-wasm) it is
    // busy for the whole check (share 1). A ratio of the loop's own states, not a wall-clock limit.
    const shares = await loopBusyShares()
    expect(shares.verify).toBeLessThan(0.5)
    expect(shares.hash).toBeLessThan(0.5)
  })
})
