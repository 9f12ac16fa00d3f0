// Table-driven base64url (RFC 4648 §5, no padding §3.2, canonical §3.5) checked against Node's own
// base64url codec, which the decoder must agree with on every canonical text and nothing else.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fromBase64url, toBase64url } from '../../src/codec/index.js'
import { fromBase64urlByTable } from '../../src/codec/multibase.js'
import { fastFromBase64url as webFast } from '../../src/codec/base64-web.js'
import { CounterfoilError } from '../../src/errors.js'

const codeOf = (f: () => unknown): string | undefined => {
  try {
    f()
  } catch (e) {
    if (e instanceof CounterfoilError) return e.code
    throw e
  }
  return undefined
}

/** The reference: Node decodes leniently, so a text is canonical when Node writes it back the same. */
function referenceDecode(text: string): Uint8Array | undefined {
  if (!text.startsWith('u') || !/^[A-Za-z0-9_-]*$/.test(text.slice(1))) return undefined
  const bytes = Buffer.from(text.slice(1), 'base64url')
  return bytes.toString('base64url') === text.slice(1) ? new Uint8Array(bytes) : undefined
}

/**
 * Every decoder a runtime may use must give the same verdicts: the entry point (the platform's
 * decoder here: Node's Buffer under Node, Uint8Array.fromBase64 in a browser), the table alone, and
 * the browser module's native path where this runtime has Uint8Array.fromBase64.
 */
const DECODERS: [string, (text: string) => Uint8Array][] = [
  ['fromBase64url', fromBase64url],
  ['table', fromBase64urlByTable],
  ...(webFast === undefined ? [] : [['Uint8Array.fromBase64', (t: string) => (typeof t === 'string' && t.startsWith('u') ? webFast!(t) : undefined) ?? fromBase64urlByTable(t)] as [string, (text: string) => Uint8Array]]),
]

describe.each(DECODERS)('base64url through %s', (_decoder, fromBase64url) => {
  it('encodes as Node does and decodes back', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 5000 }), (bytes) => {
      const text = toBase64url(bytes)
      expect(text).toBe('u' + Buffer.from(bytes).toString('base64url'))
      expect(fromBase64url(text)).toEqual(bytes)
    }), { numRuns: 300 })
  })

  it('accepts a mutated text exactly when it is the canonical text of some bytes', () => {
    const chars = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/ .\né\u0100\u0141')
    fc.assert(fc.property(fc.uint8Array({ maxLength: 40 }), fc.nat(), chars, fc.constantFrom('set', 'insert', 'delete'), (bytes, at, ch, kind) => {
      const text = toBase64url(bytes)
      const i = 1 + (at % Math.max(1, text.length - 1))
      const mutated = kind === 'set' ? text.slice(0, i) + ch + text.slice(i + 1)
        : kind === 'insert' ? text.slice(0, i) + ch + text.slice(i)
        : text.slice(0, i) + text.slice(i + 1)
      const expected = referenceDecode(mutated)
      if (expected === undefined) expect(codeOf(() => fromBase64url(mutated))).toBe('ERR_MALFORMED')
      else expect(fromBase64url(mutated)).toEqual(expected)
    }), { numRuns: 5000 })
  })

  it.each([
    ['no multibase prefix', 'AQID'],
    ['another multibase prefix', 'mAQID'],
    ['padding', 'uAQ=='],
    ['one padding character', 'uAQI='],
    ['a lone sixth of a byte', 'uAQIDB'],
    ['non-zero unused bits after one byte (RFC 4648 §3.5)', 'uAR'],
    ['non-zero unused bits after two bytes', 'uAQJ'],
    ['standard alphabet "+"', 'uAQ+D'],
    ['standard alphabet "/"', 'uAQ/D'],
    ['white space', 'uAQ ID'],
    ['a character above U+007F that masks to an alphabet character', 'uAQI\u00c1'],
    ['the empty string', ''],
  ])('refuses %s', (_name, text) => {
    expect(codeOf(() => fromBase64url(text))).toBe('ERR_MALFORMED')
  })

  it('decodes the empty text and known values', () => {
    expect(fromBase64url('u')).toEqual(new Uint8Array(0))
    expect(fromBase64url('uAQID')).toEqual(Uint8Array.of(1, 2, 3))
    expect(fromBase64url('u-_8')).toEqual(Uint8Array.of(0xfb, 0xff))
    expect(() => fromBase64url(7 as unknown as string)).toThrow(TypeError)
  })

  it('returns bytes in a buffer of their own (never a shared pool a record could expose)', () => {
    const text = toBase64url(Uint8Array.from({ length: 663 }, (_, i) => i))
    const bytes = fromBase64url(text)
    expect(bytes.byteOffset).toBe(0)
    expect(bytes.buffer.byteLength).toBe(663)
  })
})
