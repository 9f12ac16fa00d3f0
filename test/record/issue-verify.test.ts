import * as dagCbor from '@ipld/dag-cbor'
import fc from 'fast-check'
import { CID } from 'multiformats/cid'
import { sha256 } from 'multiformats/hashes/sha2'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encodeCbor } from '../../src/codec/dag-cbor.js'
import { toBase64url } from '../../src/codec/multibase.js'
import type { Signer } from '../../src/keys/interface.js'
import { selectBackend, type BackendName } from '../../src/keys/ed25519.js'
import { signerFromCallback } from '../../src/keys/signer.js'
import { decodeRecord, recordId, SignedRecord } from '../../src/record/envelope.js'
import { cosign, issue } from '../../src/record/issue.js'
import { deriveRevocationKey } from '../../src/record/revocation-key.js'
import { verify, verifyMany } from '../../src/record/verify.js'
import { verify as publicVerify } from '../../src/verify.js'
import { CounterfoilError } from '../../src/errors.js'
import { aliasing } from '../support/aliasing-bytes.js'
import { party, T0 } from './helpers.js'

let shop: Signer
let customer: Signer
let other: Signer
beforeAll(async () => {
  shop = await party(1)
  customer = await party(2)
  other = await party(3)
})

const codes = (r: { errors: readonly { code: string }[] }): string[] => r.errors.map((e) => e.code)

async function receipt(extra: Partial<Parameters<typeof issue>[0]> = {}): Promise<SignedRecord> {
  return issue({
    signer: shop, subject: customer.did, type: 'purchase',
    claims: { items: [{ sku: 'KETTLE-2', qty: 1, price: 3990 }], currency: 'EUR' },
    issuedAt: T0, expiresIn: 3600, ...extra,
  })
}

