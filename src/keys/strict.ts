/**
 * RFC 8032 strict pre-checks on raw bytes, run before any Ed25519 backend is asked, so that every
 * backend (node:crypto, Web Crypto, noble) accepts and rejects exactly the same signatures.
 *
 * Policy (see docs and `test/vectors/speccheck/`):
 * - public key A: 32 bytes, canonical (y < p, RFC 8032 §5.1.3 step 1), not of small order (any of
 *   the 8 torsion points, with either sign bit), and a point on the curve (§5.1.3 steps 2–4);
 * - signature: 64 bytes, R canonical (y < p, §5.1.3), S < L (§5.1.7 step 1);
 * - the equation is the cofactorless [S]B = R + [k]A (§5.1.7 step 3 allows it; OpenSSL, BoringSSL
 *   and Web Crypto in Node use it). That part is done by the backends.
 *
 * Everything here is pure and synchronous. The byte checks need no BigInt; the on-curve check
 * ({@link isOnCurveEncoding}) does, and runs only where a key is validated once (did:key parsing,
 * key import), not on every verification (the backends reject off-curve keys themselves).
 *
 * @module
 */
import { CounterfoilError } from '../errors.js'

/** Length of an Ed25519 public key, RFC 8032 §5.1.5. */
export const PUBLIC_KEY_LENGTH = 32
/** Length of an Ed25519 secret seed ("private key" in RFC 8032 §5.1.5). */
export const SEED_LENGTH = 32
/** Length of an Ed25519 signature R ‖ S, RFC 8032 §5.1.6. */
export const SIGNATURE_LENGTH = 64

// p = 2^255 - 19, little-endian: ed ff ff … ff 7f (RFC 8032 §5.1).
// L = 2^252 + 27742317777372353535851937790883648493, little-endian (RFC 8032 §5.1).
const L_LE = /* @__PURE__ */ Uint8Array.of(
  0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
)

/**
 * The y coordinates (low 255 bits, little-endian hex) of the 8 points of small order: the identity
 * (y = 1), the point of order 2 (y = p − 1), the two of order 4 (y = 0) and the four of order 8 (two
 * y values, each with both signs of x). Comparing the low 255 bits blocks every sign-bit variant.
 * The non-canonical aliases y = p (≡ 0) and y = p + 1 (≡ 1) are already rejected as y ≥ p.
 * `test/keys/strict.test.ts` recomputes this list from the curve.
 */
export const SMALL_ORDER_Y: readonly string[] = Object.freeze([
  '0000000000000000000000000000000000000000000000000000000000000000', // y = 0, order 4
  '0100000000000000000000000000000000000000000000000000000000000000', // y = 1, order 1
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f', // y = p − 1, order 2
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05', // order 8
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a', // order 8
])

const SMALL_ORDER_Y_BYTES: readonly Uint8Array[] = SMALL_ORDER_Y.map(hexToBytes)

function hexToBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2)
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16)
  return out
}

function assertBytes(value: unknown, name: string): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array)) {
    const got = value === null ? 'null' : typeof value === 'object' ? value.constructor?.name ?? 'object' : typeof value
    throw new TypeError(`"${name}" expected Uint8Array, got type=${got}`)
  }
}

/**
 * True when the 32-byte point encoding is canonical as far as bytes can tell: the low 255 bits,
 * read little-endian, are < p = 2^255 − 19 (RFC 8032 §5.1.3 step 1), and the sign bit is not set on
 * a point whose x is 0, i.e. y = ±1 (§5.1.3 step 4). A byte comparison: y ≥ p exactly when bytes
 * 1…30 are 0xff, byte 31 without its sign bit is 0x7f and byte 0 is ≥ 0xed. Whether the encoding
 * decodes to a point at all is {@link isOnCurveEncoding}.
 *
 * @param point - a 32-byte point encoding (public key A or signature R)
 * @returns whether y < p
 * @throws TypeError if `point` is not a Uint8Array; RangeError if its length is not 32
 * @example
 * ```ts
 * isCanonicalEncoding(new Uint8Array(32)) // true (y = 0)
 * isCanonicalEncoding(new Uint8Array(32).fill(0xff)) // false (y = 2^255 − 1)
 * isCanonicalEncoding(Uint8Array.of(1, ...new Uint8Array(30), 0x80)) // false (x = 0, sign bit 1)
 * ```
 */
