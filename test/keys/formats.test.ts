import fc from 'fast-check'
import { base58btc } from 'multiformats/bases/base58'
import { describe, expect, it } from 'vitest'
import { isCounterfoilError } from '../../src/errors.js'
import {
  jwkFromPublicKey,
  jwkFromSeed,
  multibaseFromPublicKey,
  publicKeyFromJwk,
  publicKeyFromMultibase,
  seedFromJwk,
} from '../../src/keys/formats.js'
import { publicKeyFromSeed } from '../../src/keys/ed25519.js'
import { hex } from './backends.js'

// RFC 8037 Appendix A.1/A.2 use the RFC 8032 TEST 1 key: x = 11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo,
// d = nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A.
const SEED = hex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60')
const PK = hex('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a')
const X = '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo'
const D = 'nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A'

async function codeOf(f: () => unknown): Promise<string | undefined> {
  try {
    await f()
  } catch (e) {
    return isCounterfoilError(e) ? e.code : (e as Error).name
  }
  return undefined
}

describe('JWK (RFC 8037)', () => {
  it('exports and imports the RFC 8037 example key', async () => {
    expect(jwkFromPublicKey(PK)).toEqual({ kty: 'OKP', crv: 'Ed25519', x: X })
    expect(await jwkFromSeed(SEED)).toEqual({ kty: 'OKP', crv: 'Ed25519', x: X, d: D })
    expect(publicKeyFromJwk({ kty: 'OKP', crv: 'Ed25519', x: X })).toEqual(PK)
    expect(await seedFromJwk({ kty: 'OKP', crv: 'Ed25519', x: X, d: D })).toEqual(SEED)
  })

  it('accepts the optional members with allowed values', () => {
    expect(publicKeyFromJwk({ kty: 'OKP', crv: 'Ed25519', x: X, kid: 'k1', alg: 'EdDSA', use: 'sig', key_ops: ['verify'], ext: true })).toEqual(PK)
    expect(publicKeyFromJwk({ kty: 'OKP', crv: 'Ed25519', x: X, alg: 'Ed25519' })).toEqual(PK)
  })

  it('round-trips any key (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 32, maxLength: 32 }), async (seed) => {
        const jwk = await jwkFromSeed(seed)
        expect(await seedFromJwk(jwk)).toEqual(seed)
        const { d: _, ...pub } = jwk
        expect(publicKeyFromJwk(pub)).toEqual(await publicKeyFromSeed(seed))
        expect(JSON.parse(JSON.stringify(jwkFromPublicKey(publicKeyFromJwk(pub))))).toEqual(pub)
      }),
      { numRuns: 50 },
    )
  })

  const base = { kty: 'OKP', crv: 'Ed25519', x: X }
  const zeroX = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'
  const badPublic: [string, Record<string, unknown>][] = [
    ['kty EC', { ...base, kty: 'EC' }],
    ['kty missing', { crv: 'Ed25519', x: X }],
    ['crv X25519', { ...base, crv: 'X25519' }],
    ['crv Ed448', { ...base, crv: 'Ed448' }],
    ['x missing', { kty: 'OKP', crv: 'Ed25519' }],
    ['x a number', { ...base, x: 5 }],
    ['x padded', { ...base, x: X + '=' }],
    ['x standard base64 chars', { ...base, x: X.replace('_', '/') }],
    ['x one char short', { ...base, x: X.slice(0, -1) }],
    ['x one char long', { ...base, x: X + 'A' }],
    ['x non-canonical trailing bits', { ...base, x: X.slice(0, -1) + 'p' }],
    ['x with whitespace', { ...base, x: ' ' + X.slice(1) }],
    ['x small order', { ...base, x: zeroX }],
    ['alg ES256', { ...base, alg: 'ES256' }],
    ['use enc', { ...base, use: 'enc' }],
    ['unknown member', { ...base, y: 'abc' }],
    ['key_ops not an array', { ...base, key_ops: 'verify' }],
    ['d present (private key where public expected)', { ...base, d: D }],
  ]
  it.each(badPublic)('publicKeyFromJwk rejects %s with ERR_INVALID_KEY', async (_, jwk) => {
    expect(await codeOf(() => publicKeyFromJwk(jwk))).toBe('ERR_INVALID_KEY')
  })

  const badPrivate: [string, Record<string, unknown>][] = [
    ['d missing', { ...base }],
    ['d short', { ...base, d: D.slice(0, -1) }],
    ['d padded', { ...base, d: D + '=' }],
    ['x does not match d', { ...base, d: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }],
  ]
  it.each(badPrivate)('seedFromJwk rejects %s with ERR_INVALID_KEY', async (_, jwk) => {
    expect(await codeOf(() => seedFromJwk(jwk))).toBe('ERR_INVALID_KEY')
  })

  it('TypeError for non-objects', async () => {
    for (const v of [null, undefined, 'jwk', 1, [base]]) {
      expect(await codeOf(() => publicKeyFromJwk(v as never))).toBe('TypeError')
      expect(await codeOf(() => seedFromJwk(v as never))).toBe('TypeError')
    }
    expect(await codeOf(() => jwkFromSeed(new Uint8Array(31)))).toBe('RangeError')
  })
})

describe('Multikey publicKeyMultibase', () => {
  it('encodes as z6Mk… and decodes back', () => {
    const text = multibaseFromPublicKey(PK)
    expect(text).toMatch(/^z6Mk/)
    expect(publicKeyFromMultibase(text)).toEqual(PK)
  })

  const mb = (bytes: number[] | Uint8Array) => base58btc.encode(Uint8Array.from(bytes))
  const bad: [string, string][] = [
    ['empty', ''],
    ['no prefix', mb([0xed, 0x01, ...PK]).slice(1)],
    ['base64url prefix', 'u' + mb([0xed, 0x01, ...PK]).slice(1)],
    ['missing multicodec', mb(PK)],
    ['x25519 multicodec', mb([0xec, 0x01, ...PK])],
    ['33-byte key', mb([0xed, 0x01, ...PK, 0])],
    ['invalid char', mb([0xed, 0x01, ...PK]).slice(0, -1) + 'O'],
    ['small-order key', mb([0xed, 0x01, ...new Uint8Array(32)])],
    ['did:key prefix included', 'did:key:' + mb([0xed, 0x01, ...PK])],
  ]
  it.each(bad)('rejects %s with ERR_INVALID_KEY', async (_, text) => {
    expect(await codeOf(() => publicKeyFromMultibase(text))).toBe('ERR_INVALID_KEY')
  })

  it('TypeError for non-strings, ERR_INVALID_KEY for bad keys on export', async () => {
    expect(await codeOf(() => publicKeyFromMultibase(1 as never))).toBe('TypeError')
    expect(await codeOf(() => multibaseFromPublicKey(new Uint8Array(32)))).toBe('ERR_INVALID_KEY')
    expect(await codeOf(() => jwkFromPublicKey(new Uint8Array(31)))).toBe('ERR_INVALID_KEY')
  })
})
