// The one-pass strict decoder and the canonical encoder, checked against @ipld/dag-cbor (the
// reference DAG-CBOR codec) and against hand-written edge cases of RFC 8949 and the DAG-CBOR spec.
import * as dagCbor from '@ipld/dag-cbor'
import fc from 'fast-check'
import { CID } from 'multiformats/cid'
import { describe, expect, it } from 'vitest'
import { cidOf, decodeCbor, encodeCbor } from '../../src/codec/index.js'
import { CounterfoilError } from '../../src/errors.js'
import { aliasing } from '../support/aliasing-bytes.js'

const hex = (s: string): Uint8Array => Uint8Array.from((s.replace(/\s+/g, '').match(/../g) ?? []).map((b) => parseInt(b, 16)))
const toHex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')
const codeOf = (f: () => unknown): string | undefined => {
  try {
    f()
  } catch (e) {
    if (e instanceof CounterfoilError) return e.code
    throw e
  }
  return undefined
}

/** What @ipld/dag-cbor says about some bytes: the value if it decodes them and they are its canonical form. */
function referenceAccepts(bytes: Uint8Array): { ok: true; value: unknown } | { ok: false } {
  try {
    const value = dagCbor.decode(bytes)
    return toHex(dagCbor.encode(value)) === toHex(bytes) ? { ok: true, value } : { ok: false }
  } catch {
    return { ok: false }
  }
}

function oursAccepts(bytes: Uint8Array): { ok: true; value: unknown } | { ok: false; code: string } {
  try {
    return { ok: true, value: decodeCbor(bytes) }
  } catch (e) {
    if (!(e instanceof CounterfoilError)) throw e
    return { ok: false, code: e.code }
  }
}

const someCid = cidOf(encodeCbor({ hello: 'world' }))

// IPLD data-model values, floats and bigints included (finite floats only: NaN/Infinity are refused).
const ipldValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.maxSafeInteger(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.bigInt({ min: -(1n << 64n), max: (1n << 64n) - 1n }).filter((n) => n > BigInt(Number.MAX_SAFE_INTEGER) || n < -BigInt(Number.MAX_SAFE_INTEGER)),
    fc.string({ unit: 'grapheme' }),
    fc.string(),
    fc.uint8Array({ maxLength: 40 }),
    fc.constant(someCid),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.string({ unit: 'grapheme', minLength: 0, maxLength: 6 }), tie('value'), { maxKeys: 5 }),
  ),
})).value

/** What a decoder returns for a value: bigints that fit a safe integer come back as numbers, −0 as 0. */
function normalise(value: unknown): unknown {
  if (typeof value === 'bigint') return value >= -BigInt(Number.MAX_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value
  if (Object.is(value, -0)) return 0
  if (Array.isArray(value)) return value.map(normalise)
  if (value instanceof Uint8Array || value === null || typeof value !== 'object' || CID.asCID(value) !== null) return value
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalise(v)]))
}

describe('encoder and decoder agree with @ipld/dag-cbor', () => {
  it('encodeCbor writes the same bytes, and decodeCbor reads back the same value', () => {
    fc.assert(fc.property(ipldValue, (value) => {
      const bytes = encodeCbor(value)
      expect(toHex(bytes)).toBe(toHex(dagCbor.encode(value)))
      const decoded = decodeCbor(bytes)
      expect(decoded).toEqual(dagCbor.decode(bytes))
      expect(decoded).toEqual(normalise(value))
      expect(toHex(encodeCbor(decoded))).toBe(toHex(bytes))
    }), { numRuns: 1000 })
  })

  it('mutated encodings: accepted exactly when @ipld/dag-cbor decodes them to a value it re-encodes to the same bytes', () => {
    const mutation = fc.record({
      kind: fc.constantFrom('set', 'insert', 'delete', 'flip'),
      at: fc.nat(),
      byte: fc.integer({ min: 0, max: 255 }),
      bit: fc.integer({ min: 0, max: 7 }),
    })
    fc.assert(fc.property(ipldValue, fc.array(mutation, { minLength: 1, maxLength: 3 }), (value, mutations) => {
      let bytes = Array.from(encodeCbor(value))
      for (const m of mutations) {
        const at = bytes.length === 0 ? 0 : m.at % bytes.length
        if (m.kind === 'set') bytes[at] = m.byte
        else if (m.kind === 'insert') bytes.splice(at, 0, m.byte)
        else if (m.kind === 'delete') bytes.splice(at, 1)
        else bytes[at] = (bytes[at] ?? 0) ^ (1 << m.bit)
      }
      const input = Uint8Array.from(bytes)
      const ours = oursAccepts(input)
      const reference = referenceAccepts(input)
      if (ours.ok) {
        // Never accept a form the reference codec would write differently.
        expect(reference.ok).toBe(true)
        expect(toHex(dagCbor.encode(ours.value))).toBe(toHex(input))
        if (reference.ok) expect(ours.value).toEqual(reference.value)
      } else {
        // And never refuse a form the reference reads and writes back byte for byte.
        expect(reference.ok).toBe(false)
      }
    }), { numRuns: 3000 })
  })

  it('random short byte strings: same verdict as the reference', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 24 }), (input) => {
      const ours = oursAccepts(input)
      const reference = referenceAccepts(input)
      expect(ours.ok).toBe(reference.ok)
      if (ours.ok && reference.ok) expect(ours.value).toEqual(reference.value)
    }), { numRuns: 5000 })
  })
})