export function isCanonicalEncoding(point: Uint8Array): boolean {
  assertBytes(point, 'point')
  if (point.length !== 32) throw new RangeError(`"point" expected Uint8Array of length 32, got length=${point.length}`)
  return isCanonicalAt(point, 0)
}

/** {@link isCanonicalEncoding} of the 32 bytes at `at`, unchecked: no view to allocate per signature. */
function isCanonicalAt(b: Uint8Array, at: number): boolean {
  const top = b[at + 31]!
  if ((top & 0x80) !== 0 && isZeroXAt(b, at)) return false // §5.1.3 step 4
  if ((top & 0x7f) !== 0x7f) return true
  for (let i = at + 30; i >= at + 1; i--) if (b[i] !== 0xff) return true
  return b[at]! < 0xed // §5.1.3 step 1: y < p
}

/** y = 1 or y = p − 1 (low 255 bits) at `at`: the two points with x = 0. */
function isZeroXAt(b: Uint8Array, at: number): boolean {
  const top = b[at + 31]! & 0x7f
  if (b[at] === 0x01 && top === 0) {
    for (let i = at + 1; i < at + 31; i++) if (b[i] !== 0) return false
    return true
  }
  if (b[at] === 0xec && top === 0x7f) {
    for (let i = at + 1; i < at + 31; i++) if (b[i] !== 0xff) return false
    return true
  }
  return false
}

/**
 * True when the 32-byte point encoding names a point of small order (order 1, 2, 4 or 8), with
 * either sign bit. Only meaningful for canonical encodings (see {@link isCanonicalEncoding}).
 *
 * @param point - a 32-byte point encoding
 * @returns whether the low 255 bits equal one of {@link SMALL_ORDER_Y}
 * @throws TypeError if `point` is not a Uint8Array; RangeError if its length is not 32
 * @example
 * ```ts
 * isSmallOrderEncoding(Uint8Array.of(1, ...new Uint8Array(31))) // true: the identity
 * ```
 */
export function isSmallOrderEncoding(point: Uint8Array): boolean {
  assertBytes(point, 'point')
  if (point.length !== 32) throw new RangeError(`"point" expected Uint8Array of length 32, got length=${point.length}`)
  outer: for (const y of SMALL_ORDER_Y_BYTES) {
    for (let i = 0; i < 31; i++) if (point[i] !== y[i]) continue outer
    if ((point[31]! & 0x7f) === y[31]) return true
  }
  return false
}

/**
 * True when the 32-byte little-endian scalar is < L, the group order (RFC 8032 §5.1.7 step 1:
 * "if … S is not in the range 0 ≤ S < L, the signature is invalid").
 *
 * @param s - the 32-byte S half of a signature
 * @returns whether S < L
 * @throws TypeError if `s` is not a Uint8Array; RangeError if its length is not 32
 * @example
 * ```ts
 * isReducedScalar(new Uint8Array(32)) // true
 * ```
 */
export function isReducedScalar(s: Uint8Array): boolean {
  assertBytes(s, 's')
  if (s.length !== 32) throw new RangeError(`"s" expected Uint8Array of length 32, got length=${s.length}`)
  return isReducedAt(s, 0)
}

/** {@link isReducedScalar} of the 32 bytes at `at`, unchecked. */
function isReducedAt(b: Uint8Array, at: number): boolean {
  for (let i = 31; i >= 0; i--) {
    if (b[at + i]! < L_LE[i]!) return true
    if (b[at + i]! > L_LE[i]!) return false
  }
  return false // S = L
}

