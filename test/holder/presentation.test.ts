import { beforeAll, describe, expect, it } from 'vitest'
import { cidOf } from '../../src/codec/cid.js'
import { decodeCbor, encodeCbor } from '../../src/codec/dag-cbor.js'
import { toBase64url } from '../../src/codec/multibase.js'
import { CounterfoilError } from '../../src/errors.js'
import { decodePresentation, present, presentationSigningInput } from '../../src/holder/presentation.js'
import { verifyPresentation } from '../../src/holder/verify-presentation.js'
import { createNonce, memoryNonceStore } from '../../src/holder/nonce-store.js'
import { relationshipSigner } from '../../src/holder/pairwise.js'
import type { Signer } from '../../src/keys/interface.js'
import { signingInput } from '../../src/record/envelope.js'
import { disclose } from '../../src/record/disclosed-record.js'
import { issue } from '../../src/record/issue.js'
import { register, revoke } from '../../src/registry/statements.js'
import { commitmentOf } from '../../src/registry/entries.js'
import { verifyEd25519 } from '../../src/keys/ed25519.js'
import { fixture, party, T0 } from '../registry/registry-helpers.js'

let maker: Signer
let customer: Signer
let stranger: Signer
beforeAll(async () => {
  maker = await party(1)
  customer = await party(2)
  stranger = await party(3)
})

const SHOP = 'https://repair.example'
const codes = (r: { errors: readonly { code: string }[] }): string[] => r.errors.map((e) => e.code)
const now = T0 + 100

function warranty(subject = customer.did) {
  return issue({
    signer: maker, subject, type: 'warranty', issuedAt: T0, expiresIn: 86400 * 365,
    claims: { serial: 'SN-1', expires: '2027-01-01', price: 3990, buyer: 'Ada' }, disclosable: ['serial', 'expires', 'price', 'buyer'],
  })
}

async function setup(options: { holder?: Signer; subject?: string; audience?: string; nonce?: string; expiresIn?: number; issuedAt?: number } = {}) {
  const nonce = createNonce()
  const full = await warranty(options.subject)
  const p = await present({
    holder: options.holder ?? customer, records: [disclose(full, ['serial', 'expires'])], audience: options.audience ?? SHOP,
    nonce: options.nonce ?? nonce, issuedAt: options.issuedAt ?? T0 + 90, ...(options.expiresIn === undefined ? {} : { expiresIn: options.expiresIn }),
  })
  return { nonce, full, p, text: p.toString() }
}

