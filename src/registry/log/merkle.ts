/**
 * RFC 9162 Merkle tree hashing and proof verification (SHA-256), identical to RFC 6962.
 *
 * Verification follows RFC 9162 §2.1.3.2 and §2.1.4.2 step by step. "Right-shift" and "LSB" are
 * computed with division and modulo ({@link half}, {@link isOdd}) so indices stay exact up to
 * 2^53 − 1, beyond the 2^31 where JavaScript's bitwise operators would silently truncate.
 *
 * Error policy: `verifyInclusion` and `verifyConsistency` return `false` for every bad *data*
 * input (an index ≥ size, a proof of the wrong length, a hash that is not 32 bytes, a wrong root).
 * They throw `TypeError`/`RangeError` only for programmer mistakes: a non-number index or size, a
 * negative or fractional one, or something that is not a `Uint8Array` where bytes are expected.
 *
 * @module
 */
import { sha256 } from '@noble/hashes/sha2.js'
import { assertBytes } from '../../codec/bytes.js'
import { assertIndex, half, isOdd, isPowerOfTwo, largestPowerOfTwoBelow } from './tree-math.js'

/** Length in bytes of every hash in the tree (SHA-256). */
export const HASH_LENGTH = 32

const LEAF_PREFIX = 0x00
const NODE_PREFIX = 0x01

function assertHash(name: string, value: unknown): asserts value is Uint8Array {
  assertBytes(value, name, HASH_LENGTH)
}

/**
 * The hash of a leaf: SHA-256(0x00 ‖ entry), RFC 9162 §2.1.1.
 *
 * @param entry - the log entry bytes
 * @returns the 32-byte leaf hash
 * @throws TypeError if `entry` is not a `Uint8Array`
 * @example
 * ```ts
 * const h = hashLeaf(new TextEncoder().encode('hello'))
 * ```
 */
export function hashLeaf(entry: Uint8Array): Uint8Array {
  assertBytes(entry, 'entry')
  const buf = new Uint8Array(1 + entry.length)
  buf[0] = LEAF_PREFIX
  buf.set(entry, 1)
  return sha256(buf)
}

/**
 * The hash of an interior node: SHA-256(0x01 ‖ left ‖ right), RFC 9162 §2.1.1.
 *
 * @param left - the left child's 32-byte hash
 * @param right - the right child's 32-byte hash
 * @returns the 32-byte node hash
 * @throws TypeError if an argument is not a `Uint8Array`; RangeError if it is not 32 bytes
 * @example
 * ```ts
 * const root = hashChildren(hashLeaf(a), hashLeaf(b))
 * ```
 */
export function hashChildren(left: Uint8Array, right: Uint8Array): Uint8Array {
  assertHash('left', left)
  assertHash('right', right)
  return nodeHash(left, right)
}

/** hashChildren without argument checks, for inner loops over already-validated hashes. */
function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  const buf = new Uint8Array(1 + 2 * HASH_LENGTH)
  buf[0] = NODE_PREFIX
  buf.set(left, 1)
  buf.set(right, 1 + HASH_LENGTH)
  return sha256(buf)
}

/**
 * The root of the empty tree: SHA-256 of the empty string, RFC 9162 §2.1.1.
 *
 * @returns `e3b0c442…b855`
 * @throws nothing
 * @example
 * ```ts
 * rootFromLeafHashes([]) // equals emptyRoot()
 * ```
 */
export function emptyRoot(): Uint8Array {
  return sha256(new Uint8Array(0))
}

/**
 * The Merkle Tree Hash MTH(D[n]) of a list of leaf hashes, RFC 9162 §2.1.1, by the recursive
 * definition: split at the largest power of two smaller than n. Holds every leaf hash in memory,
 * so it suits tests, small trees and checking a tile; a log uses `rootAt` over its node store.
 *
 * @param leafHashes - the leaf hashes, in log order (each 32 bytes)
 * @returns the 32-byte root hash
 * @throws TypeError/RangeError if a leaf hash is not a 32-byte `Uint8Array`
 * @example
 * ```ts
 * const root = rootFromLeafHashes(entries.map(hashLeaf))
 * ```
 */
