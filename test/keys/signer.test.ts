import { afterEach, describe, expect, it, vi } from 'vitest'
import { isCounterfoilError } from '../../src/errors.js'
import { publicKeyFromDid } from '../../src/keys/did.js'
import { signEd25519, verifyEd25519 } from '../../src/keys/ed25519.js'
import {
  generateCryptoKeySigner,
  generateKeyPair,
  keyPairFromSeed,
  signerFromCallback,
  signerFromCryptoKey,
  signerFromSeed,
} from '../../src/keys/signer.js'

import { aliasing } from '../support/aliasing-bytes.js'

const msg = new TextEncoder().encode('a counterfoil')
const ZERO_DID = 'did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp'

async function rejectsWith(p: Promise<unknown>, code: string): Promise<unknown> {
  try {
    await p
  } catch (e) {
    expect(isCounterfoilError(e) ? e.code : (e as Error).name).toBe(code)
    return e
  }
  throw new Error('expected a rejection')
}

describe('key pairs', () => {
  it('keyPairFromSeed gives the did:key spec DID for the zero seed', async () => {
    const kp = await keyPairFromSeed(new Uint8Array(32))
    expect(kp.did).toBe(ZERO_DID)
    expect(kp.publicKey).toEqual(publicKeyFromDid(ZERO_DID))
  })

  it('copies the seed', async () => {
    const seed = new Uint8Array(32).fill(9)
    const kp = await keyPairFromSeed(seed)
    seed.fill(0)
    expect(kp.seed).toEqual(new Uint8Array(32).fill(9))
  })

  it('copies a seed whose slice() is a view (a Node Buffer): wiping it after use breaks nothing', async () => {
    const seed = aliasing(new Uint8Array(32).fill(9))
    const kp = await keyPairFromSeed(seed)
    const signer = await signerFromSeed(seed)
    seed.fill(0) // what a careful caller does with a secret it no longer needs
    expect(Array.from(kp.seed)).toEqual(new Array(32).fill(9))
    expect(await verifyEd25519(signer.publicKey, msg, await signer.sign(msg))).toBe(true)
  })

  it('generateKeyPair gives distinct random keys that sign', async () => {
    const a = await generateKeyPair()
    const b = await generateKeyPair()
    expect(a.seed).not.toEqual(b.seed)
    expect(a.did).not.toBe(b.did)
    expect(await verifyEd25519(a.publicKey, msg, await signEd25519(a.seed, msg))).toBe(true)
  })

  it('checks the seed', async () => {
    await rejectsWith(keyPairFromSeed(new Uint8Array(16)), 'RangeError')
    await rejectsWith(keyPairFromSeed('seed' as never), 'TypeError')
    await rejectsWith(signerFromSeed(new Uint8Array(33)), 'RangeError')
  })
})

describe('signEd25519 with a seed array used again', () => {
  it('signs with what the array holds now: a seed changed in place gets its own key', async () => {
    const seed = new Uint8Array(32).fill(1)
    const first = await signEd25519(seed, msg)
    seed.fill(2)
    const second = await signEd25519(seed, msg)
    expect(await verifyEd25519((await keyPairFromSeed(new Uint8Array(32).fill(2))).publicKey, msg, second)).toBe(true)
    expect(await verifyEd25519((await keyPairFromSeed(new Uint8Array(32).fill(1))).publicKey, msg, first)).toBe(true)
    expect(second).not.toEqual(first)
  })
})

describe('signerFromSeed', () => {
  it('signs for its did:key', async () => {
    const signer = await signerFromSeed(new Uint8Array(32))
    expect(signer.did).toBe(ZERO_DID)
    const sig = await signer.sign(msg)
    expect(sig).toHaveLength(64)
    expect(await verifyEd25519(signer.publicKey, msg, sig)).toBe(true)
    expect(Object.isFrozen(signer)).toBe(true)
  })
})

