import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { encodeCbor, type CborValue } from '../../src/codec/dag-cbor.js'
import { deriveRelationshipKey } from '../../src/holder/pairwise.js'
import { disclosureDigest, valueDigest } from '../../src/record/disclosure.js'

interface Vectors {
  pairwise: { walletSeed: string; counterpartyDid: string; seed: string; publicKey: string; did: string }[]
  disclosures: { recordSalt: string; salt: string; path: (string | number)[]; value: CborValue; disclosure: string; valueDigest: string; digest: string }[]
}
const vectors = JSON.parse(readFileSync(new URL('../vectors/holder/vectors.json', import.meta.url), 'utf8')) as Vectors
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex')
const bytes = (h: string): Uint8Array => new Uint8Array(Buffer.from(h, 'hex'))

describe('holder vectors (generated independently with node:crypto and @ipld/dag-cbor)', () => {
  it.each(vectors.pairwise)('pairwise key for $counterpartyDid', async (v) => {
    const kp = await deriveRelationshipKey(bytes(v.walletSeed), v.counterpartyDid)
    expect(hex(kp.seed)).toBe(v.seed)
    expect(hex(kp.publicKey)).toBe(v.publicKey)
    expect(kp.did).toBe(v.did)
  })

  it.each(vectors.disclosures)('disclosure digest for $path', (v) => {
    expect(hex(encodeCbor([bytes(v.salt), v.path, v.value]))).toBe(v.disclosure)
    const inner = valueDigest(bytes(v.salt), v.value)
    expect(hex(inner)).toBe(v.valueDigest)
    expect(hex(disclosureDigest(bytes(v.recordSalt), v.path, inner))).toBe(v.digest)
  })

  it('has the cases it claims: distinct DIDs per relationship, distinct digests per record', () => {
    expect(new Set(vectors.pairwise.map((v) => v.did)).size).toBe(vectors.pairwise.length)
    expect(vectors.disclosures[0]!.digest).not.toBe(vectors.disclosures[3]!.digest)
    expect(vectors.disclosures[0]!.valueDigest).toBe(vectors.disclosures[3]!.valueDigest)
  })
})
