/**
 * counterfoil's own wire-format vectors (test/vectors/counterfoil, docs/spec.md §9): every positive
 * vector decodes to exactly its id, bytes and text and verifies; every negative vector gives exactly
 * its error codes; the values agree with independent implementations (@ipld/dag-cbor, multiformats,
 * node:crypto); `issue`/`cosign` reproduce the positive records byte for byte given the same salt;
 * and rebuilding the vectors from the sources gives the committed file, byte for byte.
 */
import { createHash, createPublicKey, verify as nodeVerify } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'
import * as dagCbor from '@ipld/dag-cbor'
import { base58btc } from 'multiformats/bases/base58'
import { CID } from 'multiformats/cid'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import * as lib from '../../src/index.js'
import { cosign, issue, type IssueOptions } from '../../src/record/issue.js'
import { signerFromSeed } from '../../src/keys/signer.js'
import type { Signer } from '../../src/keys/interface.js'

interface KeyVector { seed: string; publicKey: string; did: string }
interface PositiveVector {
  name: string
  description: string
  fields: Record<string, unknown>
  payload: string
  cid: string
  id: string
  signingInput: string
  signatures: { signer: string; signature: string }[]
  envelope: string
  text: string
  now: number
  revocation?: {
    seedInput: string
    seedSignature: string
    issuerSeed: string
    issuerPublicKey: string
    holderSeed: string
    holderPublicKey: string
  }
}
interface NegativeVector { name: string; description: string; envelope?: string; text?: string; now: number; errors: string[] }
interface Vectors { format: string; source: string; keys: Record<string, KeyVector>; positive: PositiveVector[]; negative: NegativeVector[] }

const generatorUrl = new URL('../vectors/counterfoil/generate.mjs', import.meta.url)
const vectorsPath = fileURLToPath(new URL('../vectors/counterfoil/vectors.json', import.meta.url))
const fileText = readFileSync(vectorsPath, 'utf8')
const vectors = JSON.parse(fileText) as Vectors

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex')
const unhex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'hex'))
const codes = (r: { errors: readonly { code: string }[] }): string[] => r.errors.map((e) => e.code)
const sha256 = (b: Uint8Array): Uint8Array => new Uint8Array(createHash('sha256').update(b).digest())
/** Ed25519 verification straight through OpenSSL, none of counterfoil's code involved. */
const opensslVerify = (publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean =>
  nodeVerify(null, message, createPublicKey({ key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), publicKey]), format: 'der', type: 'spki' }), signature)
const publicKeyOfDid = (did: string): Uint8Array => base58btc.decode(did.slice('did:key:'.length)).subarray(2)
/** DAG-JSON-style view of a value decoded by @ipld/dag-cbor (bytes as {"/":{"bytes":base64}}). */
const dagJson = (v: unknown): unknown => {
  if (v instanceof Uint8Array) return { '/': { bytes: Buffer.from(v).toString('base64').replace(/=+$/, '') } }
  if (Array.isArray(v)) return v.map(dagJson)
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, dagJson(x)]))
  return v
}
const inputOf = (n: NegativeVector): Uint8Array | string => n.text ?? unhex(n.envelope!)

