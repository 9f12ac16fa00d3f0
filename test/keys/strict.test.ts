import { Point } from '@noble/ed25519'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isCounterfoilError } from '../../src/errors.js'
import {
  checkPublicKey,
  isCanonicalEncoding,
  isOnCurveEncoding,
  isReducedScalar,
  isSmallOrderEncoding,
  isValidPublicKey,
  isWellFormedPublicKey,
  isWellFormedSignature,
  SMALL_ORDER_Y,
} from '../../src/keys/strict.js'
import { hex, toHex } from './backends.js'

const P = 2n ** 255n - 19n
const L = Point.CURVE().n
const leBytes = (n: bigint): Uint8Array => {
  const out = new Uint8Array(32)
  for (let i = 0; i < 32; i++) out[i] = Number((n >> BigInt(8 * i)) & 0xffn)
  return out
}
const withSign = (b: Uint8Array): Uint8Array => {
  const c = b.slice()
  c[31]! |= 0x80
  return c
}
const KEY = hex('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a') // RFC 8032 TEST 1

function expectCode(f: () => unknown, code: 'ERR_INVALID_KEY'): void {
  try {
    f()
  } catch (e) {
    expect(isCounterfoilError(e, code), String(e)).toBe(true)
    return
  }
  throw new Error('expected a throw')
}

describe('small-order list', () => {
  it('is exactly the y coordinates of the 8 torsion points, recomputed from the curve', () => {
    // A point of order 8: [L]Q for a mixed-order Q (speccheck case 3's public key).
    const Q = Point.fromBytes(hex('cdb267ce40c5cd45306fa5d2f29731459387dbf9eb933b7bd5aed9a765b88d4d'))
    const T = Q.multiply(L / 2n, false).double().add(Q) // [L]Q
    const torsion: Point[] = [Point.ZERO]
    for (let i = 1; i < 8; i++) torsion.push(torsion[i - 1]!.add(T))
    expect(torsion[7]!.add(T).is0()).toBe(true)
    const ys = new Set(torsion.map((p) => toHex(leBytes(p.y))))
    expect(ys.size).toBe(5)
    expect([...ys].sort()).toEqual([...SMALL_ORDER_Y].sort())
    for (const p of torsion) {
      const enc = p.toBytes()
      expect(isSmallOrderEncoding(enc)).toBe(true)
      expect(isSmallOrderEncoding(withSign(enc))).toBe(true) // every sign-bit variant
      expect(isWellFormedPublicKey(enc)).toBe(false)
      expect(isWellFormedPublicKey(withSign(enc))).toBe(false)
    }
  })

  it('does not flag real keys', () => {
    expect(isSmallOrderEncoding(KEY)).toBe(false)
    expect(isWellFormedPublicKey(KEY)).toBe(true)
    expect(isValidPublicKey(KEY)).toBe(true)
  })
})

describe('canonical encodings (RFC 8032 §5.1.3)', () => {
  it('rejects exactly y in [p, 2^255) for any sign bit', () => {
    for (let i = 0n; i < 19n; i++) {
      expect(isCanonicalEncoding(leBytes(P + i))).toBe(false)
      expect(isCanonicalEncoding(withSign(leBytes(P + i)))).toBe(false)
    }
    expect(isCanonicalEncoding(leBytes(P - 2n))).toBe(true)
    expect(isCanonicalEncoding(leBytes(0n))).toBe(true)
  })

  it('rejects x = 0 with the sign bit set (y = 1, y = p − 1)', () => {
    expect(isCanonicalEncoding(withSign(leBytes(1n)))).toBe(false)
    expect(isCanonicalEncoding(withSign(leBytes(P - 1n)))).toBe(false)
    expect(isCanonicalEncoding(leBytes(1n))).toBe(true)
    expect(isCanonicalEncoding(leBytes(P - 1n))).toBe(true)
  })

  it('matches a BigInt reference on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (b) => {
        const y = [...b].reduceRight((n, x, i) => (n << 8n) | BigInt(i === 31 ? x & 0x7f : x), 0n)
        const sign = (b[31]! & 0x80) !== 0
        const expected = y < P && !(sign && (y === 1n || y === P - 1n))
        expect(isCanonicalEncoding(b)).toBe(expected)
      }),
    )
  })

  it('biases the random test towards the boundary', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: P - 40n, max: 2n ** 255n - 1n }), fc.boolean(), (y, sign) => {
        const b = sign ? withSign(leBytes(y)) : leBytes(y)
        expect(isCanonicalEncoding(b)).toBe(y < P && !(sign && y === P - 1n))
      }),
    )
  })
})

