import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { toHex } from '../../src/codec/bytes.js'
import { deriveRelationshipKey, relationshipSigner } from '../../src/holder/pairwise.js'
import { keyPairFromSeed } from '../../src/keys/signer.js'
import { verifyEd25519 } from '../../src/keys/ed25519.js'

const wallet = new Uint8Array(32).fill(9)
const shopA = 'did:key:z6Mkon3Necd6NkkyfoGoHxid2znGc59LU3K7mubaRcFbLfLX'
const shopB = 'did:key:z6MkvRXNYcE7MMduynWTgeKbDaT1iijDSC8pZqXZc8rHPrf2'

describe('deriveRelationshipKey', () => {
  it('is deterministic per (wallet, counterparty) and different across counterparties and wallets', async () => {
    const a1 = await deriveRelationshipKey(wallet, shopA)
    const a2 = await deriveRelationshipKey(wallet.slice(), shopA)
    const b = await deriveRelationshipKey(wallet, shopB)
    const other = await deriveRelationshipKey(new Uint8Array(32).fill(10), shopA)
    expect(a1.did).toBe(a2.did)
    expect(new Set([a1.did, b.did, other.did]).size).toBe(3)
    expect((await keyPairFromSeed(a1.seed)).did).toBe(a1.did)
  })

  it('two relationships are unlinkable: neither key reveals the wallet seed or the other key', async () => {
    const main = await keyPairFromSeed(wallet)
    const a = await deriveRelationshipKey(wallet, shopA)
    const b = await deriveRelationshipKey(wallet, shopB)
    // Nothing either company sees (its pairwise DID / public key) contains the wallet seed, the
    // wallet's own public key, or the other company's key material.
    for (const seen of [a, b]) {
      const hexSeen = toHex(seen.publicKey)
      expect(hexSeen).not.toContain(toHex(wallet))
      expect(seen.did).not.toBe(main.did)
      expect(toHex(seen.seed)).not.toBe(toHex(wallet))
    }
    expect(toHex(a.seed)).not.toBe(toHex(b.seed))
    expect(toHex(a.publicKey)).not.toBe(toHex(b.publicKey))
  })

  it('no two of many counterparties share a key (fast-check)', async () => {
    await fc.assert(fc.asyncProperty(fc.uniqueArray(fc.stringMatching(/^[a-z0-9.-]{1,20}$/), { minLength: 2, maxLength: 8 }), async (hosts) => {
      const dids = await Promise.all(hosts.map(async (h) => (await deriveRelationshipKey(wallet, `did:web:${h}`)).did))
      expect(new Set(dids).size).toBe(hosts.length)
    }), { numRuns: 25 })
  })

  it('relationshipSigner signs with the derived key', async () => {
    const signer = await relationshipSigner(wallet, shopA)
    const kp = await deriveRelationshipKey(wallet, shopA)
    expect(signer.did).toBe(kp.did)
    const msg = new TextEncoder().encode('hello')
    expect(await verifyEd25519(kp.publicKey, msg, await signer.sign(msg))).toBe(true)
  })

  it('rejects bad seeds and non-DIDs', async () => {
    await expect(deriveRelationshipKey(new Uint8Array(31), shopA)).rejects.toThrow(RangeError)
    await expect(deriveRelationshipKey('seed' as never, shopA)).rejects.toThrow(TypeError)
    for (const bad of ['', 'shop.example', 'did:', 'did:web:', 'DID:web:x', 'did:web:a b']) {
      await expect(deriveRelationshipKey(wallet, bad), bad).rejects.toThrow(TypeError)
    }
  })
})
