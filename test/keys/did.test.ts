import fc from 'fast-check'
import { base58btc } from 'multiformats/bases/base58'
import { beforeAll, describe, expect, it } from 'vitest'
import vectors from '../vectors/did-key/ed25519.json' with { type: 'json' }
import { isCounterfoilError } from '../../src/errors.js'
import { didFromPublicKey, isEd25519Did, publicKeyFromDid } from '../../src/keys/did.js'
import { publicKeyFromSeed, selectBackend } from '../../src/keys/ed25519.js'
import { BACKENDS, hex } from './backends.js'

const ZERO_SEED_DID = 'did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp'
const entries = Object.entries(vectors)

function codeOf(f: () => unknown): string | undefined {
  try {
    f()
  } catch (e) {
    return isCounterfoilError(e) ? e.code : `${(e as Error).name}`
  }
  return undefined
}

describe.each(BACKENDS)('did:key spec vectors on the %s backend', (name) => {
  beforeAll(async () => {
    await selectBackend(name)
  })
  it.each(entries)('%s', async (did, v) => {
    const publicKey = await publicKeyFromSeed(hex(v.seed))
    // publicKeyBase58 is the raw key in plain base58btc (no multibase prefix, no multicodec)
    expect(publicKey).toEqual(base58btc.baseDecode(v.verificationKeyPair.publicKeyBase58))
    expect(didFromPublicKey(publicKey)).toBe(did)
    expect(v.verificationKeyPair.id).toBe(`#${did.slice('did:key:'.length)}`)
    expect(v.verificationKeyPair.controller).toBe(did)
    expect(publicKeyFromDid(did)).toEqual(publicKey)
  })
})

describe('did:key', () => {
  it('the zero seed gives the spec DID', async () => {
    await selectBackend('auto')
    expect(didFromPublicKey(await publicKeyFromSeed(new Uint8Array(32)))).toBe(ZERO_SEED_DID)
  })

  it('round-trips any valid key (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 32, maxLength: 32 }), async (seed) => {
        const pk = await publicKeyFromSeed(seed)
        const did = didFromPublicKey(pk)
        expect(did).toMatch(/^did:key:z6Mk[1-9A-HJ-NP-Za-km-z]{44}$/)
        expect(publicKeyFromDid(did)).toEqual(pk)
        expect(isEd25519Did(did)).toBe(true)
      }),
      { numRuns: 100 },
    )
  })

  it('returns a copy: mutating the result does not poison the cache', () => {
    const a = publicKeyFromDid(ZERO_SEED_DID)
    a.fill(0)
    expect(publicKeyFromDid(ZERO_SEED_DID)).not.toEqual(a)
  })

  const key = publicKeyFromDid(ZERO_SEED_DID)
  const mb = (bytes: number[] | Uint8Array) => base58btc.encode(Uint8Array.from(bytes))
  const malformed: [string, unknown][] = [
    ['empty', ''],
    ['no method', 'did:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp'],
    ['other method', 'did:web:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp'],
    ['upper-case scheme', 'DID:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp'],
    ['leading space', ' ' + ZERO_SEED_DID],
    ['trailing newline', ZERO_SEED_DID + '\n'],
    ['fragment', ZERO_SEED_DID + '#z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp'],
    ['query', ZERO_SEED_DID + '?x=1'],
    ['one char short', ZERO_SEED_DID.slice(0, -1)],
    ['wrong multibase (base32 b)', 'did:key:b' + ZERO_SEED_DID.slice(9)],
    ['invalid base58 char 0', ZERO_SEED_DID.slice(0, -1) + '0'],
    ['invalid base58 char l', ZERO_SEED_DID.slice(0, -1) + 'l'],
    ['changed last char (different, but same length)', ZERO_SEED_DID.slice(0, -1) + 'q'],
    ['x25519 key (0xec)', 'did:key:' + mb([0xec, 0x01, ...key])],
    ['secp256k1 multicodec', 'did:key:' + mb([0xe7, 0x01, ...key])],
    ['non-minimal varint', 'did:key:' + mb([0xed, 0x81, 0x00, ...key.subarray(0, 31)])],
    ['33-byte key', 'did:key:' + mb([0xed, 0x01, ...key, 0])],
    ['31-byte key', 'did:key:' + mb([0xed, 0x01, ...key.subarray(1)])],
    ['small-order key (identity)', 'did:key:' + mb([0xed, 0x01, 1, ...new Uint8Array(31)])],
    ['small-order key (zero)', 'did:key:' + mb([0xed, 0x01, ...new Uint8Array(32)])],
    ['non-canonical key (y ≥ p)', 'did:key:' + mb([0xed, 0x01, 0xee, ...new Uint8Array(30).fill(0xff), 0x7f])],
    ['off-curve key', 'did:key:' + mb([0xed, 0x01, 2, ...new Uint8Array(31)])],
    ['very long', 'did:key:z' + '1'.repeat(100_000)],
  ]

  it.each(malformed)('rejects %s with ERR_INVALID_DID', (label, did) => {
    const code = codeOf(() => publicKeyFromDid(did as string))
    if (label === 'changed last char (different, but same length)') {
      // a different but valid-looking id decodes to some other 32 bytes: either a valid key or rejected
      expect([undefined, 'ERR_INVALID_DID']).toContain(code)
      return
    }
    expect(code).toBe('ERR_INVALID_DID')
    expect(isEd25519Did(did)).toBe(false)
  })

  it('rejects a bad key with the key error as cause', () => {
    try {
      publicKeyFromDid('did:key:' + mb([0xed, 0x01, ...new Uint8Array(32)]))
      throw new Error('no throw')
    } catch (e) {
      expect(isCounterfoilError(e, 'ERR_INVALID_DID')).toBe(true)
      expect(isCounterfoilError((e as Error).cause, 'ERR_INVALID_KEY')).toBe(true)
    }
  })

  it('throws TypeError for a non-string DID and ERR_INVALID_KEY for a bad key', () => {
    expect(() => publicKeyFromDid(42 as unknown as string)).toThrow(TypeError)
    expect(isEd25519Did(42)).toBe(false)
    expect(codeOf(() => didFromPublicKey(new Uint8Array(32)))).toBe('ERR_INVALID_KEY')
    expect(codeOf(() => didFromPublicKey(new Uint8Array(31)))).toBe('ERR_INVALID_KEY')
    expect(() => didFromPublicKey('x' as unknown as Uint8Array)).toThrow(TypeError)
  })

  it('random strings never throw anything but ERR_INVALID_DID (fast-check)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string().map((s) => 'did:key:z' + s), fc.stringMatching(/^did:key:z6Mk[1-9A-HJ-NP-Za-km-z]{44}$/)), (s) => {
        const code = codeOf(() => publicKeyFromDid(s))
        expect([undefined, 'ERR_INVALID_DID']).toContain(code)
      }),
    )
  })
})
