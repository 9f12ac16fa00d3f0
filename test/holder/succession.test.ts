import { describe, expect, it } from 'vitest'
import { decodeCbor } from '../../src/codec/dag-cbor.js'
import { CounterfoilError } from '../../src/errors.js'
import { followSuccession, openSuccession, rotateKey, signSuccession } from '../../src/holder/succession.js'
import { issue } from '../../src/record/issue.js'
import { decodeEntry, signEntry, type SuccessionEntry } from '../../src/registry/entries.js'
import { register, revokeKey } from '../../src/registry/statements.js'
import type { RegistryClient } from '../../src/registry/client.js'
import { registryHandler } from '../../src/registry/http.js'
import { remoteRegistry } from '../../src/registry/remote.js'
import { verify, verifyMany } from '../../src/verify.js'
import { fixture, party } from '../registry/registry-helpers.js'

async function receipt(issuer: Awaited<ReturnType<typeof party>>, subject: string, registry: Parameters<typeof register>[0]['registry']) {
  const record = await issue({ signer: issuer, subject, type: 'receipt', claims: { total: 100 }, registry: 'https://registry.example' })
  const r = await register({ signer: issuer, record, registry })
  return { record, index: r.index }
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p
  } catch (e) {
    if (e instanceof CounterfoilError) return e.code
    throw e
  }
  return 'resolved'
}

describe('succession statements', () => {
  it('are signed by the old key over their own domain tag and decode strictly', async () => {
    const [old, next] = [await party(1), await party(2)]
    const bytes = await signSuccession({ signer: old, successor: next.did, from: 3, at: 10 })
    const s = await openSuccession(bytes)
    expect(s).toMatchObject({ old: old.did, new: next.did, from: 3, at: 10 })
    // A statement-tagged signature over the same fields is not a succession signature.
    const { sig: _sig, ...fields } = decodeEntry(bytes) as SuccessionEntry
    const forged = await signEntry<SuccessionEntry>(fields, old)
    expect(forged).toEqual(bytes) // signEntry picks the succession tag itself
  })

  it('is refused when not signed by the old key', async () => {
    const [old, next, thief] = [await party(1), await party(2), await party(3)]
    const bytes = await signEntry<SuccessionEntry>({ t: 'succession', old: old.did, new: next.did, from: 0, at: 1 }, thief)
    expect(await codeOf(openSuccession(bytes))).toBe('ERR_SUCCESSION_INVALID')
    const { registry } = await fixture()
    expect(await codeOf(registry.submit(bytes))).toBe('ERR_UNAUTHORIZED')
    expect(await registry.size()).toBe(0)
  })

  it('rejects a key succeeding itself and unknown fields', async () => {
    const old = await party(1)
    expect(await codeOf(signSuccession({ signer: old, successor: old.did }))).toBe('ERR_MALFORMED')
    const extra = await signEntry({ t: 'succession', old: old.did, new: (await party(2)).did, from: 0, at: 1, x: 1 } as unknown as Omit<SuccessionEntry, 'sig'>, old)
    expect(() => decodeEntry(extra)).toThrow(CounterfoilError)
  })
})

