// counterfoil's wire-format vectors (test/vectors/counterfoil, docs/spec.md §9) checked inside
// Chromium on the browser's crypto (Web Crypto Ed25519, noble fallback): the same ids, bytes, text,
// verdicts and error codes as in Node. test/record/vectors.test.ts stays Node-only (it cross-checks
// with node:crypto/OpenSSL and reads files from disk); this file gets the vectors through the bundler.
import { describe, expect, it } from 'vitest'
import * as lib from '../../src/index.js'
import { activeBackend, selectBackend } from '../../src/keys/ed25519.js'
import { deriveRevocationKey } from '../../src/record/revocation-key.js'
import vectorsJson from '../vectors/counterfoil/vectors.json'

interface PositiveVector { name: string; envelope: string; text: string; id: string; cid: string; payload: string; signingInput: string; now: number; revocation?: { issuerSeed: string; issuerPublicKey: string } }
interface NegativeVector { name: string; envelope?: string; text?: string; now: number; errors: string[] }
interface Vectors { keys: Record<string, { seed: string; publicKey: string; did: string }>; positive: PositiveVector[]; negative: NegativeVector[] }
const vectors = vectorsJson as unknown as Vectors

const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')
const unhex = (s: string): Uint8Array => Uint8Array.from(s.match(/../g) ?? [], (h) => parseInt(h, 16))
const inputOf = (n: NegativeVector): Uint8Array | string => n.text ?? unhex(n.envelope!)

describe('the browser picks its own crypto', () => {
  it('auto selects Web Crypto Ed25519 in Chromium (node:crypto is not there)', async () => {
    expect((await selectBackend('auto')).name).toBe('webcrypto')
    expect((await activeBackend()).name).toBe('webcrypto')
    await expect(selectBackend('node')).rejects.toThrow(/only available in Node/)
    await selectBackend('auto')
  })

  it('a non-extractable Web Crypto signer signs and round-trips through IndexedDB', async () => {
    const signer = await lib.generateCryptoKeySigner()
    expect(signer.privateKey.extractable).toBe(false)
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(`counterfoil-test-${crypto.randomUUID()}`, 1)
      req.onupgradeneeded = () => req.result.createObjectStore('keys')
      req.onsuccess = () => resolve(req.result)
      req.onerror = () => reject(req.error)
    })
    const put = db.transaction('keys', 'readwrite').objectStore('keys').put({ privateKey: signer.privateKey, publicKey: signer.publicKey }, 'k')
    await new Promise((resolve, reject) => { put.onsuccess = resolve; put.onerror = reject })
    const get = db.transaction('keys').objectStore('keys').get('k')
    const stored = await new Promise<{ privateKey: CryptoKey; publicKey: Uint8Array }>((resolve, reject) => { get.onsuccess = () => resolve(get.result); get.onerror = reject })
    db.close()
    const again = lib.signerFromCryptoKey(stored.privateKey, stored.publicKey)
    expect(again.did).toBe(signer.did)
    const record = await lib.issue({ signer: again, subject: again.did, type: 'note', claims: { hello: 'browser' } })
    expect((await lib.verify(record.toString(), { trustedIssuers: [signer.did] })).valid).toBe(true)
  })
})

describe.each(['webcrypto', 'noble'] as const)('counterfoil vectors on the %s backend', (backend) => {
  it('every positive vector decodes to exactly its id, bytes and text, and verifies', async () => {
    await selectBackend(backend)
    try {
      expect(vectors.positive.length).toBeGreaterThanOrEqual(4)
      for (const p of vectors.positive) {
        for (const input of [unhex(p.envelope), p.text]) {
          const record = lib.decodeRecord(input)
          expect(record.id).toBe(p.id)
          expect(hex(record.cid.bytes)).toBe(p.cid)
          expect(hex(record.bytes)).toBe(p.envelope)
          expect(record.toString()).toBe(p.text)
          expect(hex(lib.signingInput(record.cid))).toBe(p.signingInput)
          const result = await lib.verify(input, { now: p.now })
          expect(result.errors, p.name).toEqual([])
          expect(result.valid).toBe(true)
        }
      }
    } finally {
      await selectBackend('auto')
    }
  })

  it('every negative vector gives exactly its error codes', async () => {
    await selectBackend(backend)
    try {
      expect(vectors.negative.length).toBeGreaterThanOrEqual(20)
      for (const n of vectors.negative) {
        const result = await lib.verify(inputOf(n), { now: n.now })
        expect(result.errors.map((e) => e.code), n.name).toEqual(n.errors)
        expect(result.valid).toBe(false)
      }
    } finally {
      await selectBackend('auto')
    }
  })

  it('keys and revocation keys derive as the vectors say', async () => {
    await selectBackend(backend)
    try {
      for (const k of Object.values(vectors.keys)) {
        const pair = await lib.keyPairFromSeed(unhex(k.seed))
        expect(hex(pair.publicKey)).toBe(k.publicKey)
        expect(pair.did).toBe(k.did)
      }
      const revocable = vectors.positive.find((p) => p.revocation !== undefined)!
      const payload = lib.decodeRecord(revocable.text).payload
      const issuer = Object.values(vectors.keys).find((k) => k.did === payload.iss)!
      const derived = await deriveRevocationKey(await lib.signerFromSeed(unhex(issuer.seed)), payload.salt)
      expect(hex(derived.seed)).toBe(revocable.revocation!.issuerSeed)
      expect(hex(derived.publicKey)).toBe(revocable.revocation!.issuerPublicKey)
    } finally {
      await selectBackend('auto')
    }
  })
})
