// Behaviour of the registry core over memoryStore(): receipts and Merkle proofs, status transitions,
// front-running, revoke-key, private registries, overload, store failures, several servers.
// Malformed entries: entries.test.ts. Status answers: status.test.ts.
// Assertions are on error codes, never on message text.
import { beforeAll, describe, expect, it } from 'vitest'
import { DOMAIN, domainSeparated } from '../../src/codec/domain.js'
import { CounterfoilError } from '../../src/errors.js'
import type { Signer } from '../../src/keys/interface.js'
import type { SignedRecord } from '../../src/record/envelope.js'
import { issue } from '../../src/record/issue.js'
import type { Receipt } from '../../src/registry/client.js'
import { commitmentOf, signEntry, type RevokeKeyEntry } from '../../src/registry/entries.js'
import { verifyConsistency } from '../../src/registry/log/merkle.js'
import { submitAuthenticated } from '../../src/registry/registry.js'
import { lookupStatus, register, reinstate, revoke, revokeKey, suspend, withdraw } from '../../src/registry/statements.js'
import type { Store, StoreTx } from '../../src/registry/store/interface.js'
import { memoryStore } from '../../src/registry/store/memory.js'
import { fixture, party, regEntry, rejectsWith, revocableRecord, revocationSeed, statusEntry, T0 } from './registry-helpers.js'

let shop: Signer
let customer: Signer
let holder: Signer
let mallory: Signer
beforeAll(async () => {
  shop = await party(1)
  customer = await party(2)
  holder = await party(3)
  mallory = await party(4)
})

/** Every checkpoint pair (older ≤ newer) is consistent, with proofs from the registry. */
async function checkAllConsistency(f: Awaited<ReturnType<typeof fixture>>, notes: Iterable<string>): Promise<number> {
  const cps = await Promise.all([...new Set(notes)].map((n) => f.openCp(n)))
  let pairs = 0
  for (const a of cps) {
    for (const b of cps) {
      if (a.size > b.size) continue
      const proof = await f.registry.consistencyProof(a.size, b.size)
      expect(verifyConsistency(a.size, b.size, a.rootHash, b.rootHash, proof)).toBe(true)
      pairs++
    }
  }
  return pairs
}