describe('rotation through the registry', () => {
  it('old receipts keep verifying; a verifier trusting the old key trusts the new one, through chains', async () => {
    const { registry } = await fixture({ batchDelayMs: 0 })
    const [k0, k1, k2, customer] = [await party(1), await party(2), await party(3), await party(9)]
    const before = await receipt(k0, customer.did, registry)
    await rotateKey({ signer: k0, successor: k1.did, registry })
    const byK1 = await receipt(k1, customer.did, registry)
    await rotateKey({ signer: k1, successor: k2.did, registry })
    const byK2 = await receipt(k2, customer.did, registry)
    for (const { record } of [before, byK1, byK2]) {
      const r = await verify(record, { trustedIssuers: [k0.did], registry })
      expect(r.errors).toEqual([])
      expect(r.valid).toBe(true)
    }
    // Without following, the successor is untrusted.
    expect((await verify(byK2.record, { trustedIssuers: [k0.did], registry, followSuccessions: false })).errors.map((e) => e.code)).toEqual(['ERR_UNTRUSTED_ISSUER'])
    // Per-type maps are followed too.
    expect((await verify(byK2.record, { trustedIssuers: { receipt: [k0.did] }, registry })).valid).toBe(true)
    expect((await verify(byK2.record, { trustedIssuers: { warranty: [k0.did] }, registry })).valid).toBe(false)
    const path = await followSuccession({ from: k0.did, to: k2.did, source: registry })
    expect(path).toEqual({ found: true, chain: [k0.did, k1.did, k2.did] })
    // Trust flows forward only: trusting k2 does not make k0 trusted.
    expect((await verify(before.record, { trustedIssuers: [k2.did], registry })).valid).toBe(false)
    // Bounded: one hop is not enough to reach k2.
    expect((await followSuccession({ from: k0.did, to: k2.did, source: registry, maxHops: 1 })).error?.code).toBe('ERR_SUCCESSION_INVALID')
  })

  it('verifyMany walks the chain once for many records of the successor', async () => {
    const { registry } = await fixture({ batchDelayMs: 0 })
    const [k0, k1, customer] = [await party(1), await party(2), await party(9)]
    await rotateKey({ signer: k0, successor: k1.did, registry })
    const records = await Promise.all(Array.from({ length: 6 }, async () => (await receipt(k1, customer.did, registry)).record))
    let reads = 0
    const counting: RegistryClient = Object.assign(Object.create(registry) as RegistryClient, {
      keyHistory: (did: string) => { reads++; return registry.keyHistory(did) },
    })
    const results = await verifyMany(records, { trustedIssuers: [k0.did], registry: counting })
    expect(results.map((r) => r.valid)).toEqual(records.map(() => true))
    expect(reads).toBe(1)
  })

  it('works over HTTP (GET /v1/keys/:did) with inclusion proofs', async () => {
    const { registry } = await fixture({ batchDelayMs: 0 })
    const handle = registryHandler(registry)
    const remote = remoteRegistry('http://registry.test', { fetch: (input, init) => handle(new Request(input as string, init)) })
    const [k0, k1, customer] = [await party(1), await party(2), await party(9)]
    await rotateKey({ signer: k0, successor: k1.did, registry: remote })
    const { record } = await receipt(k1, customer.did, remote)
    expect((await verify(record, { trustedIssuers: [k0.did], registry: remote })).valid).toBe(true)
    expect((await handle(new Request('http://registry.test/v1/keys/did%3Akey%3Anope'))).status).toBe(400)
    const listed = await (await handle(new Request(`http://registry.test/v1/keys/${encodeURIComponent(k0.did)}`))).arrayBuffer()
    expect((decodeCbor(new Uint8Array(listed)) as { index: number }[]).map((e) => e.index)).toEqual([0])
  })

  it('retire: records registered under the old key after the rotation fail with ERR_KEY_REVOKED', async () => {
    const { registry } = await fixture({ batchDelayMs: 0 })
    const [k0, k1, customer] = [await party(1), await party(2), await party(9)]
    const before = await receipt(k0, customer.did, registry)
    const { succession, revocation } = await rotateKey({ signer: k0, successor: k1.did, registry, retire: true })
    expect(revocation?.index).toBe(succession.index + 1)
    const after = await receipt(k0, customer.did, registry)
    expect((await verify(before.record, { trustedIssuers: [k0.did], registry })).valid).toBe(true)
    expect((await verify(after.record, { trustedIssuers: [k0.did], registry })).errors.map((e) => e.code)).toEqual(['ERR_KEY_REVOKED'])
    // The successor named before the revocation point still carries the trust.
    expect((await verify((await receipt(k1, customer.did, registry)).record, { trustedIssuers: [k0.did], registry })).valid).toBe(true)
  })

  it('a stolen, revoked key cannot name a successor, and a key has one successor only', async () => {
    const { registry } = await fixture({ batchDelayMs: 0 })
    const [k0, k1, thief] = [await party(1), await party(2), await party(7)]
    await rotateKey({ signer: k0, successor: k1.did, registry })
    expect(await codeOf(rotateKey({ signer: k0, successor: thief.did, registry }))).toBe('ERR_CONFLICT')
    const [k5] = [await party(5)]
    await revokeKey({ signer: k5, registry })
    const size = await registry.size()
    expect(await codeOf(rotateKey({ signer: k5, successor: thief.did, registry }))).toBe('ERR_KEY_REVOKED')
    expect(await registry.size()).toBe(size)
  })

  it('a backdated revoke-key voids a succession a thief logged after the compromise', async () => {
    const { registry } = await fixture({ batchDelayMs: 0 })
    const [k0, thief, customer] = [await party(1), await party(7), await party(9)]
    const early = await receipt(k0, customer.did, registry)
    const { succession } = await rotateKey({ signer: k0, successor: thief.did, registry }) // the thief, with the stolen key
    const byThief = await receipt(thief, customer.did, registry)
    expect((await verify(byThief.record, { trustedIssuers: [k0.did], registry })).valid).toBe(true)
    // The owner learns the key leaked just before the succession and revokes it from there.
    await revokeKey({ signer: k0, registry, from: succession.index })
    expect((await verify(byThief.record, { trustedIssuers: [k0.did], registry })).errors.map((e) => e.code)).toEqual(['ERR_UNTRUSTED_ISSUER'])
    expect(await followSuccession({ from: k0.did, to: thief.did, source: registry })).toEqual({ found: false, chain: [k0.did] })
    expect((await verify(early.record, { trustedIssuers: [k0.did], registry })).valid).toBe(true)
  })

  it('a registry cannot invent successions: every entry used is proven into its signed log', async () => {
    const { registry } = await fixture({ batchDelayMs: 0 })
    const [k0, k1, customer] = [await party(1), await party(2), await party(9)]
    await receipt(k0, customer.did, registry)
    const unlogged = await signSuccession({ signer: k0, successor: k1.did })
    const liar = (history: { index: number; entry: Uint8Array }[]): RegistryClient => ({
      origin: registry.origin, key: () => registry.key(), checkpoint: () => registry.checkpoint(),
      inclusionProof: (i, n) => registry.inclusionProof(i, n), keyHistory: async () => history,
      submit: () => registry.submit(new Uint8Array()), statusNotes: (c) => registry.statusNotes(c), bucket: (p) => registry.bucket(p),
      snapshot: () => registry.snapshot(), entry: (i) => registry.entry(i), consistencyProof: (a, b) => registry.consistencyProof(a, b),
    })
    expect((await followSuccession({ from: k0.did, to: k1.did, source: liar([{ index: 0, entry: unlogged }]) })).error?.code).toBe('ERR_PROOF_INVALID')
    const aboutOther = await signSuccession({ signer: k1, successor: customer.did })
    expect((await followSuccession({ from: k0.did, to: customer.did, source: liar([{ index: 0, entry: aboutOther }]) })).error?.code).toBe('ERR_SUCCESSION_INVALID')
    const record = await issue({ signer: k1, subject: customer.did, type: 'receipt', claims: {} })
    expect((await verify(record, { trustedIssuers: [k0.did], registry: liar([{ index: 0, entry: unlogged }]) })).errors.map((e) => e.code)).toEqual(['ERR_UNTRUSTED_ISSUER'])
  })

  it('refuses a succession loop in the registry, and a verifier stops at loops in statements', async () => {
    const { registry } = await fixture({ batchDelayMs: 0 })
    const [k0, k1, k2, stranger] = [await party(1), await party(2), await party(3), await party(8)]
    await rotateKey({ signer: k0, successor: k1.did, registry })
    await rotateKey({ signer: k1, successor: k2.did, registry })
    expect(await codeOf(rotateKey({ signer: k2, successor: k0.did, registry }))).toBe('ERR_SUCCESSION_LOOP')
    // Offline statements can say anything: the walk is bounded and loops are reported.
    const statements = [
      await signSuccession({ signer: k0, successor: k1.did }),
      await signSuccession({ signer: k1, successor: k2.did }),
      await signSuccession({ signer: k2, successor: k0.did }),
    ]
    const path = await followSuccession({ from: k0.did, to: stranger.did, source: statements })
    expect(path.found).toBe(false)
    expect(path.error?.code).toBe('ERR_SUCCESSION_LOOP')
    const record = await issue({ signer: stranger, subject: stranger.did, type: 'receipt', claims: {} })
    expect((await verify(record, { trustedIssuers: [k0.did], successions: statements })).errors.map((e) => e.code)).toEqual(['ERR_UNTRUSTED_ISSUER'])
  })

  it('offline statements: followed when genuine, ignored when forged', async () => {
    const [k0, k1, thief] = [await party(1), await party(2), await party(3)]
    const record = await issue({ signer: k1, subject: k1.did, type: 'receipt', claims: {} })
    const good = await signSuccession({ signer: k0, successor: k1.did })
    expect((await verify(record, { trustedIssuers: [k0.did], successions: [good] })).valid).toBe(true)
    const forged = await signEntry<SuccessionEntry>({ t: 'succession', old: k0.did, new: k1.did, from: 0, at: 1 }, thief)
    const r = await verify(record, { trustedIssuers: [k0.did], successions: [forged] })
    expect(r.errors.map((e) => e.code)).toEqual(['ERR_UNTRUSTED_ISSUER'])
    expect((await followSuccession({ from: k0.did, to: k1.did, source: [forged] })).error?.code).toBe('ERR_SUCCESSION_INVALID')
  })
})
