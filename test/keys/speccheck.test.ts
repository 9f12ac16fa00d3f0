// The "Taming the many EdDSAs" edge cases: every backend must give counterfoil's answer.
import { etc, Point } from '@noble/ed25519'
import { sha512 } from '@noble/hashes/sha2.js'
import { describe, expect, it } from 'vitest'
import cases from '../vectors/speccheck/cases.json' with { type: 'json' }
import spec from '../vectors/speccheck/expected.json' with { type: 'json' }
import { selectBackend, verifyEd25519, verifyEd25519Concurrent, verifyEd25519Now } from '../../src/keys/ed25519.js'
import { BACKENDS, hex } from './backends.js'

const P = 2n ** 255n - 19n
const L = Point.CURVE().n
const le = (b: Uint8Array): bigint => {
  let n = 0n
  for (let i = b.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(b[i]!)
  return n
}

/** Independent classification of a point encoding with noble's lenient (ZIP-215) decoder. */
function classify(bytes: Uint8Array): { order: 'small' | 'mixed' | 'prime'; canonical: boolean; point: Point } {
  const point = Point.fromBytes(bytes, true)
  const y = le(bytes) & ((1n << 255n) - 1n)
  const canonical = y < P && !(point.x === 0n && (bytes[31]! & 0x80) !== 0)
  const order = point.isSmallOrder() ? 'small' : point.isTorsionFree() ? 'prime' : 'mixed'
  return { order, canonical, point }
}

describe('speccheck vectors', () => {
  it('has the 12 cases and an expected answer for each', () => {
    expect(cases).toHaveLength(12)
    expect(spec.expected.map((e) => e.case)).toEqual([...cases.keys()])
  })

  it.each(spec.expected.map((e) => [e.case, e] as const))('case %i: the recorded facts hold', (i, e) => {
    const c = cases[i]!
    const pk = hex(c.pub_key)
    const sig = hex(c.signature)
    const A = classify(pk)
    const R = classify(sig.subarray(0, 32))
    const S = le(sig.subarray(32))
    const k = etc.mod(le(sha512(etc.concatBytes(sig.subarray(0, 32), pk, hex(c.message)))), L)
    const sB = etc.mod(S, L) === 0n ? Point.ZERO : Point.BASE.multiply(etc.mod(S, L))
    const diff = sB.subtract(R.point.add(A.point.multiply(k, false)))
    expect({
      A: A.order,
      R: R.order,
      canonicalA: A.canonical,
      canonicalR: R.canonical,
      S: S === 0n ? '0' : S < L ? '<L' : '>=L',
      cofactorless: diff.is0(),
      cofactored: diff.clearCofactor().is0(),
    }).toEqual(e.facts)
  })
})

describe.each(BACKENDS)('speccheck on the %s backend', (name) => {
  it.each(spec.expected.map((e) => [e.case, e.reason, e] as const))('case %i: %s', async (i, _, e) => {
    await selectBackend(name)
    const c = cases[i]!
    const args = [hex(c.pub_key), hex(c.message), hex(c.signature)] as const
    expect(await verifyEd25519(...args)).toBe(e.valid)
    expect(await verifyEd25519Concurrent(...args)).toBe(e.valid)
    // The synchronous path `verify` takes where the backend has one (node, noble), else undefined.
    expect(verifyEd25519Now(...args)).toBe(name === 'webcrypto' ? undefined : e.valid)
  })

  it('raw backend (no pre-checks) agrees on the cases the pre-checks let through', async () => {
    const backend = await selectBackend(name)
    // Cases 2–5 pass the byte checks, so the backend's own equation decides: cofactorless.
    for (const i of [2, 3, 4, 5]) {
      const c = cases[i]!
      expect(await backend.verify(hex(c.pub_key), hex(c.message), hex(c.signature))).toBe(spec.expected[i]!.valid)
      if (backend.verifySync !== undefined) expect(backend.verifySync(hex(c.pub_key), hex(c.message), hex(c.signature))).toBe(spec.expected[i]!.valid)
    }
  })
})