describe('decoder edge cases (RFC 8949 §3, §4.2.1; DAG-CBOR strictness)', () => {
  const table: [string, string, string][] = [
    ['float64 holding an integer (1.0) must be the integer', 'fb3ff0000000000000', 'ERR_NON_CANONICAL'],
    ['float64 −0.0 (the encoder writes integer 0)', 'fb8000000000000000', 'ERR_NON_CANONICAL'],
    ['float16 NaN', 'f97e00', 'ERR_MALFORMED'],
    ['float16 Infinity', 'f97c00', 'ERR_MALFORMED'],
    ['float32 NaN', 'fa7fc00000', 'ERR_MALFORMED'],
    ['float32 −Infinity', 'faff800000', 'ERR_MALFORMED'],
    ['simple value 0', 'e0', 'ERR_MALFORMED'],
    ['simple value in a following byte', 'f820', 'ERR_MALFORMED'],
    ['reserved additional information 28', '1c', 'ERR_MALFORMED'],
    ['reserved additional information in major 7', 'fc', 'ERR_MALFORMED'],
    ['indefinite-length integer (not CBOR)', '1f', 'ERR_MALFORMED'],
    ['non-minimal 16-bit integer', '190017', 'ERR_NON_CANONICAL'],
    ['non-minimal 32-bit integer', '1a0000ffff', 'ERR_NON_CANONICAL'],
    ['non-minimal 64-bit integer', '1b00000000ffffffff', 'ERR_NON_CANONICAL'],
    ['non-minimal negative integer', '3800', 'ERR_NON_CANONICAL'],
    ['non-minimal tag 42 head', 'd9002a4400010203', 'ERR_NON_CANONICAL'],
    ['array claiming 2^32 items in 5 bytes', '9b0000000100000000', 'ERR_MALFORMED'],
    ['map claiming 1000 entries with none present', 'b903e8', 'ERR_MALFORMED'],
    ['byte string longer than the input', '5a00010000', 'ERR_MALFORMED'],
    ['invalid UTF-8 in a text string', '62c328', 'ERR_MALFORMED'],
    ['UTF-8 encoded surrogate', '63eda080', 'ERR_MALFORMED'],
    ['duplicate keys that are not adjacent {b, a, b}', 'a3616201616102616203', 'ERR_MALFORMED'],
    ['array as a map key', 'a1800', 'ERR_MALFORMED'],
    ['tag 42 over text', 'd82a6100', 'ERR_MALFORMED'],
    ['tag 42 over empty bytes', 'd82a40', 'ERR_MALFORMED'],
    ['tag 42 over bytes that are no CID', 'd82a4300ffff', 'ERR_MALFORMED'],
    ['keys out of order, then a malformed value: malformed wins', 'a26162016161f7', 'ERR_MALFORMED'],
  ]
  it.each(table)('%s', (_name, input, code) => {
    expect(codeOf(() => decodeCbor(hex(input.length % 2 === 1 ? input + '0' : input)))).toBe(code)
  })

  it('accepts the canonical forms next to those edge cases', () => {
    expect(decodeCbor(hex('fb3ff8000000000000'))).toBe(1.5)
    expect(decodeCbor(hex('fb43b0000000000000'))).toBe(2 ** 60) // not a safe integer: stays a float
    expect(decodeCbor(hex('1b001fffffffffffff'))).toBe(Number.MAX_SAFE_INTEGER)
    expect(decodeCbor(hex('1b0020000000000000'))).toBe(2n ** 53n)
    expect(decodeCbor(hex('3b001ffffffffffffe'))).toBe(-Number.MAX_SAFE_INTEGER)
    expect(decodeCbor(hex('3b001fffffffffffff'))).toBe(-(2n ** 53n))
    expect(decodeCbor(hex('3bffffffffffffffff'))).toBe(-(2n ** 64n))
    expect(decodeCbor(hex('63efbbbf'))).toBe('\ufeff') // a byte order mark is text like any other
    const proto = decodeCbor(hex('a1695f5f70726f746f5f5f01')) as Record<string, unknown>
    expect(Object.getPrototypeOf(proto)).toBe(Object.prototype)
    expect(Object.keys(proto)).toEqual(['__proto__'])
    const link = encodeCbor({ link: someCid })
    expect((decodeCbor(link) as { link: CID }).link.equals(someCid)).toBe(true)
  })

  it('interns short strings by their bytes: strings that differ only between their ends and middle stay distinct', () => {
    // Same length, same first four, middle and last four bytes: one slot pair, more than two
    // strings, so each decode has to tell them apart by comparing every byte.
    const texts = Array.from({ length: 6 }, (_, i) => `did:key:z6Mk${String(i).repeat(10)}-same-middle-${'xyz'[i % 3]!.repeat(9)}:tail`)
    expect(new Set(texts.map((t) => `${t.slice(0, 4)}${t[t.length >> 1]}${t.slice(-4)}${t.length}`)).size).toBe(1)
    for (let round = 0; round < 3; round++) {
      for (const t of [...texts, ...texts.slice().reverse()]) {
        expect(decodeCbor(encodeCbor({ [t.slice(0, 20)]: t, v: [t, t.toUpperCase()] }))).toEqual({ [t.slice(0, 20)]: t, v: [t, t.toUpperCase()] })
      }
    }
  })

  it('returns byte strings that do not alias the input', () => {
    const input = hex('4301 0203')
    const out = decodeCbor(input) as Uint8Array
    input[1] = 0xff
    expect(Array.from(out)).toEqual([1, 2, 3])
    // Nor for input whose slice() is a view (a Node Buffer): the copy must be a real one.
    const buffer = aliasing(hex('4301 0203'))
    const fromBuffer = decodeCbor(buffer) as Uint8Array
    buffer.fill(0xff)
    expect(Array.from(fromBuffer)).toEqual([1, 2, 3])
  })

  it('keeps its interned strings apart from the input: a caller reusing its buffer changes nothing later', () => {
    // 20 bytes: the slot comes from bytes 0–3, 10 and 16–19, so these two share one.
    const first = 'abcdefghijklmnopqrst'
    const second = 'abcdXfghijklmnopqrst'
    const buffer = aliasing(encodeCbor({ k: first }))
    expect(decodeCbor(buffer)).toEqual({ k: first })
    // The caller reuses its buffer (a Node Buffer from the pool is reused all the time)...
    buffer.set(encodeCbor({ k: second }))
    // ...and a later, unrelated record holding the other string must still decode to it.
    expect(decodeCbor(encodeCbor({ k: second }))).toEqual({ k: second })
    expect(decodeCbor(encodeCbor({ k: first }))).toEqual({ k: first })
  })
})