/**
 * The byte-level public key checks run before every verification: length 32, canonical y
 * (RFC 8032 §5.1.3), not small order. Does not check that the point is on the curve; the backends
 * reject such keys themselves, and {@link checkPublicKey} checks it where a key is imported.
 *
 * @param publicKey - candidate public key bytes
 * @returns whether the key passes the byte checks; never throws
 * @example
 * ```ts
 * isWellFormedPublicKey(new Uint8Array(31)) // false
 * ```
 */
export function isWellFormedPublicKey(publicKey: unknown): publicKey is Uint8Array {
  return (
    publicKey instanceof Uint8Array &&
    publicKey.length === PUBLIC_KEY_LENGTH &&
    isCanonicalEncoding(publicKey) &&
    !isSmallOrderEncoding(publicKey)
  )
}

/**
 * The signature checks that need no key or message: length 64, R canonical (y < p, RFC 8032
 * §5.1.3 applied to R as §5.1.7 step 1 requires), S < L (§5.1.7 step 1).
 *
 * @param signature - candidate signature bytes R ‖ S
 * @returns whether the signature is well formed; never throws
 * @example
 * ```ts
 * isWellFormedSignature(new Uint8Array(64)) // true: R = 0 encodes a point, S = 0 < L
 * isWellFormedSignature(new Uint8Array(64).fill(0xff)) // false
 * ```
 */
export function isWellFormedSignature(signature: unknown): signature is Uint8Array {
  return (
    signature instanceof Uint8Array &&
    signature.length === SIGNATURE_LENGTH &&
    isCanonicalAt(signature, 0) &&
    isReducedAt(signature, 32)
  )
}

// --- on-curve check (RFC 8032 §5.1.3 steps 2–4) -------------------------------------------------

const P = 2n ** 255n - 19n
const D = 0x52036cee2b6ffe738cc740797779e89800700a4d4141d8ab75eb4dca135978a3n // −121665/121666 mod p (§5.1)

const MASK_255 = (1n << 255n) - 1n

/** a mod p for 0 ≤ a, using 2^255 ≡ 19 (mod p): cheaper than BigInt division. */
function reduce(a: bigint): bigint {
  while (a > MASK_255) a = (a & MASK_255) + 19n * (a >> 255n)
  return a >= P ? a - P : a
}

function modP(a: bigint): bigint {
  return a < 0n ? reduce((a % P) + P) : reduce(a)
}

/** x^(2^k), k squarings. */
function sqrN(x: bigint, k: number): bigint {
  while (k-- > 0) x = reduce(x * x)
  return x
}

/** x^((p − 5) / 8) = x^(2^252 − 3), the addition chain used by ref10 (254 squarings, 11 products). */
function powP58(x: bigint): bigint {
  const b2 = reduce(reduce(x * x) * x) // x^(2^2 − 1)
  const b4 = reduce(sqrN(b2, 2) * b2) // 2^4 − 1
  const b5 = reduce(sqrN(b4, 1) * x) // 2^5 − 1
  const b10 = reduce(sqrN(b5, 5) * b5)
  const b20 = reduce(sqrN(b10, 10) * b10)
  const b40 = reduce(sqrN(b20, 20) * b20)
  const b80 = reduce(sqrN(b40, 40) * b40)
  const b160 = reduce(sqrN(b80, 80) * b80)
  const b240 = reduce(sqrN(b160, 80) * b80)
  const b250 = reduce(sqrN(b240, 10) * b10) // 2^250 − 1
  return reduce(sqrN(b250, 2) * x) // 2^252 − 3
}

/**
 * True when a canonical 32-byte encoding decodes to a curve point (RFC 8032 §5.1.3 steps 2–4):
 * u/v with u = y² − 1, v = d·y² + 1 has a square root x, and not (x = 0 with the sign bit set).
 * Uses BigInt; about one field exponentiation.
 *
 * @param point - a 32-byte point encoding
 * @returns whether it decodes (non-canonical y returns false)
 * @throws TypeError if `point` is not a Uint8Array; RangeError if its length is not 32
 * @example
 * ```ts
 * isOnCurveEncoding(new Uint8Array(32)) // true: y = 0 is a point (of order 4)
 * ```
 */