describe('counterfoil vectors: file', () => {
  it('has what the spec lists', () => {
    expect(vectors.format).toBe('counterfoil wire format v1 (docs/spec.md)')
    expect(vectors.positive.map((p) => p.name)).toEqual(['self-asserted', 'purchase', 'co-signed', 'revocable'])
    expect(vectors.negative.length).toBeGreaterThanOrEqual(20)
    expect(new Set(vectors.negative.map((n) => n.name)).size).toBe(vectors.negative.length)
    for (const n of vectors.negative) expect(n.errors.every((c) => lib.ERROR_CODES.includes(c as lib.ErrorCode))).toBe(true)
  })

  it('docs/spec.md lists every negative vector and quotes the positive examples exactly', () => {
    const spec = readFileSync(fileURLToPath(new URL('../../docs/spec.md', import.meta.url)), 'utf8')
    for (const n of vectors.negative) expect(spec).toContain(`| \`${n.name}\` |`)
    const self = vectors.positive.find((p) => p.name === 'self-asserted')!
    const revocable = vectors.positive.find((p) => p.name === 'revocable')!
    const quoted = [
      self.id, self.cid, self.signatures[0]!.signature.slice(0, 64), self.signatures[0]!.signature.slice(64),
      self.signingInput.slice(-72), vectors.keys.issuer!.did, vectors.keys.issuer!.publicKey,
      revocable.revocation!.issuerSeed, revocable.revocation!.issuerPublicKey, revocable.revocation!.holderPublicKey,
      revocable.revocation!.seedSignature.slice(0, 64), revocable.revocation!.seedSignature.slice(64),
    ]
    for (const q of quoted) expect(spec).toContain(q)
    const wrapped = /```\n(uomdw[\s\S]*?)\n```/.exec(spec)![1]!.replace(/\n/g, '')
    expect(wrapped).toBe(self.text)
  })

  it('keys: seed → public key (OpenSSL) → did:key (multibase 0xed01, base58btc)', async () => {
    for (const k of Object.values(vectors.keys)) {
      const pair = await lib.keyPairFromSeed(unhex(k.seed))
      expect(hex(pair.publicKey)).toBe(k.publicKey)
      expect(pair.did).toBe(k.did)
      expect(k.did).toBe('did:key:' + base58btc.encode(Uint8Array.from([0xed, 0x01, ...unhex(k.publicKey)])))
      expect(k.did).toHaveLength(56)
      const message = new TextEncoder().encode('check')
      expect(opensslVerify(unhex(k.publicKey), message, await lib.signEd25519(unhex(k.seed), message))).toBe(true)
    }
  })
})

describe.each(vectors.positive.map((p) => [p.name, p] as const))('positive vector %s', (_name, p) => {
  it('decodes from bytes and from text to exactly its id, bytes, text and payload', () => {
    for (const input of [unhex(p.envelope), p.text, `\n ${p.text}\r\n`]) {
      const record = lib.decodeRecord(input)
      expect(record.id).toBe(p.id)
      expect(hex(record.cid.bytes)).toBe(p.cid)
      expect(hex(record.bytes)).toBe(p.envelope)
      expect(record.toString()).toBe(p.text)
      expect(hex(record.payloadBytes)).toBe(p.payload)
      expect(record.signatures.map((s) => ({ signer: s.signer, signature: hex(s.signature) }))).toEqual(p.signatures)
      expect(hex(lib.signingInput(record.cid))).toBe(p.signingInput)
      expect(lib.recordId(input)).toBe(p.id)
    }
  })

  it('verifies as valid at its stated time, from bytes, text and a decoded record', async () => {
    for (const input of [unhex(p.envelope), p.text, lib.decodeRecord(p.text)]) {
      const result = await lib.verify(input, { now: p.now })
      expect(result.errors).toEqual([])
      expect(result.valid).toBe(true)
      expect(result.id).toBe(p.id)
    }
    const required = await lib.verify(p.text, { now: p.now, requiredSigners: p.signatures.map((s) => s.signer), trustedIssuers: [p.signatures[0]!.signer] })
    expect(required.valid).toBe(true)
  })

  it('agrees with independent implementations: @ipld/dag-cbor, multiformats, SHA-256 and Ed25519 from OpenSSL', () => {
    const payload = unhex(p.payload)
    const envelope = unhex(p.envelope)
    // DAG-CBOR: both layers round-trip byte for byte through another implementation.
    expect(hex(dagCbor.encode(dagCbor.decode(payload)))).toBe(p.payload)
    const env = dagCbor.decode(envelope) as { payload: Uint8Array; signatures: { signer: string; signature: Uint8Array }[] }
    expect(Object.keys(env)).toEqual(['payload', 'signatures'])
    expect(hex(env.payload)).toBe(p.payload)
    expect(hex(dagCbor.encode(env))).toBe(p.envelope)
    expect(dagJson(dagCbor.decode(payload))).toEqual(p.fields)
    // Record id: CIDv1 = 0x01 0x71 0x12 0x20 ‖ SHA-256(payload); text: multibase base32 lower.
    expect(p.cid).toBe('01711220' + hex(sha256(payload)))
    expect(CID.decode(unhex(p.cid)).toString()).toBe(p.id)
    expect(p.id).toMatch(/^bafyrei[a-z2-7]{52}$/)
    // Signing input: "counterfoil/v1/record" 0x00 ‖ CID bytes.
    expect(p.signingInput).toBe(hex(new TextEncoder().encode('counterfoil/v1/record')) + '00' + p.cid)
    // Text form: "u" + base64url without padding.
    expect(p.text).toBe('u' + Buffer.from(envelope).toString('base64url'))
    // Signatures: issuer first, each valid under OpenSSL for its did:key.
    expect(p.signatures[0]!.signer).toBe((dagCbor.decode(payload) as { iss: string }).iss)
    for (const s of p.signatures) expect(opensslVerify(publicKeyOfDid(s.signer), unhex(p.signingInput), unhex(s.signature))).toBe(true)
  })

  if (p.revocation !== undefined) {
    const rv = p.revocation
    it('revocation keys: rev.issuer = key of SHA-256(sign(issuer, "counterfoil/v1/revocation-seed" 0x00 ‖ salt))', async () => {
      const fields = dagCbor.decode(unhex(p.payload)) as { iss: string; salt: Uint8Array; rev: { issuer: Uint8Array; holder: Uint8Array } }
      expect(rv.seedInput).toBe(hex(new TextEncoder().encode('counterfoil/v1/revocation-seed')) + '00' + hex(fields.salt))
      const issuerKey = Object.values(vectors.keys).find((k) => k.did === fields.iss)!
      expect(opensslVerify(unhex(issuerKey.publicKey), unhex(rv.seedInput), unhex(rv.seedSignature))).toBe(true)
      expect(hex(await lib.signEd25519(unhex(issuerKey.seed), unhex(rv.seedInput)))).toBe(rv.seedSignature)
      expect(rv.issuerSeed).toBe(hex(sha256(unhex(rv.seedSignature))))
      expect(hex(await lib.publicKeyFromSeed(unhex(rv.issuerSeed)))).toBe(rv.issuerPublicKey)
      const derived = await lib.deriveRevocationKey(await signerFromSeed(unhex(issuerKey.seed)), fields.salt)
      expect(hex(derived.seed)).toBe(rv.issuerSeed)
      expect(hex(fields.rev.issuer)).toBe(rv.issuerPublicKey)
      expect(hex(fields.rev.holder)).toBe(rv.holderPublicKey)
      expect(hex(await lib.publicKeyFromSeed(unhex(rv.holderSeed)))).toBe(rv.holderPublicKey)
    })
  }
})

