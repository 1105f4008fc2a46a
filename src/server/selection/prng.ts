/**
 * Seeded pseudo-random numbers for the selection by lot.
 *
 * A draw must be reproducible by anyone who has the published seed, on any machine and any
 * Node version, so we cannot use `Math.random` (unseeded, engine-specific). sfc32 is a small,
 * well-tested 128-bit-state generator (PractRand-clean) that only uses 32-bit integer
 * arithmetic, which JavaScript performs identically everywhere. Its state is taken from the
 * SHA-256 of the seed string, so every seed (also a short or similar one) gives an unrelated
 * stream.
 */
import { createHash } from 'node:crypto'

/** A deterministic source of random numbers; create one per draw with {@link createPrng}. */
export interface Prng {
  /** The next uniformly distributed unsigned 32-bit integer. */
  nextUint32(): number
}

/** sfc32 with its state seeded from SHA-256(seed), after discarding a warm-up of 12 outputs. */
export function createPrng(seed: string): Prng {
  const digest = createHash('sha256').update(seed, 'utf8').digest()
  let a = digest.readUInt32BE(0)
  let b = digest.readUInt32BE(4)
  let c = digest.readUInt32BE(8)
  let d = digest.readUInt32BE(12)
  const nextUint32 = (): number => {
    const t = (((a + b) | 0) + d) | 0
    d = (d + 1) | 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) | 0
    c = (c << 21) | (c >>> 11)
    c = (c + t) | 0
    return t >>> 0
  }
  for (let i = 0; i < 12; i++) nextUint32()
  return { nextUint32 }
}

/**
 * A uniform integer in [0, n), without modulo bias (rejection sampling), so that every person
 * in a shuffle really has the same chance.
 */
export function randomInt(prng: Prng, n: number): number {
  if (!Number.isInteger(n) || n <= 0 || n > 2 ** 32) throw new RangeError(`randomInt: n must be an integer in 1..2^32, got ${n}`)
  const limit = 2 ** 32 - (2 ** 32 % n)
  for (;;) {
    const x = prng.nextUint32()
    if (x < limit) return x % n
  }
}

/** A uniform float in [0, 1) with 53 random bits (two 32-bit outputs). */
export function randomUnit(prng: Prng): number {
  const hi = prng.nextUint32() >>> 5 // 27 bits
  const lo = prng.nextUint32() >>> 6 // 26 bits
  return (hi * 67108864 + lo) / 9007199254740992
}

/** Fisher–Yates shuffle: a uniformly random permutation, as a new array (the input is left alone). */
export function shuffle<T>(prng: Prng, items: readonly T[]): T[] {
  const out = items.slice()
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(prng, i + 1)
    const tmp = out[i] as T
    out[i] = out[j] as T
    out[j] = tmp
  }
  return out
}