export function isOnCurveEncoding(point: Uint8Array): boolean {
  if (!isCanonicalEncoding(point)) return false
  let y = 0n
  for (let i = 31; i >= 0; i--) y = (y << 8n) | BigInt(i === 31 ? point[i]! & 0x7f : point[i]!)
  const signBit = (point[31]! & 0x80) !== 0
  const y2 = reduce(y * y)
  const u = modP(y2 - 1n)
  const v = reduce(D * y2 + 1n)
  // §5.1.3 step 3: candidate root x = (u v³)(u v⁷)^((p−5)/8)
  const v3 = reduce(reduce(v * v) * v)
  const v7 = reduce(reduce(v3 * v3) * v)
  const x = reduce(reduce(u * v3) * powP58(reduce(u * v7)))
  const vx2 = reduce(v * reduce(x * x))
  if (vx2 !== u && vx2 !== modP(-u)) return false // no square root: not a point
  if (u === 0n && signBit) return false // §5.1.3 step 4: x = 0 but x_0 = 1
  return true
}

/**
 * Validates an Ed25519 public key strictly: 32 bytes, canonical (RFC 8032 §5.1.3), on the curve,
 * not of small order. Use where a key enters the system (did:key, JWK, multibase import).
 *
 * @param publicKey - the key to check
 * @returns nothing; returns normally when the key is acceptable
 * @throws TypeError if `publicKey` is not a Uint8Array
 * @throws CounterfoilError `ERR_INVALID_KEY` for a wrong length, non-canonical, off-curve or
 *   small-order key
 * @example
 * ```ts
 * checkPublicKey(keyPair.publicKey) // ok
 * checkPublicKey(new Uint8Array(32)) // throws ERR_INVALID_KEY (small order)
 * ```
 */
export function checkPublicKey(publicKey: Uint8Array): void {
  assertBytes(publicKey, 'publicKey')
  if (publicKey.length !== PUBLIC_KEY_LENGTH) {
    throw new CounterfoilError(
      'ERR_INVALID_KEY',
      `"publicKey" expected Uint8Array of length 32, got length=${publicKey.length}`,
    )
  }
  if (!isCanonicalEncoding(publicKey)) {
    throw new CounterfoilError('ERR_INVALID_KEY', 'Ed25519 public key is not canonical (y ≥ p, RFC 8032 §5.1.3)')
  }
  if (isSmallOrderEncoding(publicKey)) {
    throw new CounterfoilError('ERR_INVALID_KEY', 'Ed25519 public key is a point of small order')
  }
  if (!isOnCurveEncoding(publicKey)) {
    throw new CounterfoilError('ERR_INVALID_KEY', 'Ed25519 public key is not a point on the curve (RFC 8032 §5.1.3)')
  }
}

/**
 * Like {@link checkPublicKey} but returns a boolean instead of throwing.
 *
 * @param publicKey - candidate key
 * @returns whether `checkPublicKey` would accept it; never throws
 * @example
 * ```ts
 * if (!isValidPublicKey(bytes)) return { valid: false }
 * ```
 */
export function isValidPublicKey(publicKey: unknown): publicKey is Uint8Array {
  return isWellFormedPublicKey(publicKey) && isOnCurveEncoding(publicKey)
}

/**
 * Throws a noble-style TypeError/RangeError unless `value` is a Uint8Array (of `length`, if given).
 * For programmer mistakes at API boundaries.
 *
 * @param value - the argument
 * @param name - the argument's name, for the message
 * @param length - the required length, if any
 * @returns nothing
 * @throws TypeError if not a Uint8Array; RangeError on a length mismatch
 * @example
 * ```ts
 * assertBytesArg(seed, 'seed', 32) // "seed" expected Uint8Array of length 32, got length=31
 * ```
 */
export function assertBytesArg(value: unknown, name: string, length?: number): asserts value is Uint8Array {
  assertBytes(value, name)
  if (length !== undefined && value.length !== length) {
    throw new RangeError(`"${name}" expected Uint8Array of length ${length}, got length=${value.length}`)
  }
}