describe('issue and verify', () => {
  it('issues a record that verifies, round-trips through text, and has a CID id', async () => {
    const record = await receipt()
    const text = record.toString()
    expect(text.startsWith('u')).toBe(true)
    const back = decodeRecord(text)
    expect(back.id).toBe(record.id)
    expect(back.bytes).toEqual(record.bytes)
    expect(recordId(text)).toBe(record.id)
    expect(record.id.startsWith('bafyrei')).toBe(true)
    const result = await verify(text, { now: T0 + 10, trustedIssuers: [shop.did] })
    expect(result.valid).toBe(true)
    expect(result.errors).toEqual([])
    expect(result.checks.map((c) => [c.name, c.ok])).toEqual([['decode', true], ['signatures', true], ['validity', true], ['issuer', true]])
    expect(result.record?.payload.claims).toEqual({ items: [{ sku: 'KETTLE-2', qty: 1, price: 3990 }], currency: 'EUR' })
  })

  it('words each check for its own record when many records share the wording', async () => {
    // Passed checks are shared between results; a wrong memo key would show another record's words.
    const a = await receipt()
    const b = await issue({ signer: shop, subject: customer.did, type: 'warranty', claims: {}, issuedAt: T0 + 86_400, validUntil: T0 + 2 * 86_400 })
    const c = await issue({ signer: other, subject: customer.did, type: 'purchase', claims: { n: 1 }, issuedAt: T0 })
    const [ra, rb, rc, ra2] = await verifyMany([a, b, c, a.toString()], { now: T0 + 86_400 + 10, trustedIssuers: [shop.did, other.did] })
    const details = (r: typeof ra) => Object.fromEntries(r!.checks.map((k) => [k.name, k.detail]))
    expect(details(ra)).toEqual({
      decode: 'record was decoded earlier',
      signatures: `signed by the issuer ${shop.did}`,
      validity: 'expired at 2026-01-01T01:00:00Z',
      issuer: `issuer ${shop.did} is trusted for "purchase" records`,
    })
    expect(ra!.valid).toBe(false)
    expect(details(rb)).toMatchObject({
      validity: 'issued 2026-01-02T00:00:00Z, valid until 2026-01-03T00:00:00Z',
      issuer: `issuer ${shop.did} is trusted for "warranty" records`,
    })
    expect(details(rc)).toMatchObject({
      signatures: `signed by the issuer ${other.did}`,
      validity: 'issued 2026-01-01T00:00:00Z, does not expire',
      issuer: `issuer ${other.did} is trusted for "purchase" records`,
    })
    expect(details(ra2).decode).toBe(`canonical DAG-CBOR, ${a.bytes.length} bytes, type "purchase"`)
    // Shared check objects cannot be changed through one result to mislead another.
    expect(() => { (rb!.checks[1] as { detail: string }).detail = 'forged' }).toThrow(TypeError)
    expect(details(rc).signatures).toBe(`signed by the issuer ${other.did}`)
  })

  it('is readable by an independent DAG-CBOR implementation, byte for byte, with the same CID', async () => {
    const record = await receipt()
    const envelope = dagCbor.decode(record.bytes) as { payload: Uint8Array }
    expect(Uint8Array.from(dagCbor.encode(envelope))).toEqual(record.bytes)
    // Copy: @ipld/dag-cbor hands back views into the envelope buffer.
    const payload = Uint8Array.from(envelope.payload)
    expect(Uint8Array.from(dagCbor.encode(dagCbor.decode(payload)))).toEqual(payload)
    const cid = CID.createV1(dagCbor.code, await sha256.digest(payload))
    expect(cid.toString()).toBe(record.id)
  })

  it('draws a fresh salt every time', async () => {
    const a = await receipt()
    const b = await receipt()
    expect(a.payload.salt).not.toEqual(b.payload.salt)
    expect(a.id).not.toBe(b.id)
  })

  it('reports a forged expired record as forged, not expired', async () => {
    const record = await receipt()
    const forged = await cosign(record, other)
    // Replace the issuer's signature with the other party's signature bytes.
    const envelope = dagCbor.decode(forged.bytes) as { payload: Uint8Array; signatures: { signer: string; signature: Uint8Array }[] }
    envelope.signatures = [{ signer: shop.did, signature: envelope.signatures[1]!.signature }]
    const result = await verify(dagCbor.encode(envelope), { now: T0 + 7200 })
    expect(result.valid).toBe(false)
    expect(codes(result)).toEqual(['ERR_SIGNATURE_INVALID'])
  })

  it('checks the validity window with clock skew', async () => {
    const record = await receipt({ notBefore: T0 + 100 })
    expect(codes(await verify(record, { now: T0 }))).toEqual(['ERR_NOT_YET_VALID'])
    expect((await verify(record, { now: T0 + 40 })).valid).toBe(true) // within the 60 s skew
    expect((await verify(record, { now: T0 + 40, clockSkew: 0 })).valid).toBe(false)
    expect((await verify(record, { now: T0 + 3600 + 59 })).valid).toBe(true)
    expect(codes(await verify(record, { now: T0 + 3600 + 60 }))).toEqual(['ERR_EXPIRED'])
    expect(codes(await verify(record, { now: new Date((T0 + 99999) * 1000) }))).toEqual(['ERR_EXPIRED'])
  })

  it('applies trustedIssuers as a list, a per-type map and a function', async () => {
    const record = await receipt()
    const now = T0 + 1
    expect(codes(await verify(record, { now, trustedIssuers: [other.did] }))).toEqual(['ERR_UNTRUSTED_ISSUER'])
    expect((await verify(record, { now, trustedIssuers: { purchase: [shop.did] } })).valid).toBe(true)
    expect((await verify(record, { now, trustedIssuers: { '*': [shop.did] } })).valid).toBe(true)
    expect(codes(await verify(record, { now, trustedIssuers: { warranty: [shop.did] } }))).toEqual(['ERR_UNTRUSTED_ISSUER'])
    expect((await verify(record, { now, trustedIssuers: async (iss, type) => iss === shop.did && type === 'purchase' })).valid).toBe(true)
    expect(codes(await verify(record, { now, trustedIssuers: () => false }))).toEqual(['ERR_UNTRUSTED_ISSUER'])
  })

  it('supports self-asserted and co-signed records with requiredSigners', async () => {
    const self = await issue({ signer: customer, subject: customer.did, type: 'note', claims: 'mine', issuedAt: T0 })
    expect((await verify(self, { now: T0 })).valid).toBe(true)
    const deal = await issue({ signer: customer, subject: customer.did, type: 'agreement', claims: { delete: 'P30D' }, issuedAt: T0 })
    expect(codes(await verify(deal, { now: T0, requiredSigners: [customer.did, shop.did] }))).toEqual(['ERR_MISSING_SIGNER'])
    const agreed = await cosign(deal, shop)
    expect(agreed.id).toBe(deal.id)
    expect(agreed.signatures.map((s) => s.signer)).toEqual([customer.did, shop.did])
    expect((await verify(agreed.toString(), { now: T0, requiredSigners: [customer.did, shop.did] })).valid).toBe(true)
    await expect(cosign(agreed, shop)).rejects.toMatchObject({ code: 'ERR_CONFLICT' })
  })

  it('derives the revocation key from the issuer key and salt, with nothing stored', async () => {
    const record = await receipt({ registry: 'https://registry.example' })
    expect(record.payload.reg).toBe('https://registry.example')
    const derived = await deriveRevocationKey(shop, record.payload.salt)
    expect(record.payload.rev?.issuer).toEqual(derived.publicKey)
    const byOther = await deriveRevocationKey(other, record.payload.salt)
    expect(byOther.publicKey).not.toEqual(derived.publicKey)
    const withHolder = await receipt({ registry: 'https://registry.example', holderKey: customer.publicKey })
    expect(withHolder.payload.rev?.holder).toEqual(customer.publicKey)
  })

  it('refuses a signer that randomises signatures before it embeds an underivable revocation key; checks each signer once', async () => {
    const calls = { random: 0, honest: 0 }
    // A randomising HSM returns valid signatures that differ on every call, which signerFromCallback
    // would accept; a bare Signer stands in for it (different bytes on every call is all that matters).
    const randomising: Signer = {
      did: shop.did,
      publicKey: shop.publicKey,
      sign: async () => { calls.random++; return crypto.getRandomValues(new Uint8Array(64)) },
    }
    await expect(issue({ signer: randomising, subject: customer.did, type: 'receipt', claims: {}, revocable: true })).rejects.toMatchObject({ code: 'ERR_SIGNER_FAILED' })
    expect(calls.random).toBe(2) // the derivation signed twice and compared; nothing was signed after
    const honest = signerFromCallback({ publicKey: shop.publicKey, sign: async (m) => { calls.honest++; return shop.sign(m) } })
    await issue({ signer: honest, subject: customer.did, type: 'receipt', claims: {}, revocable: true })
    expect(calls.honest).toBe(3) // derivation twice (first use) + the record
    const again = await issue({ signer: honest, subject: customer.did, type: 'receipt', claims: {}, revocable: true })
    expect(calls.honest).toBe(5) // derivation once + the record: the determinism check ran only once
    expect(again.payload.rev?.issuer).toEqual((await deriveRevocationKey(shop, again.payload.salt)).publicKey)
  })

  it('never accepts a record with any single bit flipped', async () => {
    const record = await receipt()
    await fc.assert(fc.asyncProperty(fc.nat({ max: record.bytes.length * 8 - 1 }), async (bit) => {
      const bytes = Uint8Array.from(record.bytes)
      bytes[bit >> 3]! ^= 1 << (bit & 7)
      const result = await verify(bytes, { now: T0 })
      expect(result.valid).toBe(false)
      expect(result.errors.length).toBeGreaterThan(0)
    }), { numRuns: 400 })
  })

  it('keeps a private copy of record bytes given as a view (a Node Buffer the caller reuses)', async () => {
    const record = await receipt()
    const buffer = aliasing(record.bytes)
    const decoded = decodeRecord(buffer)
    const checked = await verify(aliasing(record.bytes), { now: T0 })
    buffer.fill(0)
    expect(decoded.bytes).toEqual(record.bytes)
    expect(Object.getPrototypeOf(decoded.bytes)).toBe(Uint8Array.prototype)
    expect(decoded.payload).toEqual(record.payload)
    expect((await verify(decoded, { now: T0 })).valid).toBe(true)
    expect(checked.valid).toBe(true)
  })

  it('does not trust a hand-built SignedRecord object: it re-decodes the bytes', async () => {
    const record = await receipt()
    const fake = Object.create(SignedRecord.prototype) as SignedRecord
    Object.assign(fake, { ...record, payload: { ...record.payload, claims: 'changed' }, bytes: record.bytes })
    const result = await verify(fake, { now: T0 })
    expect(result.valid).toBe(true)
    expect(result.record?.payload.claims).not.toBe('changed')
  })

  it('verifyMany returns results in input order with batch concurrency', async () => {
    const good = await receipt()
    const inputs = Array.from({ length: 50 }, (_, i) => (i % 10 === 3 ? 'uAAAA' : good.toString()))
    const results = await verifyMany(inputs, { now: T0, concurrency: 8 })
    expect(results.map((r) => r.valid)).toEqual(inputs.map((_, i) => i % 10 !== 3))
    expect(codes(results[3]!)).toEqual(['ERR_MALFORMED'])
  })
})