describe('register: receipts and proofs', () => {
  it('returns a receipt whose inclusion path verifies against the signed checkpoint', async () => {
    const f = await fixture()
    const emptyNote = await f.registry.checkpoint()
    expect((await f.openCp(emptyNote)).size).toBe(0)
    const record = await revocableRecord(shop, customer)
    const receipt = await register({ signer: shop, record, registry: f.registry })
    expect(receipt.duplicate).toBe(false)
    expect(receipt.index).toBe(0)
    const cp = await f.checkReceipt(receipt)
    expect(cp.size).toBe(1)
    expect(await f.registry.size()).toBe(1)
    expect(await checkAllConsistency(f, [emptyNote, receipt.checkpoint])).toBe(3)
  })

  it('is idempotent: registering again gives the same index with duplicate: true', async () => {
    const f = await fixture()
    const record = await revocableRecord(shop, customer)
    const first = await register({ signer: shop, record, registry: f.registry })
    const again = await register({ signer: shop, record, registry: f.registry })
    expect(again.index).toBe(first.index)
    expect(again.duplicate).toBe(true)
    await f.checkReceipt(again)
    // Byte-identical resubmission and a re-signed reg with another time are both duplicates.
    const seed = await revocationSeed(shop, record)
    const a = await regEntry(record, seed, record.payload.rev!, T0)
    const b = await regEntry(record, seed, record.payload.rev!, T0 + 5)
    for (const bytes of [a, a, b]) {
      const r = await f.registry.submit(bytes)
      expect(r.index).toBe(first.index)
      expect(r.duplicate).toBe(true)
      await f.checkReceipt(r)
    }
    expect(await f.registry.size()).toBe(1)
  })

  it('deduplicates two differently-timed regs of one record submitted in the same batch', async () => {
    const f = await fixture({ batchDelayMs: 30 })
    const record = await revocableRecord(shop, customer)
    const seed = await revocationSeed(shop, record)
    const entries = await Promise.all([T0, T0 + 1, T0 + 2].map((at) => regEntry(record, seed, record.payload.rev!, at)))
    const receipts = await Promise.all(entries.map((e) => f.registry.submit(e)))
    expect(new Set(receipts.map((r) => r.index)).size).toBe(1)
    expect(receipts.filter((r) => !r.duplicate)).toHaveLength(1)
    expect(await f.registry.size()).toBe(1)
  })

  it('gives many concurrent registrations distinct indices and valid proofs, with consistent checkpoints', async () => {
    const f = await fixture({ batchDelayMs: 20, batchSize: 16 })
    const records = await Promise.all(Array.from({ length: 40 }, () => revocableRecord(shop, customer)))
    const receipts = await Promise.all(records.map((record) => register({ signer: shop, record, registry: f.registry })))
    const indices = receipts.map((r) => r.index)
    expect(new Set(indices).size).toBe(40)
    expect([...indices].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i))
    for (const r of receipts) {
      expect(r.duplicate).toBe(false)
      await f.checkReceipt(r)
    }
    // More than one batch ran (batchSize 16), so several checkpoints were handed out.
    const notes = new Set(receipts.map((r) => r.checkpoint))
    expect(notes.size).toBeGreaterThan(1)
    // Each record is findable and valid.
    for (const [i, record] of records.entries()) {
      const status = await lookupStatus(record, f.registry)
      expect(status?.state).toBe('valid')
      expect(status?.index).toBe(receipts[i]!.index)
    }
    const more = await register({ signer: shop, record: await revocableRecord(shop, customer), registry: f.registry })
    await checkAllConsistency(f, [...notes, more.checkpoint, await f.registry.checkpoint()])
  })

  it('hands out receipts whose checkpoint and proof agree even when the log grows while they are built', async () => {
    // A store whose committed-data reads are slow: other batches commit in between.
    const inner = memoryStore()
    let slow = false
    const store = new Proxy(inner, {
      get(target, p) {
        const v = Reflect.get(target, p, target) as unknown
        if (typeof v !== 'function') return v
        const fn = (v as (...a: unknown[]) => unknown).bind(target)
        if (p === 'transaction') return fn
        return async (...args: unknown[]) => {
          const out = await fn(...args)
          if (slow) await new Promise((r) => setTimeout(r, 15))
          return out
        }
      },
    }) as Store
    const f = await fixture({ store, batchDelayMs: 1 })
    const records = await Promise.all(Array.from({ length: 6 }, () => revocableRecord(shop, customer)))
    slow = true
    const receipts: Receipt[] = []
    await Promise.all(records.map(async (record, i) => {
      await new Promise((r) => setTimeout(r, i * 7))
      receipts.push(await register({ signer: shop, record, registry: f.registry }))
    }))
    slow = false
    for (const r of receipts) await f.checkReceipt(r)
  })
})

