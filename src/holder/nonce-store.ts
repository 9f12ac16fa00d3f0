/**
 * Replay protection for presentations: a verifier hands out a fresh nonce, and a {@link NonceStore}
 * remembers each nonce it has accepted so the same presentation cannot be shown twice.
 */
import { toBase64url } from '../codec/multibase.js'
import { CounterfoilError } from '../errors.js'

/**
 * Where a verifier remembers nonces it has accepted. Plug in a shared store (Redis `SET NX EX`, a
 * database unique key) when several servers verify presentations.
 */
export interface NonceStore {
  /**
   * Records `nonce` as used. Resolves true the first time, false if it was already used and is
   * still remembered. `expiresAt` (integer seconds) is when the presentation carrying it expires:
   * the nonce must be remembered at least until then. `verifyPresentation` passes the audience and
   * the nonce joined by a NUL character, so two verifiers sharing one store never collide.
   */
  claim(nonce: string, expiresAt: number): Promise<boolean>
}

/** Options for {@link memoryNonceStore}. */
export interface MemoryNonceStoreOptions {
  /** Remember every nonce at least this many seconds after it was claimed (default 600). */
  ttl?: number
  /** Most nonces remembered at once (default 100 000); when full of live nonces, claims fail closed. */
  maxEntries?: number
  /** Clock in milliseconds, for tests; default `Date.now`. */
  clock?: () => number
}

/** Default {@link MemoryNonceStoreOptions.ttl}, seconds. */
export const DEFAULT_NONCE_TTL = 600
/** Default {@link MemoryNonceStoreOptions.maxEntries}. */
export const DEFAULT_MAX_NONCES = 100_000

/**
 * A nonce store in memory, for one process. Each nonce is kept until the later of its
 * presentation's expiry and `ttl` seconds after the claim, then evicted; memory stays bounded by
 * `maxEntries`.
 *
 * @param options - see {@link MemoryNonceStoreOptions}
 * @returns a {@link NonceStore}
 * @throws {RangeError} for a non-positive `ttl` or `maxEntries`
 * @throws {CounterfoilError} from `claim`: `ERR_OVERLOADED` when `maxEntries` live nonces are held
 * @example
 * ```ts
 * const nonceStore = memoryNonceStore({ ttl: 300 })
 * await nonceStore.claim('n-1', exp) // true
 * await nonceStore.claim('n-1', exp) // false: replayed
 * ```
 */
export function memoryNonceStore(options: MemoryNonceStoreOptions = {}): NonceStore & { readonly size: number } {
  const ttl = options.ttl ?? DEFAULT_NONCE_TTL
  const maxEntries = options.maxEntries ?? DEFAULT_MAX_NONCES
  const clock = options.clock ?? Date.now
  if (!Number.isSafeInteger(ttl) || ttl <= 0) throw new RangeError(`"ttl" expected positive integer seconds, got ${ttl}`)
  if (!Number.isSafeInteger(maxEntries) || maxEntries <= 0) throw new RangeError(`"maxEntries" expected a positive integer, got ${maxEntries}`)
  const until = new Map<string, number>()
  let claimsSinceSweep = 0
  const sweep = (now: number): void => {
    claimsSinceSweep = 0
    for (const [nonce, t] of until) if (t <= now) until.delete(nonce)
  }
  return {
    get size() {
      return until.size
    },
    async claim(nonce: string, expiresAt: number): Promise<boolean> {
      if (typeof nonce !== 'string') throw new TypeError('"nonce" expected a string')
      if (!Number.isSafeInteger(expiresAt)) throw new TypeError('"expiresAt" expected integer seconds')
      const now = Math.floor(clock() / 1000)
      // A full sweep is O(n); doing it every max(1024, n/4) claims keeps the cost per claim constant.
      if (++claimsSinceSweep >= Math.max(1024, until.size / 4) || until.size >= maxEntries) sweep(now)
      const held = until.get(nonce)
      if (held !== undefined && held > now) return false
      if (held === undefined && until.size >= maxEntries) {
        throw new CounterfoilError('ERR_OVERLOADED', `nonce store holds ${maxEntries} live nonces; try again later`)
      }
      until.set(nonce, Math.max(expiresAt, now + ttl))
      return true
    },
  }
}

/**
 * A fresh random nonce for a verifier to send to a holder: 16 random bytes as `u…` text.
 *
 * @returns the nonce
 * @example
 * ```ts
 * const nonce = createNonce() // send with the audience; expect it back in the presentation
 * ```
 */
export function createNonce(): string {
  return toBase64url(crypto.getRandomValues(new Uint8Array(16)))
}