/** The backends this runtime has that batch differently: libsodium here plus OpenSSL on the pool (sodium), the pool alone (node), Web Crypto. */
const batchBackends: BackendName[] = []
for (const name of ['sodium', 'node', 'webcrypto'] as const) {
  try {
    await selectBackend(name)
    batchBackends.push(name)
  } catch {
    // not in this runtime (sodium and node outside Node)
  }
}
await selectBackend('auto')

describe.each(batchBackends)('verifyMany agrees with verify (%s backend)', (name) => {
  beforeAll(() => selectBackend(name))
  afterAll(() => selectBackend('auto'))

  it('gives each record the result verify gives it, in order, whatever the mix and concurrency', async () => {
    const good = await receipt()
    const expired = await receipt({ issuedAt: T0 - 7200 })
    const stranger = await issue({ signer: other, subject: customer.did, type: 'purchase', claims: {}, issuedAt: T0 })
    const both = await cosign(good, customer)
    const forged = good.toString().slice(0, -4) + (good.toString().endsWith('AAAA') ? 'BAAA' : 'AAAA')
    const mix = [good, good.toString(), expired, stranger.bytes, both, forged, 'uAAAA', both.toString(), new Uint8Array(3)]
    const validity = [true, true, false, false, true, false, false, true, false]
    const byList = { now: T0 + 10, trustedIssuers: [shop.did], requiredSigners: [shop.did] }
    // A function: the issuer check answers asynchronously, so every record takes the promise path.
    const byFunction = { now: T0 + 10, trustedIssuers: async (iss: string) => iss === shop.did }
    // The mix once, and 40 times over: a long batch takes many runs on this thread and many pool rounds.
    for (const inputs of [mix, Array.from({ length: 40 }, () => mix).flat()]) {
      for (const options of [byList, byFunction]) {
        const expected = await Promise.all(inputs.map((i) => verify(i, options)))
        expect(expected.map((r) => r.valid)).toEqual(inputs.map((_, i) => validity[i % mix.length]))
        for (const concurrency of [1, 3, 64]) {
          const results = await verifyMany(inputs, { ...options, concurrency })
          expect(results).toEqual(expected)
        }
      }
    }
    expect(await verifyMany([])).toEqual([])
  })

  it('keeps at most `concurrency` asynchronous checks open at once', async () => {
    const good = (await receipt()).toString()
    let open = 0
    let most = 0
    // A slow issuer lookup (a directory service, say): every record's checks go asynchronous.
    const trustedIssuers = async (iss: string): Promise<boolean> => {
      most = Math.max(most, ++open)
      await new Promise((resolve) => setTimeout(resolve, 1))
      open--
      return iss === shop.did
    }
    for (const concurrency of [1, 5]) {
      most = 0
      const results = await verifyMany(Array.from({ length: 60 }, () => good), { now: T0 + 10, trustedIssuers, concurrency })
      expect(results.every((r) => r.valid)).toBe(true)
      expect(most).toBeGreaterThanOrEqual(1)
      expect(most).toBeLessThanOrEqual(concurrency)
    }
  })

  it('rejects with TypeError when an item is not a record at all, as verify throws', async () => {
    const good = await receipt()
    await expect(verifyMany([good, 42 as unknown as string, good], { now: T0 })).rejects.toThrow(TypeError)
    const long = Array.from({ length: 100 }, (_, i) => (i === 77 ? (null as unknown as string) : good))
    await expect(verifyMany(long, { now: T0 })).rejects.toThrow(TypeError)
  })
})