describe('status transitions', () => {
  let f: Awaited<ReturnType<typeof fixture>>
  let record: SignedRecord
  let reg: Receipt
  beforeAll(async () => {
    f = await fixture()
    record = await revocableRecord(shop, customer, holder.publicKey)
    reg = await register({ signer: shop, record, registry: f.registry })
  })

  it('valid → suspend → reinstate → revoke, and nothing after revoke', async () => {
    expect((await lookupStatus(record, f.registry))?.state).toBe('valid')
    await rejectsWith(reinstate({ signer: shop, record, registry: f.registry }), 'ERR_CONFLICT')

    const s = await suspend({ signer: shop, record, registry: f.registry, reason: 'onHold' })
    await f.checkReceipt(s)
    let status = await lookupStatus(record, f.registry)
    expect(status).toMatchObject({ state: 'suspended', index: reg.index, head: s.index, reason: 6 })
    await rejectsWith(suspend({ signer: shop, record, registry: f.registry }), 'ERR_CONFLICT')

    const suspendBytes = await f.registry.entry(s.index)
    const r = await reinstate({ signer: shop, record, registry: f.registry })
    await f.checkReceipt(r)
    status = await lookupStatus(record, f.registry)
    expect(status).toMatchObject({ state: 'valid', index: reg.index, head: r.index })

    // Replaying the old suspend byte-for-byte is an idempotent duplicate of the old leaf: it does
    // not re-suspend the record.
    const sizeBefore = await f.registry.size()
    const replay = await f.registry.submit(suspendBytes)
    expect(replay).toMatchObject({ index: s.index, duplicate: true })
    expect(await f.registry.size()).toBe(sizeBefore)
    expect((await lookupStatus(record, f.registry))?.state).toBe('valid')
    // A fresh suspend with the stale `prev` (signed by the right key) is refused as a conflict.
    const seed = await revocationSeed(shop, record)
    const stale = await statusEntry({ t: 'suspend', i: reg.index, prev: reg.index, at: T0 + 99, reason: 6 }, seed)
    await rejectsWith(f.registry.submit(stale), 'ERR_CONFLICT')
    expect(await f.registry.size()).toBe(sizeBefore)
    expect((await lookupStatus(record, f.registry))?.state).toBe('valid')

    const v = await revoke({ signer: shop, record, registry: f.registry, reason: 'fraud' })
    await f.checkReceipt(v)
    expect(await lookupStatus(record, f.registry)).toMatchObject({ state: 'revoked', head: v.index, reason: 16 })
    await rejectsWith(revoke({ signer: shop, record, registry: f.registry }), 'ERR_CONFLICT')
    await rejectsWith(reinstate({ signer: shop, record, registry: f.registry }), 'ERR_CONFLICT')
    await rejectsWith(withdraw({ signer: holder, record, registry: f.registry }), 'ERR_CONFLICT')
    // Registering again cannot start a fresh, valid life: it is the same registration.
    const again = await register({ signer: shop, record, registry: f.registry })
    expect(again).toMatchObject({ index: reg.index, duplicate: true })
    expect((await lookupStatus(record, f.registry))?.state).toBe('revoked')
  })

  it('two statements with the same prev in one batch: one wins, the other is a conflict', async () => {
    const g = await fixture({ batchDelayMs: 30 })
    const rec = await revocableRecord(shop, customer)
    const r = await register({ signer: shop, record: rec, registry: g.registry })
    const seed = await revocationSeed(shop, rec)
    const a = await statusEntry({ t: 'suspend', i: r.index, prev: r.index, at: T0, reason: 0 }, seed)
    const b = await statusEntry({ t: 'revoke', i: r.index, prev: r.index, at: T0, reason: 0 }, seed)
    const out = await Promise.allSettled([g.registry.submit(a), g.registry.submit(b)])
    expect(out[0]!.status).toBe('fulfilled')
    expect(out[1]!.status).toBe('rejected')
    expect(((out[1] as PromiseRejectedResult).reason as CounterfoilError).code).toBe('ERR_CONFLICT')
    expect((await lookupStatus(rec, g.registry))?.state).toBe('suspended')
    expect(await g.registry.size()).toBe(2)
  })

  it('signatures are checked concurrently, yet 24 same-prev pairs in one batch are decided in arrival order', async () => {
    const g = await fixture({ batchDelayMs: 50, batchSize: 512 })
    const recs = await Promise.all(Array.from({ length: 24 }, () => revocableRecord(shop, customer)))
    const regs = await Promise.all(recs.map((rec) => register({ signer: shop, record: rec, registry: g.registry })))
    const seeds = await Promise.all(recs.map((rec) => revocationSeed(shop, rec)))
    const submitted: Promise<unknown>[] = []
    for (const [i, r] of regs.entries()) {
      // Even records: suspend first; odd records: revoke first. The second of each pair is stale.
      const suspendBytes = await statusEntry({ t: 'suspend', i: r.index, prev: r.index, at: T0, reason: 0 }, seeds[i]!)
      const revokeBytes = await statusEntry({ t: 'revoke', i: r.index, prev: r.index, at: T0, reason: 0 }, seeds[i]!)
      const [first, second] = i % 2 === 0 ? [suspendBytes, revokeBytes] : [revokeBytes, suspendBytes]
      submitted.push(g.registry.submit(first), g.registry.submit(second))
    }
    const out = await Promise.allSettled(submitted)
    for (const [j, o] of out.entries()) {
      if (j % 2 === 0) expect(o.status).toBe('fulfilled')
      else expect(((o as PromiseRejectedResult).reason as CounterfoilError).code).toBe('ERR_CONFLICT')
    }
    for (const [i, rec] of recs.entries()) expect((await lookupStatus(rec, g.registry)).state).toBe(i % 2 === 0 ? 'suspended' : 'revoked')
    expect(await g.registry.size()).toBe(48)
  })

  it('revoke by anybody but the issuer is ERR_UNAUTHORIZED (verb and raw entry)', async () => {
    const g = await fixture()
    const rec = await revocableRecord(shop, customer, holder.publicKey)
    const r = await register({ signer: shop, record: rec, registry: g.registry })
    await rejectsWith(revoke({ signer: mallory, record: rec, registry: g.registry }), 'ERR_UNAUTHORIZED')
    const size = await g.registry.size()
    // Raw entries signed by the wrong keys: mallory's seed, the issuer identity key, the holder key.
    for (const key of [new Uint8Array(32).fill(4), shop, holder]) {
      const bytes = await statusEntry({ t: 'revoke', i: r.index, prev: r.index, at: T0, reason: 0 }, key)
      await rejectsWith(g.registry.submit(bytes), 'ERR_UNAUTHORIZED')
    }
    expect(await g.registry.size()).toBe(size)
    expect((await lookupStatus(rec, g.registry))?.state).toBe('valid')
  })

  it('withdraw: the holder key can, the issuer and a third key cannot', async () => {
    const g = await fixture()
    const rec = await revocableRecord(shop, customer, holder.publicKey)
    const r = await register({ signer: shop, record: rec, registry: g.registry })
    await rejectsWith(withdraw({ signer: shop, record: rec, registry: g.registry }), 'ERR_UNAUTHORIZED')
    await rejectsWith(withdraw({ signer: mallory, record: rec, registry: g.registry }), 'ERR_UNAUTHORIZED')
    // The same at the registry, with raw entries: issuer revocation key, issuer identity key, mallory.
    const issuerSeed = await revocationSeed(shop, rec)
    for (const key of [issuerSeed, shop, mallory]) {
      const bytes = await statusEntry({ t: 'withdraw', i: r.index, prev: r.index, at: T0, reason: 19 }, key)
      await rejectsWith(g.registry.submit(bytes), 'ERR_UNAUTHORIZED')
    }
    expect(await g.registry.size()).toBe(1)
    const w = await withdraw({ signer: holder, record: rec, registry: g.registry, reason: 'consentWithdrawn' })
    await g.checkReceipt(w)
    expect(await lookupStatus(rec, g.registry)).toMatchObject({ state: 'withdrawn', reason: 19, head: w.index })
    // Withdrawn is final: the issuer cannot revoke, suspend or reinstate it any more.
    await rejectsWith(revoke({ signer: shop, record: rec, registry: g.registry }), 'ERR_CONFLICT')
    await rejectsWith(suspend({ signer: shop, record: rec, registry: g.registry }), 'ERR_CONFLICT')
  })

  it('withdraw on a record without a holder key is ERR_UNAUTHORIZED', async () => {
    const g = await fixture()
    const rec = await revocableRecord(shop, customer)
    const r = await register({ signer: shop, record: rec, registry: g.registry })
    await rejectsWith(withdraw({ signer: holder, record: rec, registry: g.registry }), 'ERR_UNAUTHORIZED')
    const bytes = await statusEntry({ t: 'withdraw', i: r.index, prev: r.index, at: T0, reason: 0 }, holder)
    await rejectsWith(g.registry.submit(bytes), 'ERR_UNAUTHORIZED')
    expect(await g.registry.size()).toBe(1)
  })

  it('a status change for an unregistered record is ERR_NOT_REGISTERED', async () => {
    const g = await fixture()
    const rec = await revocableRecord(shop, customer, holder.publicKey)
    await rejectsWith(revoke({ signer: shop, record: rec, registry: g.registry }), 'ERR_NOT_REGISTERED')
    await rejectsWith(suspend({ signer: shop, record: rec, registry: g.registry }), 'ERR_NOT_REGISTERED')
    await rejectsWith(withdraw({ signer: holder, record: rec, registry: g.registry }), 'ERR_NOT_REGISTERED')
    expect(await g.registry.size()).toBe(0)
  })

  it('a statement for an index that is not a reg (or beyond the log) is ERR_NOT_FOUND', async () => {
    const g = await fixture()
    const rec = await revocableRecord(shop, customer)
    const r = await register({ signer: shop, record: rec, registry: g.registry })
    const s = await suspend({ signer: shop, record: rec, registry: g.registry })
    const seed = await revocationSeed(shop, rec)
    for (const i of [s.index, 1000]) {
      const bytes = await statusEntry({ t: 'revoke', i, prev: i, at: T0, reason: 0 }, seed)
      await rejectsWith(g.registry.submit(bytes), 'ERR_NOT_FOUND')
    }
    const keyRevocation = await revokeKey({ signer: await party(9), registry: g.registry })
    const bytes = await statusEntry({ t: 'revoke', i: keyRevocation.index, prev: keyRevocation.index, at: T0, reason: 0 }, seed)
    await rejectsWith(g.registry.submit(bytes), 'ERR_NOT_FOUND')
    expect(await g.registry.size()).toBe(3)
    expect(r.index).toBe(0)
  })
})