describe('present and verifyPresentation', () => {
  it('a repair shop verifies a presentation that discloses only serial and expiry', async () => {
    const { nonce, text, full } = await setup()
    const result = await verifyPresentation(text, { audience: SHOP, nonce, nonceStore: memoryNonceStore(), now, trustedIssuers: [maker.did] })
    expect(result.errors).toEqual([])
    expect(result.valid).toBe(true)
    expect(result.holder).toBe(customer.did)
    expect(result.checks.map((c) => c.name)).toEqual(['decode', 'signatures', 'audience', 'nonce', 'freshness', 'replay', 'holder', 'records'])
    expect(result.records).toHaveLength(1)
    expect(result.records[0]!.id).toBe(full.id)
    expect(result.records[0]!.disclosure?.claims).toEqual({ serial: 'SN-1', expires: '2027-01-01' })
    expect([...result.records[0]!.disclosure!.withheld].sort()).toEqual(['buyer', 'price'])
  })

  it('the signature covers "counterfoil/v1/presentation" ‖ 0x00 ‖ CID of the payload, never the record tag', async () => {
    const { p } = await setup()
    const cid = cidOf(p.payloadBytes)
    expect(await verifyEd25519(customer.publicKey, presentationSigningInput(cid), p.signature)).toBe(true)
    expect(await verifyEd25519(customer.publicKey, signingInput(cid), p.signature)).toBe(false)
    expect(new TextDecoder().decode(presentationSigningInput(cid).subarray(0, 28))).toBe('counterfoil/v1/presentation\u0000')
  })

  it('wrong audience → ERR_WRONG_AUDIENCE', async () => {
    const { nonce, text } = await setup({ audience: 'https://other-shop.example' })
    const r = await verifyPresentation(text, { audience: SHOP, nonce, nonceStore: memoryNonceStore(), now })
    expect(codes(r)).toEqual(['ERR_WRONG_AUDIENCE'])
    expect(r.records).toEqual([])
  })

  it('another nonce → ERR_NONCE_MISMATCH', async () => {
    const { text } = await setup()
    expect(codes(await verifyPresentation(text, { audience: SHOP, nonce: createNonce(), nonceStore: memoryNonceStore(), now }))).toEqual(['ERR_NONCE_MISMATCH'])
  })

  it('a reused nonce → ERR_REPLAYED, and the default store catches it too', async () => {
    const { nonce, text } = await setup()
    const nonceStore = memoryNonceStore()
    expect((await verifyPresentation(text, { audience: SHOP, nonce, nonceStore, now })).valid).toBe(true)
    expect(codes(await verifyPresentation(text, { audience: SHOP, nonce, nonceStore, now }))).toEqual(['ERR_REPLAYED'])
    // the same nonce in a *new* presentation is a replay as well
    const again = await present({ holder: customer, records: [(await warranty()).record], audience: SHOP, nonce, issuedAt: T0 + 95 })
    expect(codes(await verifyPresentation(again, { audience: SHOP, nonce, nonceStore, now }))).toEqual(['ERR_REPLAYED'])
    const other = await setup()
    expect((await verifyPresentation(other.text, { audience: SHOP, nonce: other.nonce, now })).valid).toBe(true)
    expect(codes(await verifyPresentation(other.text, { audience: SHOP, nonce: other.nonce, now }))).toEqual(['ERR_REPLAYED'])
  })

  it('a presentation that fails earlier checks does not burn the nonce', async () => {
    const { nonce, text } = await setup()
    const nonceStore = memoryNonceStore()
    expect(codes(await verifyPresentation(text, { audience: 'https://wrong.example', nonce, nonceStore, now }))).toEqual(['ERR_WRONG_AUDIENCE'])
    expect((await verifyPresentation(text, { audience: SHOP, nonce, nonceStore, now })).valid).toBe(true)
  })

  it('holder not the subject → ERR_HOLDER_NOT_SUBJECT', async () => {
    const { nonce, text } = await setup({ holder: stranger })
    const r = await verifyPresentation(text, { audience: SHOP, nonce, nonceStore: memoryNonceStore(), now })
    expect(codes(r)).toEqual(['ERR_HOLDER_NOT_SUBJECT'])
  })

  it('a pairwise identity presents records issued to it', async () => {
    const seed = new Uint8Array(32).fill(9)
    const me = await relationshipSigner(seed, maker.did)
    const { nonce, text } = await setup({ holder: me, subject: me.did })
    expect((await verifyPresentation(text, { audience: SHOP, nonce, nonceStore: memoryNonceStore(), now })).valid).toBe(true)
  })

  it('expired, too long-lived, or from the future', async () => {
    const a = await setup({ expiresIn: 60 })
    expect(codes(await verifyPresentation(a.text, { audience: SHOP, nonce: a.nonce, nonceStore: memoryNonceStore(), now: T0 + 90 + 60 + 61 }))).toEqual(['ERR_PRESENTATION_EXPIRED'])
    const b = await setup({ expiresIn: 3600 })
    expect(codes(await verifyPresentation(b.text, { audience: SHOP, nonce: b.nonce, nonceStore: memoryNonceStore(), now }))).toEqual(['ERR_PRESENTATION_EXPIRED'])
    expect((await verifyPresentation(b.text, { audience: SHOP, nonce: b.nonce, nonceStore: memoryNonceStore(), now, maxAge: 3600 })).valid).toBe(true)
    const c = await setup({ issuedAt: now + 3600 })
    expect(codes(await verifyPresentation(c.text, { audience: SHOP, nonce: c.nonce, nonceStore: memoryNonceStore(), now }))).toEqual(['ERR_NOT_YET_VALID'])
  })

  it('a forged presentation says forged, before anything else', async () => {
    const { p, nonce } = await setup({ audience: 'https://other.example' })
    const sig = p.signature.slice()
    sig[5]! ^= 0x10
    const forged = encodeCbor({ presentation: p.payloadBytes, signature: sig })
    expect(codes(await verifyPresentation(forged, { audience: SHOP, nonce, nonceStore: memoryNonceStore(), now }))).toEqual(['ERR_SIGNATURE_INVALID'])
  })

  it('a bad record inside is reported per record and at the top', async () => {
    const nonce = createNonce()
    const expired = await issue({ signer: maker, subject: customer.did, type: 'warranty', claims: {}, issuedAt: T0 - 7200, expiresIn: 3600 })
    const good = await issue({ signer: maker, subject: customer.did, type: 'warranty', claims: {}, issuedAt: T0 })
    const p = await present({ holder: customer, records: [good, expired], audience: SHOP, nonce, issuedAt: T0 + 90 })
    const r = await verifyPresentation(p, { audience: SHOP, nonce, nonceStore: memoryNonceStore(), now, trustedIssuers: [stranger.did] })
    expect(r.valid).toBe(false)
    expect(codes(r.records[0]!)).toEqual(['ERR_UNTRUSTED_ISSUER'])
    expect(codes(r.records[1]!)).toEqual(['ERR_EXPIRED', 'ERR_UNTRUSTED_ISSUER'])
    expect(codes(r)).toEqual(['ERR_UNTRUSTED_ISSUER', 'ERR_EXPIRED', 'ERR_UNTRUSTED_ISSUER'])
    expect(r.checks.at(-1)).toMatchObject({ name: 'records', ok: false })
  })

  it('stapled status notes are checked offline; a revoked record fails', async () => {
    const f = await fixture()
    const record = await issue({ signer: maker, subject: customer.did, type: 'warranty', claims: { serial: 'SN-2' }, registry: 'https://registry.example' })
    await register({ signer: maker, record, registry: f.registry })
    const staple = async (): Promise<Uint8Array> => (await f.registry.statusNotes(commitmentOf(record.cid), record.payload.iss))[0]!
    const nonce = createNonce()
    const p = await present({ holder: customer, records: [record], audience: SHOP, nonce, staples: [await staple()] })
    expect(decodePresentation(p.toString()).payload.staples).toHaveLength(1)
    const ok = await verifyPresentation(p, { audience: SHOP, nonce, nonceStore: memoryNonceStore(), registryKeys: [f.registryKey.did], requireRegistration: true })
    expect(ok.errors).toEqual([])
    expect(ok.records[0]!.checks.find((c) => c.name === 'status')?.ok).toBe(true)
    await revoke({ signer: maker, record, registry: f.registry, reason: 'fraud' })
    const nonce2 = createNonce()
    const p2 = await present({ holder: customer, records: [record], audience: SHOP, nonce: nonce2, staples: [await staple()] })
    expect(codes(await verifyPresentation(p2, { audience: SHOP, nonce: nonce2, nonceStore: memoryNonceStore(), registryKeys: [f.registryKey.did] }))).toEqual(['ERR_REVOKED'])
  })
})