describe('bad input', () => {
  it('returns typed errors for bad data and throws only for programmer mistakes', async () => {
    expect(codes(await verify('not a record'))).toEqual(['ERR_MALFORMED'])
    expect(codes(await verify(new Uint8Array()))).toEqual(['ERR_MALFORMED'])
    expect(codes(await verify('u' + 'A'.repeat(400_000)))).toEqual(['ERR_TOO_LARGE'])
    await expect(verify(42 as unknown as string)).rejects.toThrow(TypeError)
    await expect(verify('u', { clockSkew: 301 })).rejects.toThrow(RangeError)
    await expect(verify('u', { now: Date.now() })).rejects.toThrow(RangeError)
    await expect(verify('u', { trustedIssuers: 'did:key:x' as unknown as string[] })).rejects.toThrow(TypeError)
  })

  it('the public verify answers plain records without an async frame, yet never throws: mistakes reject', async () => {
    const record = await receipt()
    const text = record.toString()
    expect(await publicVerify(text, { now: T0 })).toEqual(await verify(text, { now: T0 }))
    for (const call of [
      () => publicVerify(42 as unknown as string),
      () => publicVerify('u', { clockSkew: 301 }),
      () => publicVerify(text, null as unknown as object),
      () => publicVerify(text, { requiredSigners: 'did:key:x' as unknown as string[] }),
    ]) {
      let pending: Promise<unknown> | undefined
      expect(() => { pending = call() }).not.toThrow()
      await expect(pending).rejects.toThrow(Error)
    }
    await expect(publicVerify(text, { clockSkew: 301 })).rejects.toThrow(RangeError)
    await expect(publicVerify(42 as unknown as string)).rejects.toThrow(TypeError)
  })

  it('rejects unknown versions, unknown fields and wrong salts with their codes', async () => {
    const record = await receipt()
    const payload = dagCbor.decode(record.payloadBytes) as Record<string, unknown>
    const rewrap = (p: Record<string, unknown>): Uint8Array =>
      encodeCbor({ payload: encodeCbor(p), signatures: record.signatures.map((s) => ({ signer: s.signer, signature: s.signature })) })
    expect(codes(await verify(rewrap({ ...payload, v: 2 })))).toEqual(['ERR_UNSUPPORTED_VERSION'])
    expect(codes(await verify(rewrap({ ...payload, extra: 1 })))).toEqual(['ERR_MALFORMED'])
    expect(codes(await verify(rewrap({ ...payload, salt: new Uint8Array(31) })))).toEqual(['ERR_MALFORMED'])
    expect(codes(await verify(rewrap({ ...payload, iss: 'did:web:example.com' })))).toEqual(['ERR_INVALID_DID'])
    expect(codes(await verify(rewrap({ ...payload, exp: payload.iat })))).toEqual(['ERR_MALFORMED'])
    // Correct signature bytes over a modified payload: decodes fine, fails as a forgery.
    expect(codes(await verify(rewrap({ ...payload, claims: 'x' })))).toEqual(['ERR_SIGNATURE_INVALID'])
    expect(codes(await verify(toBase64url(encodeCbor({ payload: record.payloadBytes, signatures: [] }))))).toEqual(['ERR_MALFORMED'])
  })

  it('refuses to issue bad fields and wraps signer failures', async () => {
    await expect(issue({ signer: shop, subject: 'bob', type: 'x', claims: 1 })).rejects.toMatchObject({ code: 'ERR_INVALID_DID' })
    await expect(issue({ signer: shop, subject: customer.did, type: '', claims: 1 })).rejects.toMatchObject({ code: 'ERR_MALFORMED' })
    await expect(issue({ signer: shop, subject: customer.did, type: 'x', claims: { a: undefined } })).rejects.toMatchObject({ code: 'ERR_MALFORMED' })
    await expect(issue({ signer: shop, subject: customer.did, type: 'x', claims: 1, issuedAt: Date.now() })).rejects.toThrow(RangeError)
    await expect(issue({ signer: shop, subject: customer.did, type: 'x', claims: 1, registry: 'https://r.example/path' })).rejects.toMatchObject({ code: 'ERR_MALFORMED' })
    await expect(issue({ signer: undefined as unknown as Signer, subject: customer.did, type: 'x', claims: 1 })).rejects.toThrow(TypeError)
    const liar = signerFromCallback({ publicKey: shop.publicKey, sign: async () => new Uint8Array(64) })
    const err = await issue({ signer: liar, subject: customer.did, type: 'x', claims: 1 }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(CounterfoilError)
    expect((err as CounterfoilError).code).toBe('ERR_SIGNER_FAILED')
  })
})