describe('on-curve check', () => {
  it('agrees with noble strict decoding on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (b) => {
        let decodes = true
        try {
          Point.fromBytes(b, false)
        } catch {
          decodes = false
        }
        expect(isOnCurveEncoding(b)).toBe(decodes)
      }),
      { numRuns: 500 },
    )
  })
})

describe('S < L (RFC 8032 §5.1.7)', () => {
  it('is exact at the boundary', () => {
    expect(isReducedScalar(leBytes(L - 1n))).toBe(true)
    expect(isReducedScalar(leBytes(L))).toBe(false)
    expect(isReducedScalar(leBytes(L + 1n))).toBe(false)
    expect(isReducedScalar(leBytes(0n))).toBe(true)
    expect(isReducedScalar(new Uint8Array(32).fill(0xff))).toBe(false)
  })

  it('matches BigInt comparison', () => {
    fc.assert(
      fc.property(fc.oneof(fc.bigInt({ min: 0n, max: 2n ** 256n - 1n }), fc.bigInt({ min: L - 300n, max: L + 300n })), (s) => {
        expect(isReducedScalar(leBytes(s))).toBe(s < L)
      }),
    )
  })
})

describe('isWellFormedSignature', () => {
  const R = KEY // any canonical point encoding
  const sig = (r: Uint8Array, s: bigint) => Uint8Array.from([...r, ...leBytes(s)])
  it.each([
    ['good', sig(R, 5n), true],
    ['S = L', sig(R, L), false],
    ['R with y ≥ p', sig(leBytes(P), 5n), false],
    ['R = (0, −1) with sign bit', sig(withSign(leBytes(P - 1n)), 5n), false],
    ['R = (0, 1) with sign bit', sig(withSign(leBytes(1n)), 5n), false],
    ['R with y = p − 1 and no sign bit', sig(leBytes(P - 1n), 5n), true],
    ['S = L − 1', sig(R, L - 1n), true],
    ['S = L + 1', sig(R, L + 1n), false],
    ['S = 2^256 − 1', sig(R, 2n ** 256n - 1n), false],
    ['a view at an offset into a larger buffer', Uint8Array.from([0xff, 0xff, ...sig(R, 5n), 0xff]).subarray(2, 66), true],
    ['a view whose S half is L, inside good bytes', Uint8Array.from([...sig(R, 5n), ...sig(R, L)]).subarray(64), false],
    ['63 bytes', new Uint8Array(63), false],
    ['65 bytes', new Uint8Array(65), false],
  ] as const)('%s', (_, s, ok) => {
    expect(isWellFormedSignature(s)).toBe(ok)
  })
  it('never throws', () => {
    for (const v of [undefined, null, 'x', 64, [], {}, new ArrayBuffer(64)]) expect(isWellFormedSignature(v)).toBe(false)
  })
})

describe('checkPublicKey', () => {
  it('accepts a valid key', () => {
    expect(() => checkPublicKey(KEY)).not.toThrow()
  })
  it.each([
    ['31 bytes', new Uint8Array(31)],
    ['33 bytes', new Uint8Array(33)],
    ['y ≥ p', leBytes(P + 3n)],
    ['small order (identity)', leBytes(1n)],
    ['small order, sign bit set', withSign(hex(SMALL_ORDER_Y[3]!))],
    ['off-curve', leBytes(2n)],
  ])('rejects %s with ERR_INVALID_KEY', (_, key) => {
    if (_ === 'off-curve') expect(isOnCurveEncoding(key)).toBe(false)
    expectCode(() => checkPublicKey(key), 'ERR_INVALID_KEY')
    expect(isValidPublicKey(key)).toBe(false)
  })
  it('throws TypeError for non-bytes', () => {
    expect(() => checkPublicKey('abc' as unknown as Uint8Array)).toThrow(TypeError)
    expect(() => checkPublicKey([1, 2] as unknown as Uint8Array)).toThrow(/"publicKey" expected Uint8Array/)
  })
  it('reports the length in the noble style', () => {
    expect(() => checkPublicKey(new Uint8Array(31))).toThrow('"publicKey" expected Uint8Array of length 32, got length=31')
  })
})