describe('decoding presentations is strict', () => {
  it('malformed presentations give typed errors, never throws', async () => {
    const { p, nonce } = await setup()
    const payload = decodeCbor(p.payloadBytes) as Record<string, unknown>
    const bads: unknown[] = [
      'x', { presentation: p.payloadBytes }, { presentation: p.payloadBytes, signature: new Uint8Array(63) },
      { presentation: p.payloadBytes, signature: p.signature, extra: 1 },
      { presentation: encodeCbor({ ...payload, v: 2 }), signature: p.signature },
      { presentation: encodeCbor({ ...payload, records: [] }), signature: p.signature },
      { presentation: encodeCbor({ ...payload, exp: payload.iat }), signature: p.signature },
      { presentation: encodeCbor({ ...payload, holder: 'did:key:zzz' }), signature: p.signature },
      { presentation: encodeCbor({ ...payload, staples: [null] }), signature: p.signature },
      { presentation: encodeCbor({ ...payload, staples: [] }), signature: p.signature },
      { presentation: encodeCbor({ ...payload, more: 1 }), signature: p.signature },
    ]
    for (const bad of bads) {
      const bytes = encodeCbor(bad)
      expect(() => decodePresentation(bytes)).toThrow(CounterfoilError)
      const r = await verifyPresentation(bytes, { audience: SHOP, nonce, nonceStore: memoryNonceStore() })
      expect(r.valid).toBe(false)
      expect(r.checks[0]!.name).toBe('decode')
    }
    expect(codes(await verifyPresentation('u' + 'A'.repeat(10), { audience: SHOP, nonce }))).toEqual(['ERR_MALFORMED'])
    expect(codes(await verifyPresentation(new Uint8Array([...p.bytes, 0]), { audience: SHOP, nonce }))).not.toEqual([])
    expect(decodePresentation(toBase64url(p.bytes)).bytes).toEqual(p.bytes)
  })

  it('programmer mistakes throw TypeError', async () => {
    const { text } = await setup()
    await expect(verifyPresentation(text, { audience: '', nonce: 'n' })).rejects.toThrow(TypeError)
    await expect(verifyPresentation(text, { audience: SHOP } as never)).rejects.toThrow(TypeError)
    await expect(present({ holder: null as never, records: [], audience: SHOP, nonce: 'n' })).rejects.toThrow(TypeError)
  })
})

