import { randomBytes } from 'node:crypto'
import { hash, verify, type Algorithm } from '@node-rs/argon2'

/**
 * Native argon2 on the libuv thread pool: a check takes 50-200 ms of CPU, which on the event
 * loop (as with the WASM hash-wasm before) would stall every other request meanwhile.
 * Hashes made by hash-wasm are the same PHC strings and still verify.
 */
const ARGON2ID = 2 as Algorithm.Argon2id

/** OWASP's argon2id baseline: 19 MiB memory, 2 iterations, 1 lane. */
export const PASSWORD_HASH_PARAMS = { algorithm: ARGON2ID, parallelism: 1, timeCost: 2, memoryCost: 19_456, outputLen: 32 } as const

export async function hashPassword(password: string): Promise<string> {
  return hash(password, { ...PASSWORD_HASH_PARAMS, salt: randomBytes(16) })
}

export async function verifyPassword(password: string, hashed: string): Promise<boolean> {
  try {
    return await verify(hashed, password)
  } catch {
    return false
  }
}

let dummyHash: Promise<string> | null = null
/**
 * Spends the same time as a real check, so the answer time does not tell whether an e-mail
 * address has an account.
 */
export async function verifyAgainstNothing(password: string): Promise<false> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'))
  await verifyPassword(password, await dummyHash)
  return false
}
