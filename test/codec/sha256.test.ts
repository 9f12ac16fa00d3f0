// SHA-256 of both platforms (#sha256-platform): the browser one (FIPS 180-4, written out) and the
// Node one (node:crypto), against the FIPS 180-4 / NIST CAVP examples and against each other.
import { createHash } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { sha256 as webSha256 } from '../../src/codec/sha256-web.js'
import { sha256 as nodeSha256 } from '../../src/node/sha256.js'

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex')
const ascii = (s: string): Uint8Array => new TextEncoder().encode(s)

describe.each([
  ['web (FIPS 180-4 in TypeScript)', webSha256],
  ['node (node:crypto)', nodeSha256],
])('sha256, %s', (_name, sha256) => {
  it.each([
    // NIST "SHA256.pdf" examples (csrc.nist.gov, FIPS 180-4 example values) and the empty message.
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
    ['a'.repeat(1_000_000), 'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0'],
  ])('NIST example %#', (message, digest) => {
    expect(hex(sha256(ascii(message)))).toBe(digest)
  })

  it('agrees with node:crypto at every padding boundary and on random input', () => {
    for (let n = 0; n <= 200; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 0xff)
      expect(hex(sha256(bytes))).toBe(createHash('sha256').update(bytes).digest('hex'))
    }
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
      expect(hex(sha256(bytes))).toBe(createHash('sha256').update(bytes).digest('hex'))
    }), { numRuns: 300 })
  })

  it('hashes a view by its own bytes, not its whole buffer, and returns a plain 32-byte Uint8Array', () => {
    const buffer = Uint8Array.from({ length: 100 }, (_, i) => i)
    const view = buffer.subarray(10, 50)
    const digest = sha256(view)
    expect(hex(digest)).toBe(createHash('sha256').update(view).digest('hex'))
    expect(digest).toBeInstanceOf(Uint8Array)
    expect(digest.length).toBe(32)
  })
})