describe('memoryNonceStore', () => {
  it('remembers a nonce until the later of its expiry and ttl, then forgets it', async () => {
    let ms = 1_000_000_000
    const store = memoryNonceStore({ ttl: 10, clock: () => ms })
    const t = ms / 1000
    expect(await store.claim('a', t + 30)).toBe(true)
    expect(await store.claim('a', t + 30)).toBe(false)
    ms += 29_000
    expect(await store.claim('a', t + 30)).toBe(false)
    ms += 1_000
    expect(await store.claim('a', t + 60)).toBe(true) // expired, so accepted again
    expect(await store.claim('b', 0)).toBe(true) // long past expiry: still kept for ttl
    expect(await store.claim('b', 0)).toBe(false)
    ms += 10_000
    expect(await store.claim('b', 0)).toBe(true)
  })

  it('stays bounded: evicts expired entries, and fails closed when full of live ones', async () => {
    let ms = 0
    const store = memoryNonceStore({ ttl: 1, maxEntries: 100, clock: () => ms })
    for (let i = 0; i < 100; i++) expect(await store.claim(`n${i}`, 0)).toBe(true)
    await expect(store.claim('one-more', 0)).rejects.toThrow(expect.objectContaining({ code: 'ERR_OVERLOADED' }))
    ms += 1_000
    for (let i = 0; i < 5000; i++) {
      expect(await store.claim(`m${i}`, 0)).toBe(true)
      if (i % 100 === 99) ms += 1_000
    }
    expect(store.size).toBeLessThanOrEqual(100)
  })

  it('rejects bad options', () => {
    expect(() => memoryNonceStore({ ttl: 0 })).toThrow(RangeError)
    expect(() => memoryNonceStore({ maxEntries: -1 })).toThrow(RangeError)
  })
})