describe('encoder edge cases', () => {
  it('encodes correctly when a getter on the value encodes something itself (the shared writer is busy)', () => {
    const nested = encodeCbor({ x: 1, y: 'why' })
    const value = { a: 'before', get b() { return encodeCbor({ x: 1, y: 'why' }) }, c: 'after' }
    const bytes = encodeCbor(value)
    expect(toHex(bytes)).toBe(toHex(dagCbor.encode({ a: 'before', b: nested, c: 'after' })))
    // and the writer is fine afterwards, for small values and for ones that outgrow its buffer
    expect(decodeCbor(encodeCbor({ k: 'v' }))).toEqual({ k: 'v' })
    const big = { blob: new Uint8Array(100_000).fill(7) }
    expect(decodeCbor(encodeCbor(big))).toEqual(big)
    expect(toHex(encodeCbor([1, 2]))).toBe('820102')
  })

  it('writes numbers and byte-like values as the reference does', () => {
    expect(toHex(encodeCbor(-0))).toBe('00')
    expect(toHex(encodeCbor(2 ** 60))).toBe('fb43b0000000000000')
    expect(toHex(encodeCbor(-(2n ** 64n)))).toBe('3bffffffffffffffff')
    expect(toHex(encodeCbor(2n ** 64n - 1n))).toBe('1bffffffffffffffff')
    expect(toHex(encodeCbor(5n))).toBe('05')
    expect(toHex(encodeCbor(new Uint16Array([1])))).toBe('420100')
    expect(toHex(encodeCbor(new Uint8Array([1, 2]).buffer))).toBe('420102')
    expect(toHex(encodeCbor({ é: 1, z: 2, aa: 3 }))).toBe('a3617a0262616103' + '62c3a901')
  })

  it.each([
    ['2^64', 2n ** 64n],
    ['−2^64 − 1', -(2n ** 64n) - 1n],
    ['a symbol', Symbol('x')],
    ['a function', () => 1],
    ['a RegExp', /x/],
    ['a Set', new Set([1])],
    ['a nested undefined', [1, undefined]],
  ])('refuses %s', (_name, value) => {
    expect(codeOf(() => encodeCbor(value))).toBe('ERR_MALFORMED')
  })

  it('refuses circular structures with a typed error', () => {
    const loop: Record<string, unknown> = {}
    loop.self = loop
    expect(codeOf(() => encodeCbor(loop))).toBe('ERR_MALFORMED')
  })
})

describe('cidText', () => {
  it('is the CID text multiformats writes', async () => {
    const { cidBytesOf, cidText } = await import('../../src/codec/cid.js')
    fc.assert(fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
      const cid = cidOf(bytes)
      expect(Array.from(cidBytesOf(bytes))).toEqual(Array.from(cid.bytes))
      expect(cidText(cid.bytes)).toBe(cid.toString())
    }), { numRuns: 300 })
  })
})
