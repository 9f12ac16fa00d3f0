import { readFileSync, readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fromBase64, fromHex, fromUtf8, isWellFormedText, toBase64, toHex } from '../../../src/registry/log/encoding.js'

describe('strict standard base64 (RFC 4648 §4)', () => {
  it('agrees with Node on every byte string, both ways', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        const b64 = toBase64(bytes)
        expect(b64).toBe(Buffer.from(bytes).toString('base64'))
        expect(fromBase64(b64)).toEqual(bytes)
      }),
    )
  })

  it('accepts only the canonical spelling', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'AQgw+/=-_ \n'.split('')), maxLength: 12 }), (text) => {
        const got = fromBase64(text)
        if (got !== undefined) expect(toBase64(got)).toBe(text)
      }),
    )
    for (const bad of ['AQ', 'AQ=', 'AR==', 'AQI', 'AQJ=', 'AQID\n', ' AQID', 'AQ-_', 'A===', '====', 'AQ==AQ==']) {
      expect(fromBase64(bad), bad).toBeUndefined()
    }
    expect(fromBase64('')).toEqual(new Uint8Array(0))
  })
})

describe('hex and UTF-8', () => {
  it('hex is lower-case and strict', () => {
    expect(toHex(Uint8Array.of(0xc7, 0x4f, 0x20, 0xa3))).toBe('c74f20a3')
    expect(fromHex('c74f20a3')).toEqual(Uint8Array.of(0xc7, 0x4f, 0x20, 0xa3))
    for (const bad of ['C74F', 'c7f', '0x12', 'zz', ' 12']) expect(fromHex(bad), bad).toBeUndefined()
  })

  it('UTF-8 decoding is strict and keeps a byte-order mark', () => {
    expect(fromUtf8(Uint8Array.of(0xff))).toBeUndefined()
    expect(fromUtf8(Uint8Array.of(0xed, 0xa0, 0x80))).toBeUndefined() // encoded surrogate
    expect(fromUtf8(Uint8Array.of(0xc0, 0x80))).toBeUndefined() // overlong NUL
    expect(fromUtf8(Uint8Array.of(0xef, 0xbb, 0xbf, 0x61))).toBe('\ufeffa')
    expect(isWellFormedText('a\ud83d\ude00')).toBe(true)
    expect(isWellFormedText('\ude00\ud83d')).toBe(false)
  })
})

describe('source hygiene', () => {
  it('no 32-bit shift operators anywhere in src/registry/log (indices must stay exact beyond 2^31)', () => {
    const dir = fileURLToPath(new URL('../../../src/registry/log/', import.meta.url))
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const code = readFileSync(dir + file, 'utf8')
        .split('\n')
        .filter((l) => !/^\s*(\*|\/\/)/.test(l))
        .join('\n')
      // Operators, not generics (`Promise<Map<…>>`): a shift has an operand on both sides.
      expect(code, file).not.toMatch(/[\w)\]]\s*(?:>>>?|<<)=?\s*[\w(]/)
      expect(code, file).not.toMatch(/from ['"]node:|\bBuffer\b/)
    }
  })
})
