/**
 * Index arithmetic for Merkle trees of up to 2^53 − 1 leaves.
 *
 * JavaScript's bitwise operators (`>>`, `&`, `|`, `<<`) truncate to 32 bits, so a tree with more than
 * 2^31 leaves would silently get wrong proofs if they were used on indices. Everything here uses
 * `Math.floor` division, `%` and multiplication by powers of two instead, which are exact on
 * integers below 2^53. Nothing in `src/registry/log/` uses bitwise operators on indices.
 *
 * @module
 */

/**
 * The largest tree size (and, minus one, leaf index) this library represents: 2^53 − 1, the
 * largest integer a JavaScript number holds exactly.
 */
export const MAX_TREE_SIZE: number = Number.MAX_SAFE_INTEGER

/**
 * Throws unless `value` is an integer in `[0, 2^53 − 1]`.
 *
 * @param name - the parameter name, for the error message
 * @param value - the value to check
 * @returns nothing
 * @throws TypeError if `value` is not a number; RangeError if not a safe non-negative integer
 * @example
 * ```ts
 * assertIndex('size', 2 ** 40) // ok
 * assertIndex('size', -1)      // RangeError
 * ```
 */
export function assertIndex(name: string, value: unknown): asserts value is number {
  if (typeof value !== 'number') {
    throw new TypeError(`"${name}" expected a number, got ${typeof value}`)
  }
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`"${name}" expected an integer in [0, 2^53 - 1], got ${String(value)}`)
  }
}

/**
 * True when `n` is odd (the least significant bit is set), without 32-bit truncation.
 *
 * @param n - a non-negative safe integer
 * @returns whether `n` is odd
 * @throws nothing
 * @example
 * ```ts
 * isOdd(2 ** 40 + 1) // true
 * ```
 */
export function isOdd(n: number): boolean {
  return n % 2 === 1
}

/**
 * `n` shifted right by one bit (`floor(n / 2)`), exact for all safe integers.
 *
 * @param n - a non-negative safe integer
 * @returns `floor(n / 2)`
 * @throws nothing
 * @example
 * ```ts
 * half(2 ** 40 + 1) // 2 ** 39
 * ```
 */
export function half(n: number): number {
  return Math.floor(n / 2)
}

/**
 * True when `n` is an exact power of two (1, 2, 4, …).
 *
 * @param n - a non-negative safe integer
 * @returns whether `n` is 2^k for some k ≥ 0
 * @throws nothing
 * @example
 * ```ts
 * isPowerOfTwo(2 ** 33) // true
 * isPowerOfTwo(0)       // false
 * ```
 */
export function isPowerOfTwo(n: number): boolean {
  if (n < 1) return false
  let x = n
  while (x % 2 === 0) x /= 2
  return x === 1
}

/**
 * The largest power of two strictly less than `n` (RFC 9162 §2.1.1: "k be the largest power of
 * two smaller than n").
 *
 * @param n - an integer ≥ 2
 * @returns k = 2^j with k < n ≤ 2k
 * @throws RangeError if `n` < 2
 * @example
 * ```ts
 * largestPowerOfTwoBelow(8) // 4
 * largestPowerOfTwoBelow(9) // 8
 * ```
 */
export function largestPowerOfTwoBelow(n: number): number {
  if (!(n >= 2)) throw new RangeError(`"n" expected an integer >= 2, got ${String(n)}`)
  let k = 1
  while (k * 2 < n) k *= 2
  return k
}

/**
 * The largest power of two less than or equal to `n`.
 *
 * @param n - an integer ≥ 1
 * @returns 2^j with 2^j ≤ n < 2^(j+1)
 * @throws RangeError if `n` < 1
 * @example
 * ```ts
 * largestPowerOfTwoAtMost(8) // 8
 * ```
 */
export function largestPowerOfTwoAtMost(n: number): number {
  if (!(n >= 1)) throw new RangeError(`"n" expected an integer >= 1, got ${String(n)}`)
  let k = 1
  while (k * 2 <= n) k *= 2
  return k
}

/**
 * log2 of a power of two.
 *
 * @param p - an exact power of two
 * @returns j with 2^j = p
 * @throws RangeError if `p` is not a power of two
 * @example
 * ```ts
 * log2Exact(2 ** 40) // 40
 * ```
 */
export function log2Exact(p: number): number {
  if (!isPowerOfTwo(p)) throw new RangeError(`"p" expected a power of two, got ${String(p)}`)
  let j = 0
  let x = p
  while (x > 1) {
    x /= 2
    j++
  }
  return j
}
