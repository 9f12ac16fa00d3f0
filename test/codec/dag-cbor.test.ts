import * as dagCbor from '@ipld/dag-cbor'
import fc from 'fast-check'
import { CID } from 'multiformats/cid'
import { describe, expect, it } from 'vitest'
import { cidOf, decodeCbor, encodeCbor, fromBase64url, parseRecordId, toBase64url } from '../../src/codec/index.js'
import { CounterfoilError } from '../../src/errors.js'

const hex = (s: string): Uint8Array => Uint8Array.from((s.replace(/\s+/g, '').match(/../g) ?? []).map((b) => parseInt(b, 16)))
const codeOf = (f: () => unknown): string | undefined => {
  try {
    f()
  } catch (e) {
    if (e instanceof CounterfoilError) return e.code
    throw e
  }
  return undefined
}

describe('decodeCbor rejects what DAG-CBOR forbids', () => {
  const table: [string, string, string][] = [
    ['non-minimal integer (1 as 0x18 0x01)', '1801', 'ERR_NON_CANONICAL'],
    ['non-minimal length (string "a" with 1-byte length)', '780161', 'ERR_NON_CANONICAL'],
    ['map keys out of order {"b":1,"a":2}', 'a2616201616102', 'ERR_NON_CANONICAL'],
    ['map keys length-first order violated {"aa":1,"b":2}', 'a262616101616202', 'ERR_NON_CANONICAL'],
    ['float16 1.5', 'f93e00', 'ERR_NON_CANONICAL'],
    ['float32 1.5', 'fa3fc00000', 'ERR_NON_CANONICAL'],
    ['indefinite-length array', '9f01ff', 'ERR_NON_CANONICAL'],
    ['indefinite-length map', 'bf616101ff', 'ERR_NON_CANONICAL'],
    ['duplicate map key', 'a2616101616102', 'ERR_MALFORMED'],
    ['undefined', 'f7', 'ERR_MALFORMED'],
    ['NaN (float64)', 'fb7ff8000000000000', 'ERR_MALFORMED'],
    ['Infinity (float64)', 'fb7ff0000000000000', 'ERR_MALFORMED'],
    ['-Infinity (float64)', 'fbfff0000000000000', 'ERR_MALFORMED'],
    ['trailing bytes', '0101', 'ERR_MALFORMED'],
    ['truncated map', 'a26161', 'ERR_MALFORMED'],
    ['empty input', '', 'ERR_MALFORMED'],
    ['tag other than 42 (tag 1 date)', 'c11a5f5e1000', 'ERR_MALFORMED'],
    ['integer map key', 'a10101', 'ERR_MALFORMED'],
    ['tag 42 without 0x00 prefix', 'd82a4101', 'ERR_MALFORMED'],
    ['lone break', 'ff', 'ERR_MALFORMED'],
    ['break inside a definite map', 'a16161ff', 'ERR_MALFORMED'],
    ['indefinite byte string', '5f4101ff', 'ERR_NON_CANONICAL'],
    ['indefinite text nested in a map', 'a161617f6161ff', 'ERR_NON_CANONICAL'],
  ]
  it.each(table)('%s', (_name, input, code) => {
    expect(codeOf(() => decodeCbor(hex(input)))).toBe(code)
  })

  it('limits nesting depth without blowing the stack', () => {
    const deep = new Uint8Array(100_000).fill(0x81) // [[[[…
    expect(codeOf(() => decodeCbor(deep))).toBe('ERR_MALFORMED')
    const ok = new Uint8Array([...new Uint8Array(64).fill(0x81), 0x01])
    expect(decodeCbor(ok, { maxDepth: 64 })).toBeDefined()
    expect(codeOf(() => decodeCbor(ok, { maxDepth: 63 }))).toBe('ERR_MALFORMED')
  })

  it('throws TypeError for non-bytes', () => {
    expect(() => decodeCbor('a1' as unknown as Uint8Array)).toThrow(TypeError)
  })
})

describe('encodeCbor', () => {
  it('sorts keys length-first and encodes floats as 64-bit', () => {
    expect(encodeCbor({ b: 1, aa: 2, a: 1.5 })).toEqual(hex('a3 6161 fb3ff8000000000000 6162 01 626161 02'))
  })
  it.each([
    ['undefined', { a: undefined }],
    ['NaN', { a: Number.NaN }],
    ['Infinity', [Infinity]],
    ['Map', new Map([['a', 1]])],
    ['Date', { d: new Date(0) }],
  ])('refuses %s', (_n, value) => {
    expect(codeOf(() => encodeCbor(value))).toBe('ERR_MALFORMED')
  })
  it('encodes CIDs as tag 42 and decodes them back', () => {
    const cid = cidOf(encodeCbor('x'))
    const bytes = encodeCbor({ link: cid })
    const back = decodeCbor(bytes) as { link: CID }
    expect(back.link.equals(cid)).toBe(true)
    expect(Uint8Array.from(dagCbor.encode(dagCbor.decode(bytes)))).toEqual(bytes)
  })
})