describe('front-running', () => {
  it('a third party registering the same commitment gets its own entry and cannot touch the real one', async () => {
    const f = await fixture()
    const record = await revocableRecord(shop, customer)
    // Mallory saw the record (or its commitment) and registers it first, with her own key.
    const mallorySeed = new Uint8Array(32).fill(0x4d)
    const { publicKeyFromSeed } = await import('../../src/keys/ed25519.js')
    const malloryKey = await publicKeyFromSeed(mallorySeed)
    const fake = await f.registry.submit(await regEntry(record, mallorySeed, { issuer: malloryKey }))
    expect(fake.duplicate).toBe(false)
    // She cannot claim the issuer's key without its signature.
    await rejectsWith(f.registry.submit(await regEntry(record, mallorySeed, record.payload.rev!)), 'ERR_UNAUTHORIZED')

    const real = await register({ signer: shop, record, registry: f.registry })
    expect(real.duplicate).toBe(false)
    expect(real.index).not.toBe(fake.index)
    expect(await f.registry.statusNotes(commitmentOf(record.cid))).toHaveLength(2)
    expect(await lookupStatus(record, f.registry)).toMatchObject({ state: 'valid', index: real.index, head: real.index })

    // Mallory cannot revoke the real registration; she can revoke only her own, which changes nothing.
    await rejectsWith(revoke({ signer: mallory, record, registry: f.registry }), 'ERR_UNAUTHORIZED')
    const attack = await statusEntry({ t: 'revoke', i: real.index, prev: real.index, at: T0, reason: 16 }, mallorySeed)
    await rejectsWith(f.registry.submit(attack), 'ERR_UNAUTHORIZED')
    const own = await statusEntry({ t: 'revoke', i: fake.index, prev: fake.index, at: T0, reason: 16 }, mallorySeed)
    await f.checkReceipt(await f.registry.submit(own))
    expect(await lookupStatus(record, f.registry)).toMatchObject({ state: 'valid', index: real.index })
    // The issuer can still revoke the real one.
    await revoke({ signer: shop, record, registry: f.registry })
    expect(await lookupStatus(record, f.registry)).toMatchObject({ state: 'revoked', index: real.index })
  })
})