export function rootFromLeafHashes(leafHashes: readonly Uint8Array[]): Uint8Array {
  if (!Array.isArray(leafHashes)) throw new TypeError('"leafHashes" expected an array')
  leafHashes.forEach((h, i) => assertHash(`leafHashes[${i}]`, h))
  if (leafHashes.length === 0) return emptyRoot()
  return mth(leafHashes, 0, leafHashes.length)
}

function mth(leaves: readonly Uint8Array[], start: number, end: number): Uint8Array {
  const n = end - start
  if (n === 1) return leaves[start]!
  const k = largestPowerOfTwoBelow(n)
  return nodeHash(mth(leaves, start, start + k), mth(leaves, start + k, end))
}

function isHash(value: unknown): value is Uint8Array {
  return value instanceof Uint8Array && value.length === HASH_LENGTH
}

function equalHashes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!
  return diff === 0
}

function assertProofArray(proof: unknown): asserts proof is readonly unknown[] {
  if (!Array.isArray(proof)) throw new TypeError('"proof" expected an array of Uint8Array')
  proof.forEach((p, i) => assertBytes(p, `proof[${i}]`))
}

/**
 * Recomputes the root from an inclusion proof, RFC 9162 §2.1.3.2 steps 1–4.
 *
 * @param leafHash - the 32-byte hash of the entry (see {@link hashLeaf})
 * @param index - the entry's zero-based index
 * @param size - the tree size the proof is for
 * @param proof - the inclusion path, from the leaf's sibling up to the root's child
 * @returns the root the proof leads to, or `undefined` when the proof cannot be valid for this
 *   index and size (index ≥ size, too few or too many hashes, a hash that is not 32 bytes)
 * @throws TypeError/RangeError for programmer mistakes (see the module notes)
 * @example
 * ```ts
 * const root = rootFromInclusionProof(leafHash, 5, 8, proof)
 * ```
 */
export function rootFromInclusionProof(
  leafHash: Uint8Array,
  index: number,
  size: number,
  proof: readonly Uint8Array[],
): Uint8Array | undefined {
  assertBytes(leafHash, 'leafHash')
  assertIndex('index', index)
  assertIndex('size', size)
  assertProofArray(proof)
  if (!isHash(leafHash) || !proof.every(isHash)) return undefined
  // Step 1: leaf_index >= tree_size fails.
  if (index >= size) return undefined
  // Step 2: fn = leaf_index, sn = tree_size - 1.
  let fn = index
  let sn = size - 1
  // Step 3: r = hash.
  let r = leafHash
  // Step 4: for each p in inclusion_path.
  for (const p of proof) {
    // 4a: if sn is 0, stop and fail.
    if (sn === 0) return undefined
    // 4b: if LSB(fn) is set, or fn equals sn:
    if (isOdd(fn) || fn === sn) {
      // 4b.i: r = HASH(0x01 || p || r)
      r = nodeHash(p, r)
      // 4b.ii: if LSB(fn) is not set, right-shift fn and sn equally until LSB(fn) is set or fn is 0.
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn)
          sn = half(sn)
        }
      }
    } else {
      // Otherwise: r = HASH(0x01 || r || p)
      r = nodeHash(r, p)
    }
    // 4c: right-shift fn and sn once.
    fn = half(fn)
    sn = half(sn)
  }
  // Step 5 (first half): sn must be 0.
  if (sn !== 0) return undefined
  return r
}

/**
 * Verifies an inclusion proof, RFC 9162 §2.1.3.2.
 *
 * @param leafHash - the 32-byte leaf hash (see {@link hashLeaf})
 * @param index - the entry's zero-based index
 * @param size - the tree size of the root
 * @param proof - the inclusion path, from the leaf's sibling up to the root's child
 * @param root - the trusted 32-byte root hash for `size` (from a verified checkpoint)
 * @returns `true` only if the proof shows the leaf at `index` in the tree with this root; `false`
 *   for every malformed or wrong proof (index ≥ size, wrong length, wrong hash)
 * @throws TypeError/RangeError for programmer mistakes only (see the module notes)
 * @example
 * ```ts
 * if (!verifyInclusion(hashLeaf(entry), 5, 8, proof, checkpoint.rootHash)) throw new Error('not logged')
 * ```
 */