describe('issue() and cosign() reproduce the positive vectors given the same salt', () => {
  const signers = new Map<string, Signer>()
  beforeAll(async () => {
    for (const k of Object.values(vectors.keys)) signers.set(k.did, await signerFromSeed(unhex(k.seed)))
  })
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it.each(vectors.positive.map((p) => [p.name, p] as const))('%s', async (_name, p) => {
    const payload = lib.decodeRecord(p.text).payload
    vi.spyOn(globalThis.crypto, 'getRandomValues').mockImplementation(<T extends ArrayBufferView | null>(array: T): T => {
      ;(array as unknown as Uint8Array).set(payload.salt)
      return array
    })
    const options: IssueOptions = { signer: signers.get(payload.iss)!, subject: payload.sub, type: payload.type, claims: payload.claims, issuedAt: payload.iat }
    if (payload.nbf !== undefined) options.notBefore = payload.nbf
    if (payload.exp !== undefined) options.validUntil = payload.exp
    if (payload.reg !== undefined) options.registry = payload.reg
    if (payload.rev !== undefined) options.revocable = true
    if (payload.rev?.holder !== undefined) options.holderKey = payload.rev.holder
    let record = await issue(options)
    for (const s of p.signatures.slice(1)) record = await cosign(record, signers.get(s.signer)!)
    expect(record.id).toBe(p.id)
    expect(hex(record.bytes)).toBe(p.envelope)
    expect(record.toString()).toBe(p.text)
  })
})