describe('registry outputs', () => {
  it('are plain Uint8Arrays, never Node Buffers (whose slice() aliases and whose prototype differs)', async () => {
    const f = await fixture()
    const rec = await revocableRecord(shop, customer, holder.publicKey)
    const seed = await revocationSeed(shop, rec)
    const entry = await regEntry(rec, seed, rec.payload.rev!)
    const receipt = await f.registry.submit(entry)
    const { encodeSubmission } = await import('../../src/registry/registry.js')
    const outputs: [string, Uint8Array][] = [
      ['signEntry', entry], ['receipt.entry', receipt.entry], ['receipt.leafHash', receipt.leafHash],
      ...receipt.inclusionPath.map((h, i): [string, Uint8Array] => [`inclusionPath[${i}]`, h]),
      ['entry()', await f.registry.entry(receipt.index)], ['bucket', await f.registry.bucket(commitmentOf(rec.cid).subarray(0, 2))],
      ['snapshot', await f.registry.snapshot()], ['encodeSubmission', await encodeSubmission(entry, shop)],
      ...(await f.registry.statusNotes(commitmentOf(rec.cid))).map((n, i): [string, Uint8Array] => [`statusNotes[${i}]`, n]),
      ...(await f.registry.inclusionProof(0, 1)).map((h, i): [string, Uint8Array] => [`inclusionProof[${i}]`, h]),
    ]
    expect(outputs.length).toBeGreaterThanOrEqual(8)
    for (const [name, bytes] of outputs) expect({ name, plain: Object.getPrototypeOf(bytes) === Uint8Array.prototype }).toEqual({ name, plain: true })
  })
})