// Arbitrary IPLD data-model values (no floats: DAG-CBOR float canonicality is tested above).
const ipld = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null), fc.boolean(), fc.integer(), fc.string(), fc.uint8Array({ maxLength: 40 }),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), tie('value'), { maxKeys: 4 }),
  ),
})).value

// The same with text anywhere in Unicode (fc.string() alone is printable ASCII): map keys mixing
// one- to four-byte characters sort by their UTF-8 bytes, not by their UTF-16 code units.
const unicodeText = fc.oneof(fc.string(), fc.string({ unit: 'grapheme', maxLength: 8 }), fc.string({ unit: 'grapheme-composite', maxLength: 4 }))
const ipldUnicode = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null), fc.integer(), unicodeText, fc.string({ minLength: 60, maxLength: 80 }),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(unicodeText, tie('value'), { maxKeys: 5 }),
  ),
})).value

describe('properties', () => {
  it('encodes Unicode text and keys exactly as @ipld/dag-cbor does, and decodes them back', () => {
    fc.assert(fc.property(ipldUnicode, (value) => {
      const bytes = encodeCbor(value)
      expect(Uint8Array.from(dagCbor.encode(value))).toEqual(bytes)
      expect(decodeCbor(bytes)).toEqual(value)
    }), { numRuns: 500 })
    // keys whose UTF-16 order and UTF-8 order differ: U+FF61 (3 bytes, ef bd a1) against U+1F600 (4 bytes, surrogate pair d83d de00)
    const tricky = { '\uff61': 1, '\u{1f600}': 2, 'é': 3, 'zz': 4, z: 5 }
    expect(Uint8Array.from(dagCbor.encode(tricky))).toEqual(encodeCbor(tricky))
  })


  it('decode(encode(x)) re-encodes to the same bytes and agrees with @ipld/dag-cbor', () => {
    fc.assert(fc.property(ipld, (value) => {
      const bytes = encodeCbor(value)
      expect(encodeCbor(decodeCbor(bytes))).toEqual(bytes)
      expect(Uint8Array.from(dagCbor.encode(value))).toEqual(bytes) // cborg may hand back a Node Buffer
      expect(cidOf(bytes).toString()).toBe(CID.createV1(0x71, cidOf(bytes).multihash).toString())
    }), { numRuns: 300 })
  })

  it('decodeCbor never throws anything but CounterfoilError on random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
      try {
        decodeCbor(bytes)
      } catch (e) {
        expect(e).toBeInstanceOf(CounterfoilError)
      }
    }), { numRuns: 2000 })
  })

  it('whatever decodeCbor accepts, @ipld/dag-cbor encodes back to the same bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 32 }), (bytes) => {
      let value: unknown
      try {
        value = decodeCbor(bytes)
      } catch {
        return
      }
      expect(Uint8Array.from(dagCbor.encode(value))).toEqual(bytes) // cborg may hand back a Node Buffer
    }), { numRuns: 3000 })
  })
})

describe('text forms', () => {
  it('base64url round trips and rejects padding, other alphabets and stray bits', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 50 }), (b) => {
      expect(fromBase64url(toBase64url(b))).toEqual(b)
    }))
    expect(codeOf(() => fromBase64url('AQID'))).toBe('ERR_MALFORMED')
    expect(codeOf(() => fromBase64url('uAQID='))).toBe('ERR_MALFORMED')
    expect(codeOf(() => fromBase64url('uAQ+D'))).toBe('ERR_MALFORMED')
    expect(codeOf(() => fromBase64url('uAR'))).toBe('ERR_MALFORMED') // 'R' leaves stray low bits set
  })

  it('parseRecordId accepts only canonical CIDv1 dag-cbor sha2-256', () => {
    const cid = cidOf(encodeCbor({ a: 1 }))
    expect(parseRecordId(cid.toString()).equals(cid)).toBe(true)
    expect(parseRecordId(cid.bytes).equals(cid)).toBe(true)
    expect(codeOf(() => parseRecordId(cid.toString().toUpperCase()))).toBe('ERR_MALFORMED')
    expect(codeOf(() => parseRecordId(CID.createV1(0x55, cid.multihash).toString()))).toBe('ERR_MALFORMED')
    expect(codeOf(() => parseRecordId('bafy'))).toBe('ERR_MALFORMED')
    expect(codeOf(() => parseRecordId(new Uint8Array([...cid.bytes, 0])))).toBe('ERR_MALFORMED')
  })
})