export function verifyInclusion(
  leafHash: Uint8Array,
  index: number,
  size: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  assertBytes(root, 'root')
  const r = rootFromInclusionProof(leafHash, index, size, proof)
  // Step 5 (second half): r must equal root_hash.
  return r !== undefined && isHash(root) && equalHashes(r, root)
}

/**
 * Verifies a consistency proof between two tree heads, RFC 9162 §2.1.4.2.
 *
 * Cases RFC 9162 leaves to the caller are decided as RFC 9162 §2.1.4.1 defines proofs only for
 * 0 < first < second: `first` = `second` is consistent iff the proof is empty and the roots are
 * equal; `first` = 0 is consistent iff the proof is empty (the empty tree is a prefix of all);
 * `first` > `second` is never consistent.
 *
 * @param first - the older tree size
 * @param second - the newer tree size
 * @param firstRoot - the 32-byte root of the older tree
 * @param secondRoot - the 32-byte root of the newer tree
 * @param proof - the consistency path
 * @returns `true` only if the newer tree extends the older one; `false` for every malformed or
 *   wrong proof
 * @throws TypeError/RangeError for programmer mistakes only (see the module notes)
 * @example
 * ```ts
 * if (!verifyConsistency(old.size, cur.size, old.rootHash, cur.rootHash, proof)) alarm()
 * ```
 */
export function verifyConsistency(
  first: number,
  second: number,
  firstRoot: Uint8Array,
  secondRoot: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  assertIndex('first', first)
  assertIndex('second', second)
  assertBytes(firstRoot, 'firstRoot')
  assertBytes(secondRoot, 'secondRoot')
  assertProofArray(proof)
  if (!isHash(firstRoot) || !isHash(secondRoot) || !proof.every(isHash)) return false
  if (first > second) return false
  if (first === second) return proof.length === 0 && equalHashes(firstRoot, secondRoot)
  if (first === 0) return proof.length === 0

  // Step 1: an empty consistency_path fails.
  if (proof.length === 0) return false
  // Step 2: if first is an exact power of 2, prepend first_hash to the consistency_path.
  const path = isPowerOfTwo(first) ? [firstRoot, ...proof] : [...proof]
  // Step 3: fn = first - 1, sn = second - 1.
  let fn = first - 1
  let sn = second - 1
  // Step 4: if LSB(fn) is set, right-shift fn and sn equally until LSB(fn) is not set.
  while (isOdd(fn)) {
    fn = half(fn)
    sn = half(sn)
  }
  // Step 5: fr = sr = the first value of the consistency_path.
  let fr = path[0]!
  let sr = path[0]!
  // Step 6: for each subsequent value c.
  for (let i = 1; i < path.length; i++) {
    const c = path[i]!
    // 6a: if sn is 0, stop and fail.
    if (sn === 0) return false
    // 6b: if LSB(fn) is set, or fn equals sn:
    if (isOdd(fn) || fn === sn) {
      // 6b.i: fr = HASH(0x01 || c || fr); 6b.ii: sr = HASH(0x01 || c || sr)
      fr = nodeHash(c, fr)
      sr = nodeHash(c, sr)
      // 6b.iii: if LSB(fn) is not set, right-shift equally until LSB(fn) is set or fn is 0.
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn)
          sn = half(sn)
        }
      }
    } else {
      // Otherwise: sr = HASH(0x01 || sr || c)
      sr = nodeHash(sr, c)
    }
    // 6c: right-shift fn and sn once.
    fn = half(fn)
    sn = half(sn)
  }
  // Step 7: fr equals first_hash, sr equals second_hash, and sn is 0.
  return sn === 0 && equalHashes(fr, firstRoot) && equalHashes(sr, secondRoot)
}