describe('revokeKey', () => {
  it('is accepted once per "from"; a second declaration may lower "from" but never keep or raise it (ERR_CONFLICT)', async () => {
    const f = await fixture()
    const old = await party(7)
    await register({ signer: shop, record: await revocableRecord(shop, customer), registry: f.registry })
    await register({ signer: shop, record: await revocableRecord(shop, await party(12)), registry: f.registry })
    const r = await revokeKey({ signer: old, registry: f.registry })
    expect(r.duplicate).toBe(false)
    await f.checkReceipt(r)
    // Explicit declarations with distinct times, so none is a byte-identical duplicate.
    const declare = async (from: number, at: number): Promise<Uint8Array> => signEntry<RevokeKeyEntry>({ t: 'revoke-key', key: old.did, from, at }, old)
    await rejectsWith(f.registry.submit(await declare(2, T0 + 1)), 'ERR_CONFLICT')
    await rejectsWith(f.registry.submit(await declare(3, T0 + 2)), 'ERR_CONFLICT')
    const lowered = await f.registry.submit(await declare(1, T0 + 3))
    await f.checkReceipt(lowered)
    await rejectsWith(f.registry.submit(await declare(2, T0 + 4)), 'ERR_CONFLICT') // never raised back
    await rejectsWith(f.registry.submit(await declare(1, T0 + 5)), 'ERR_CONFLICT')
    const size = await f.registry.size()
    expect(size).toBe(4)
    const r2 = lowered
    // Byte-identical resubmission of an accepted entry is just a duplicate.
    const again = await f.registry.submit(await f.registry.entry(r2.index))
    expect(again).toMatchObject({ index: r2.index, duplicate: true })
    expect(await f.registry.size()).toBe(size)
    // Status answers name the revoked key and its lowest position.
    const record = await revocableRecord(old, customer)
    await register({ signer: old, record, registry: f.registry })
    const status = await lookupStatus(record, f.registry)
    expect(status?.revokedKeys).toEqual([{ did: old.did, from: 1 }])
  })

  it('refuses "from" later than the end of the log with ERR_MALFORMED', async () => {
    const f = await fixture()
    await register({ signer: shop, record: await revocableRecord(shop, customer), registry: f.registry })
    const size = await f.registry.size()
    await rejectsWith(revokeKey({ signer: await party(8), registry: f.registry, from: size + 1 }), 'ERR_MALFORMED')
    expect(await f.registry.size()).toBe(size)
    // `from` equal to the entry's own position is the latest allowed.
    const ok = await revokeKey({ signer: await party(8), registry: f.registry, from: size })
    expect(ok.index).toBe(size)
  })

  it('must be signed by the key being revoked', async () => {
    const f = await fixture()
    const victim = await party(10)
    const bytes = await signEntry<RevokeKeyEntry>({ t: 'revoke-key', key: victim.did, from: 0, at: T0 }, mallory)
    await rejectsWith(f.registry.submit(bytes), 'ERR_UNAUTHORIZED')
    expect(await f.registry.size()).toBe(0)
  })
})

describe('private registry (allowIssuers)', () => {
  it('accepts registrations only from an allow-listed submitter', async () => {
    const f = await fixture({ allowIssuers: [shop.did] })
    const record = await revocableRecord(shop, customer)
    await rejectsWith(register({ signer: shop, record, registry: f.registry }), 'ERR_UNAUTHORIZED')
    await rejectsWith(register({ signer: shop, record, registry: f.registry, submitter: mallory }), 'ERR_UNAUTHORIZED')
    expect(await f.registry.size()).toBe(0)
    const ok = await register({ signer: shop, record, registry: f.registry, submitter: shop })
    await f.checkReceipt(ok)
    // Status changes are authorised by the record's own keys, not by the allow-list.
    await revoke({ signer: shop, record, registry: f.registry })
    expect((await lookupStatus(record, f.registry))?.state).toBe('revoked')
  })

  it('checks the detached submission signature (HTTP path)', async () => {
    const f = await fixture({ allowIssuers: [shop.did] })
    const record = await revocableRecord(shop, customer)
    const bytes = await regEntry(record, await revocationSeed(shop, record), record.payload.rev!)
    const forged = { signer: shop.did, sig: await mallory.sign(domainSeparated(DOMAIN.submission, bytes)) }
    await rejectsWith(submitAuthenticated(f.registry, bytes, forged), 'ERR_UNAUTHORIZED')
    // A signature over another entry does not carry over.
    const otherBytes = await regEntry(record, await revocationSeed(shop, record), record.payload.rev!, T0 + 1)
    const replayed = { signer: shop.did, sig: await shop.sign(domainSeparated(DOMAIN.submission, otherBytes)) }
    await rejectsWith(submitAuthenticated(f.registry, bytes, replayed), 'ERR_UNAUTHORIZED')
    await rejectsWith(submitAuthenticated(f.registry, bytes, undefined), 'ERR_UNAUTHORIZED')
    expect(await f.registry.size()).toBe(0)
    const good = { signer: shop.did, sig: await shop.sign(domainSeparated(DOMAIN.submission, bytes)) }
    await f.checkReceipt(await submitAuthenticated(f.registry, bytes, good), bytes)
  })

  it('refuses revoke-key for a key that is not on the allow-list', async () => {
    const f = await fixture({ allowIssuers: [shop.did] })
    await rejectsWith(revokeKey({ signer: mallory, registry: f.registry }), 'ERR_UNAUTHORIZED')
    await f.checkReceipt(await revokeKey({ signer: shop, registry: f.registry }))
  })
})