describe('signerFromCallback (KMS/HSM)', () => {
  const seed = new Uint8Array(32).fill(3)

  it('wraps a working callback (Uint8Array or ArrayBuffer results, sync or async)', async () => {
    const { publicKey, did } = await keyPairFromSeed(seed)
    const asyncSigner = signerFromCallback({ publicKey, sign: (m) => signEd25519(seed, m) })
    expect(asyncSigner.did).toBe(did)
    expect(await verifyEd25519(publicKey, msg, await asyncSigner.sign(msg))).toBe(true)
    const sig = await signEd25519(seed, msg)
    const bufferSigner = signerFromCallback({ publicKey, sign: () => sig.slice().buffer })
    expect(await bufferSigner.sign(msg)).toEqual(sig)
  })

  it('ERR_SIGNER_FAILED with cause when the callback throws or rejects', async () => {
    const { publicKey } = await keyPairFromSeed(seed)
    const boom = new Error('KMS unavailable')
    const e1 = await rejectsWith(signerFromCallback({ publicKey, sign: () => { throw boom } }).sign(msg), 'ERR_SIGNER_FAILED')
    expect((e1 as Error).cause).toBe(boom)
    const e2 = await rejectsWith(signerFromCallback({ publicKey, sign: () => Promise.reject(boom) }).sign(msg), 'ERR_SIGNER_FAILED')
    expect((e2 as Error).cause).toBe(boom)
  })

  it.each([
    ['garbage bytes', () => new Uint8Array(64).fill(0x42)],
    ['a 63-byte result', () => new Uint8Array(63)],
    ['a 65-byte result', () => new Uint8Array(65)],
    ['a string', () => 'signature' as never],
    ['undefined', () => undefined as never],
    ['a signature by another key', () => signEd25519(new Uint8Array(32).fill(4), msg)],
    ['a signature of another message', () => signEd25519(seed, new Uint8Array(1))],
  ] as const)('ERR_SIGNER_FAILED when the callback returns %s', async (_, sign) => {
    const { publicKey } = await keyPairFromSeed(seed)
    const e = await rejectsWith(signerFromCallback({ publicKey, sign }).sign(msg), 'ERR_SIGNER_FAILED')
    expect((e as Error).cause).toBeInstanceOf(Error)
  })

  it('validates its options', async () => {
    expect(() => signerFromCallback({ publicKey: new Uint8Array(32).fill(1), sign: 'x' as never })).toThrow(TypeError)
    expect(() => signerFromCallback({ publicKey: 'pk' as never, sign: async () => new Uint8Array(64) })).toThrow(TypeError)
    expect(() => signerFromCallback(null as never)).toThrow(TypeError)
    try {
      signerFromCallback({ publicKey: new Uint8Array(32), sign: async () => new Uint8Array(64) })
      throw new Error('no throw')
    } catch (e) {
      expect(isCounterfoilError(e, 'ERR_INVALID_KEY')).toBe(true)
    }
  })

  it('keeps its own copy of a public key and of a signature given as views (Node Buffers)', async () => {
    const kp = await keyPairFromSeed(new Uint8Array(32).fill(4))
    const publicKey = aliasing(kp.publicKey)
    const returned = aliasing(new Uint8Array(64))
    const signer = signerFromCallback({ publicKey, sign: async (m) => (returned.set(await signEd25519(kp.seed, m)), returned) })
    publicKey.fill(0)
    expect(signer.publicKey).toEqual(kp.publicKey)
    const signature = await signer.sign(msg)
    returned.fill(0) // the KMS client reuses its response buffer
    expect(await verifyEd25519(kp.publicKey, msg, signature)).toBe(true)
  })

  it('passes the callback a copy of the message', async () => {
    const { publicKey } = await keyPairFromSeed(seed)
    const signer = signerFromCallback({
      publicKey,
      sign: async (m) => {
        const s = await signEd25519(seed, m)
        m.fill(0) // a misbehaving callback scribbles on its input
        return s
      },
    })
    const m = msg.slice()
    await signer.sign(m)
    expect(m).toEqual(msg)
  })
})

describe('Web Crypto signers', () => {
  it('generateCryptoKeySigner makes a non-extractable key that signs for its did:key', async () => {
    const signer = await generateCryptoKeySigner()
    expect(signer.privateKey.extractable).toBe(false)
    expect(signer.privateKey.type).toBe('private')
    expect(publicKeyFromDid(signer.did)).toEqual(signer.publicKey)
    expect(await verifyEd25519(signer.publicKey, msg, await signer.sign(msg))).toBe(true)
  })

  it('signerFromCryptoKey rebuilds a signer from the stored key', async () => {
    const first = await generateCryptoKeySigner()
    const again = signerFromCryptoKey(first.privateKey, first.publicKey)
    expect(again.did).toBe(first.did)
    expect(await verifyEd25519(again.publicKey, msg, await again.sign(msg))).toBe(true)
  })

  it('ERR_SIGNER_FAILED when the CryptoKey does not belong to the public key', async () => {
    const a = await generateCryptoKeySigner()
    const b = await generateCryptoKeySigner()
    await rejectsWith(signerFromCryptoKey(a.privateKey, b.publicKey).sign(msg), 'ERR_SIGNER_FAILED')
  })

  it('rejects keys that are not Ed25519 private signing keys', async () => {
    const a = await generateCryptoKeySigner()
    const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair
    const ec = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify'])) as CryptoKeyPair
    expect(() => signerFromCryptoKey(pair.publicKey, a.publicKey)).toThrow(TypeError)
    expect(() => signerFromCryptoKey(ec.privateKey, a.publicKey)).toThrow(TypeError)
    expect(() => signerFromCryptoKey({} as CryptoKey, a.publicKey)).toThrow(TypeError)
    expect(() => signerFromCryptoKey(a.privateKey, new Uint8Array(32))).toThrow(/small order/)
  })
})

describe('where Web Crypto has no Ed25519', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
  })
  it('generateCryptoKeySigner fails with a clear ERR_SIGNER_FAILED', async () => {
    const real = globalThis.crypto
    const notSupported = new DOMException('Unrecognized name.', 'NotSupportedError')
    vi.stubGlobal('crypto', { getRandomValues: real.getRandomValues.bind(real), subtle: { generateKey: () => Promise.reject(notSupported) } })
    const e = await rejectsWith(generateCryptoKeySigner(), 'ERR_SIGNER_FAILED')
    expect((e as Error).message).toMatch(/does not support Ed25519/)
    expect((e as Error).cause).toBe(notSupported)
  })
  it('and where there is no crypto.subtle at all', async () => {
    vi.stubGlobal('crypto', {})
    await rejectsWith(generateCryptoKeySigner(), 'ERR_SIGNER_FAILED')
  })
})