describe.each(vectors.negative.map((n) => [n.name, n] as const))('negative vector %s', (_name, n) => {
  it(`verify gives exactly ${n.errors.join(', ')}`, async () => {
    const result = await lib.verify(inputOf(n), { now: n.now })
    expect(codes(result)).toEqual(n.errors)
    expect(result.valid).toBe(false)
    const [many] = await lib.verifyMany([inputOf(n)], { now: n.now })
    expect(codes(many!)).toEqual(n.errors)
  })

  const decodeErrors = ['ERR_MALFORMED', 'ERR_NON_CANONICAL', 'ERR_UNSUPPORTED_VERSION', 'ERR_INVALID_DID', 'ERR_INVALID_KEY', 'ERR_TOO_LARGE']
  if (decodeErrors.includes(n.errors[0]!)) {
    it('decodeRecord throws a CounterfoilError with the same code', () => {
      let thrown: unknown
      try {
        lib.decodeRecord(inputOf(n))
      } catch (e) {
        thrown = e
      }
      expect(lib.isCounterfoilError(thrown, n.errors[0] as lib.ErrorCode)).toBe(true)
    })
  } else {
    it('decodes (the defect is in a signature or the validity window, not the encoding)', () => {
      expect(() => lib.decodeRecord(inputOf(n))).not.toThrow()
    })
  }
})

describe('negative vectors are defective in one way only', () => {
  const byName = new Map(vectors.negative.map((n) => [n.name, n]))
  const issuerDid = vectors.keys.issuer!.did

  it.each([
    'payload-map-unsorted', 'payload-integer-not-minimal', 'payload-float-time', 'payload-duplicate-key', 'payload-indefinite-length',
    'unknown-version', 'unknown-field', 'salt-31-bytes', 'exp-not-after-iat', 'rev-small-order-key',
  ])('%s: the envelope is canonical and the issuer\'s signature over the CID of the payload bytes is valid', (name) => {
    const envelope = unhex(byName.get(name)!.envelope!)
    const env = dagCbor.decode(envelope) as { payload: Uint8Array; signatures: { signer: string; signature: Uint8Array }[] }
    expect(hex(dagCbor.encode(env))).toBe(hex(envelope))
    const cid = '01711220' + hex(sha256(env.payload))
    const input = unhex(hex(new TextEncoder().encode('counterfoil/v1/record')) + '00' + cid)
    expect(env.signatures.map((s) => s.signer)).toEqual([issuerDid])
    expect(opensslVerify(publicKeyOfDid(issuerDid), input, env.signatures[0]!.signature)).toBe(true)
  })

  it('wrong-domain-tag: the signature is valid, but over the status tag', () => {
    const env = dagCbor.decode(unhex(byName.get('wrong-domain-tag')!.envelope!)) as { payload: Uint8Array; signatures: { signature: Uint8Array }[] }
    const statusInput = Buffer.concat([Buffer.from('counterfoil/v1/status'), Buffer.of(0), Buffer.from('01711220', 'hex'), sha256(env.payload)])
    expect(opensslVerify(publicKeyOfDid(issuerDid), statusInput, env.signatures[0]!.signature)).toBe(true)
  })

  it('signature-s-not-reduced: S ≥ L and everything else equal to the valid signature', () => {
    const good = vectors.positive.find((p) => p.name === 'purchase')!.signatures[0]!.signature
    const env = dagCbor.decode(unhex(byName.get('signature-s-not-reduced')!.envelope!)) as { signatures: { signature: Uint8Array }[] }
    const sig = env.signatures[0]!.signature
    const le = (b: Uint8Array): bigint => b.reduceRight((n, x) => (n << 8n) | BigInt(x), 0n)
    const L = 2n ** 252n + 27742317777372353535851937790883648493n
    expect(hex(sig.subarray(0, 32))).toBe(good.slice(0, 64))
    expect(le(sig.subarray(32))).toBe(le(unhex(good.slice(64))) + L)
    expect(lib.isWellFormedSignature(sig)).toBe(false)
  })
})

describe('regenerating the vectors', () => {
  it('from the sources gives the committed file byte for byte, twice (deterministic)', async () => {
    // A non-literal specifier keeps TypeScript from looking for the .mjs file's types.
    const generator = (await import(/* @vite-ignore */ pathToFileURL(fileURLToPath(generatorUrl)).href)) as {
      buildVectors: (l: typeof lib) => Promise<unknown>
      serialize: (v: unknown) => string
    }
    const first = generator.serialize(await generator.buildVectors(lib))
    const second = generator.serialize(await generator.buildVectors(lib))
    expect(second).toBe(first)
    expect(first).toBe(fileText)
  })
})