describe('overload', () => {
  it('maxPending 5 with 50 concurrent submits: some ERR_OVERLOADED, every accepted one logged', async () => {
    const f = await fixture({ maxPending: 5, batchDelayMs: 10 })
    const records = await Promise.all(Array.from({ length: 50 }, () => revocableRecord(shop, customer)))
    const entries = await Promise.all(records.map(async (r) => regEntry(r, await revocationSeed(shop, r), r.payload.rev!)))
    const out = await Promise.allSettled(entries.map((e) => f.registry.submit(e)))
    const accepted = out.flatMap((o, i) => (o.status === 'fulfilled' ? [{ receipt: o.value, bytes: entries[i]! }] : []))
    const refused = out.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []))
    expect(refused.length).toBeGreaterThan(0)
    expect(accepted.length).toBeGreaterThan(0)
    for (const e of refused) {
      expect(e).toBeInstanceOf(CounterfoilError)
      expect((e as CounterfoilError).code).toBe('ERR_OVERLOADED')
    }
    // Nothing acknowledged is lost, nothing half-written: the log holds exactly the accepted entries.
    expect(await f.registry.size()).toBe(accepted.length)
    expect(new Set(accepted.map((a) => a.receipt.index)).size).toBe(accepted.length)
    for (const { receipt, bytes } of accepted) {
      expect(receipt.duplicate).toBe(false)
      await f.checkReceipt(receipt, bytes)
      expect(await f.registry.entry(receipt.index)).toEqual(new Uint8Array(bytes))
    }
    for (const [i, o] of out.entries()) {
      const status = await lookupStatus(records[i]!, f.registry)
      expect(status.state).toBe(o.status === 'fulfilled' ? 'valid' : 'unregistered')
    }
    // After the burst, the refused ones go through on retry.
    const retried = await Promise.all(out.flatMap((o, i) => (o.status === 'rejected' ? [entries[i]!] : [])).map(async (e) => {
      for (;;) {
        try {
          return await f.registry.submit(e)
        } catch (err) {
          if ((err as CounterfoilError).code !== 'ERR_OVERLOADED') throw err
          await new Promise((r) => setTimeout(r, 5))
        }
      }
    }))
    for (const r of retried) await f.checkReceipt(r)
    expect(await f.registry.size()).toBe(50)
  })
})

describe('store failure mid-batch', () => {
  /** memoryStore() whose transaction throws on the Nth putStatus while `failAt` is set. */
  function flakyStore(): { store: Store; arm(n: number | undefined): void } {
    const inner = memoryStore()
    let failAt: number | undefined
    const wrapTx = (tx: StoreTx): StoreTx => {
      let calls = 0
      return new Proxy(tx, {
        get(target, p) {
          const v = Reflect.get(target, p, target) as unknown
          if (typeof v !== 'function') return v
          const fn = (v as (...a: unknown[]) => unknown).bind(target)
          if (p !== 'putStatus') return fn
          return async (...args: unknown[]) => {
            calls++
            if (failAt !== undefined && calls >= failAt) throw new Error('disk on fire')
            return fn(...args)
          }
        },
      })
    }
    const store = new Proxy(inner, {
      get(target, p) {
        const v = Reflect.get(target, p, target) as unknown
        if (typeof v !== 'function') return v
        if (p === 'transaction') return <T>(fn: (tx: StoreTx) => Promise<T>) => target.transaction((tx) => fn(wrapTx(tx)))
        return (v as (...a: unknown[]) => unknown).bind(target)
      },
    }) as Store
    return { store, arm: (n) => { failAt = n } }
  }

  it('rejects every submit in the batch with ERR_STORE, leaves the log unchanged, and keeps working', async () => {
    const { store, arm } = flakyStore()
    const f = await fixture({ store, batchDelayMs: 200 })
    const first = await register({ signer: shop, record: await revocableRecord(shop, customer), registry: f.registry })
    const before = { size: await f.registry.size(), checkpoint: await f.registry.checkpoint() }

    const records = await Promise.all(Array.from({ length: 5 }, () => revocableRecord(shop, customer)))
    const entries = await Promise.all(records.map(async (r) => regEntry(r, await revocationSeed(shop, r), r.payload.rev!)))
    arm(3) // the third registration in the batch hits the failure
    const out = await Promise.allSettled(entries.map((e) => f.registry.submit(e)))
    arm(undefined)
    for (const o of out) {
      expect(o.status).toBe('rejected')
      const e = (o as PromiseRejectedResult).reason as CounterfoilError
      expect(e).toBeInstanceOf(CounterfoilError)
      expect(e.code).toBe('ERR_STORE')
    }
    expect(await f.registry.size()).toBe(before.size)
    expect(await f.registry.checkpoint()).toBe(before.checkpoint)
    for (const r of records) expect((await lookupStatus(r, f.registry)).state).toBe('unregistered')
    expect(await store.nonValidStatuses()).toEqual([])

    // The registry keeps working: the same entries go through now, at the next indices.
    const receipts = await Promise.all(entries.map((e) => f.registry.submit(e)))
    expect(receipts.map((r) => r.index).sort()).toEqual([1, 2, 3, 4, 5])
    for (const [i, r] of receipts.entries()) {
      expect(r.duplicate).toBe(false)
      await f.checkReceipt(r, entries[i])
    }
    await checkAllConsistency(f, [first.checkpoint, before.checkpoint, ...receipts.map((r) => r.checkpoint)])
  })

  it('a status-change batch that fails leaves the status unchanged', async () => {
    const { store, arm } = flakyStore()
    const f = await fixture({ store })
    const record = await revocableRecord(shop, customer)
    await register({ signer: shop, record, registry: f.registry })
    arm(1)
    await rejectsWith(revoke({ signer: shop, record, registry: f.registry }), 'ERR_STORE')
    arm(undefined)
    expect((await lookupStatus(record, f.registry))?.state).toBe('valid')
    await revoke({ signer: shop, record, registry: f.registry })
    expect((await lookupStatus(record, f.registry))?.state).toBe('revoked')
  })
})

describe('lifecycle and several registry servers on one store', () => {
  it('close() sequences what is pending, then refuses new entries', async () => {
    const f = await fixture({ batchDelayMs: 50 })
    const records = await Promise.all(Array.from({ length: 3 }, () => revocableRecord(shop, customer)))
    const entries = await Promise.all(records.map(async (r) => regEntry(r, await revocationSeed(shop, r), r.payload.rev!)))
    const submitted = entries.map((e) => f.registry.submit(e))
    await new Promise((r) => setTimeout(r, 10)) // past the signature checks, waiting for the batch
    await f.registry.close()
    for (const r of await Promise.all(submitted)) await f.checkReceipt(r)
    expect(await f.registry.size()).toBe(3)
    await rejectsWith(register({ signer: shop, record: await revocableRecord(shop, customer), registry: f.registry }), 'ERR_REGISTRY_UNAVAILABLE')
  })

  it('a registry restarted over the same store continues the log', async () => {
    const store = memoryStore()
    const a = await fixture({ store })
    const first = await register({ signer: shop, record: await revocableRecord(shop, customer), registry: a.registry })
    await a.registry.close()
    const b = await fixture({ store })
    expect(await b.registry.checkpoint()).toBe(first.checkpoint)
    const second = await register({ signer: shop, record: await revocableRecord(shop, customer), registry: b.registry })
    expect(second.index).toBe(1)
    await b.checkReceipt(second)
    await checkAllConsistency(b, [first.checkpoint, second.checkpoint])
  })

  it('two servers sharing a store: distinct indices, consistent log, and no stale status between them', async () => {
    const store = memoryStore()
    const a = await fixture({ store, batchDelayMs: 3 })
    const b = await fixture({ store, batchDelayMs: 3 })
    const records = await Promise.all(Array.from({ length: 20 }, () => revocableRecord(shop, customer)))
    const receipts = await Promise.all(records.map((record, i) => register({ signer: shop, record, registry: i % 2 === 0 ? a.registry : b.registry })))
    expect(new Set(receipts.map((r) => r.index)).size).toBe(20)
    for (const r of receipts) await a.checkReceipt(r)
    await checkAllConsistency(a, receipts.map((r) => r.checkpoint))

    // A answers (and may cache) a status; B changes it; A must not keep answering the old state,
    // and a statement built from A's answer must not be refused as stale.
    const record = records[0]!
    expect((await lookupStatus(record, a.registry)).state).toBe('valid')
    await suspend({ signer: shop, record, registry: b.registry })
    expect((await lookupStatus(record, a.registry)).state).toBe('suspended')
    await reinstate({ signer: shop, record, registry: a.registry })
    expect((await lookupStatus(record, b.registry)).state).toBe('valid')
  })
})

describe('issue without a registry', () => {
  it('a record that is not revocable cannot be registered', async () => {
    const f = await fixture()
    const record = await issue({ signer: shop, subject: customer.did, type: 'note', claims: {}, issuedAt: T0 })
    await rejectsWith(register({ signer: shop, record, registry: f.registry }), 'ERR_MALFORMED')
    expect(await f.registry.size()).toBe(0)
  })
})
