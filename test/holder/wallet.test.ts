import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { decodeCbor, encodeCbor } from '../../src/codec/dag-cbor.js'
import { CounterfoilError } from '../../src/errors.js'
import { transfer } from '../../src/holder/links.js'
import { signSuccession } from '../../src/holder/succession.js'
import { exportWallet, importWallet, WALLET_TYPE } from '../../src/holder/wallet.js'
import type { SignedRecord } from '../../src/record/envelope.js'
import { issue } from '../../src/record/issue.js'
import { commitmentOf, signEntry, type SuccessionEntry } from '../../src/registry/entries.js'
import { registrationProof } from '../../src/registry/proof.js'
import { register } from '../../src/registry/statements.js'
import { fixture, party } from '../registry/registry-helpers.js'

interface Pool {
  records: SignedRecord[]
  proofs: { record: SignedRecord; proof: string }[]
  staples: { record: SignedRecord; note: Uint8Array }[]
  successions: Uint8Array[]
  registries: { origin: string; key: string }[]
}

let pool: Pool

beforeAll(async () => {
  const { registry } = await fixture({ batchDelayMs: 0 })
  const [shop, alice, bob, shop2] = await Promise.all([party(1), party(2), party(3), party(4)])
  const records: SignedRecord[] = []
  for (let i = 0; i < 5; i++) {
    records.push(await issue({ signer: shop, subject: alice.did, type: i % 2 === 0 ? 'receipt' : 'warranty', claims: { n: i, items: [{ sku: `S${i}` }] }, registry: 'https://registry.example' }))
  }
  records.push(await transfer({ signer: alice, record: records[1]!, to: bob.did }))
  const proofs = []
  const staples = []
  for (const record of records.slice(0, 4)) {
    proofs.push({ record, proof: registrationProof(await register({ signer: shop, record, registry })) })
    staples.push({ record, note: (await registry.statusNotes(commitmentOf(record.cid), shop.did))[0]! })
  }
  pool = { records, proofs, staples, successions: [await signSuccession({ signer: shop, successor: shop2.did })], registries: [{ origin: registry.origin, key: registry.did }] }
})

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p
  } catch (e) {
    if (e instanceof CounterfoilError) return e.code
    throw e
  }
  return 'resolved'
}

/** Decodes a wallet file, lets `change` edit it, re-encodes it canonically. */
function edit(bytes: Uint8Array, change: (w: Record<string, unknown>) => void): Uint8Array {
  const w = structuredClone(decodeCbor(bytes)) as Record<string, unknown>
  change(w)
  return encodeCbor(w)
}

describe('wallet file', () => {
  it('round trips records, proofs, staples, successions and links; deterministic whatever the input order', async () => {
    const bytes = await exportWallet(pool)
    const wallet = await importWallet(bytes)
    expect(wallet.records.map((r) => r.id).sort()).toEqual(pool.records.map((r) => r.id).sort())
    expect(wallet.records.map((r) => r.bytes)).toEqual(wallet.records.map((r) => pool.records.find((p) => p.id === r.id)!.bytes))
    expect(wallet.proofs.map((p) => p.proof).sort()).toEqual(pool.proofs.map((p) => p.proof).sort())
    expect(wallet.staples.length).toBe(pool.staples.length)
    expect(wallet.successions.map((s) => [...s])).toEqual(pool.successions.map((s) => [...s]))
    expect(wallet.registries).toEqual(pool.registries)
    expect(wallet.links).toEqual([{ from: pool.records[5]!.id, rel: 'transfers', to: pool.records[1]!.id }])
    const again = await exportWallet({ records: [...wallet.records].reverse(), proofs: wallet.proofs.map((p) => ({ record: p.id, proof: p.proof })), staples: wallet.staples.map((s) => ({ record: s.id, note: s.note })), successions: wallet.successions, registries: wallet.registries })
    expect(again).toEqual(bytes)
  })

  it('property: any selection, repeated and shuffled, loses nothing and encodes one way', async () => {
    const pick = <T,>(items: readonly T[]) => fc.array(fc.constantFrom(...items), { maxLength: 8 })
    await fc.assert(fc.asyncProperty(
      pick(pool.records), pick(pool.proofs), pick(pool.staples), pick(pool.successions),
      async (records, proofs, staples, successions) => {
        const need = new Set([...proofs.map((p) => p.record), ...staples.map((s) => s.record)])
        const items = { records: [...records, ...need], proofs, staples, successions, registries: pool.registries }
        const bytes = await exportWallet(items)
        const w = await importWallet(bytes)
        expect(new Set(w.records.map((r) => r.id))).toEqual(new Set(items.records.map((r) => r.id)))
        expect(new Set(w.proofs.map((p) => `${p.id} ${p.proof}`))).toEqual(new Set(proofs.map((p) => `${p.record.id} ${p.proof}`)))
        expect(new Set(w.staples.map((s) => `${s.id} ${encodeCbor(s.note).join()}`))).toEqual(new Set(staples.map((s) => `${s.record.id} ${encodeCbor(s.note).join()}`)))
        expect(w.successions.length).toBe(new Set(successions).size)
        const reexported = await exportWallet({ records: [...w.records].reverse(), proofs: w.proofs.map((p) => ({ record: p.id, proof: p.proof })).reverse(), staples: w.staples.map((s) => ({ record: s.id, note: s.note })), successions: w.successions, registries: w.registries })
        expect(reexported).toEqual(bytes)
      }), { numRuns: 30 })
  })

  it('refuses a wallet with one corrupted record, and imports nothing', async () => {
    const bytes = await exportWallet(pool)
    const corrupt = edit(bytes, (w) => {
      const r = (w.records as Uint8Array[])[2]!
      r[r.length - 5]! ^= 0x01 // inside the last signature
    })
    const err = await importWallet(corrupt).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(CounterfoilError)
    expect((err as CounterfoilError).code).toBe('ERR_WALLET_INVALID')
    // Truncation and random bit flips never import.
    expect(await codeOf(importWallet(bytes.subarray(0, bytes.length - 1)))).toBe('ERR_WALLET_INVALID')
    await fc.assert(fc.asyncProperty(fc.nat(bytes.length - 1), fc.integer({ min: 1, max: 255 }), async (at, mask) => {
      const flipped = bytes.slice()
      flipped[at]! ^= mask
      expect(await codeOf(importWallet(flipped))).not.toBe('resolved')
    }), { numRuns: 150 })
  })

  it('refuses bad structure: type, version, unknown fields, order, duplicates, dangling ids', async () => {
    const bytes = await exportWallet(pool)
    expect(await codeOf(importWallet(edit(bytes, () => {})))).toBe('resolved') // the editing itself changes nothing
    expect(await codeOf(importWallet(edit(bytes, (w) => { w.type = 'other' })))).toBe('ERR_WALLET_INVALID')
    expect(await codeOf(importWallet(edit(bytes, (w) => { w.v = 2 })))).toBe('ERR_UNSUPPORTED_VERSION')
    expect(await codeOf(importWallet(edit(bytes, (w) => { w.extra = 1 })))).toBe('ERR_WALLET_INVALID')
    expect(await codeOf(importWallet(edit(bytes, (w) => { (w.records as unknown[]).reverse() })))).toBe('ERR_WALLET_INVALID')
    expect(await codeOf(importWallet(edit(bytes, (w) => { (w.records as unknown[]).push((w.records as unknown[])[0]) })))).toBe('ERR_WALLET_INVALID')
    // A proof about a record that is not in the wallet.
    const proven = pool.proofs[0]!.record.bytes.join()
    expect(await codeOf(importWallet(edit(bytes, (w) => { w.records = (w.records as Uint8Array[]).filter((r) => r.join() !== proven) })))).toBe('ERR_WALLET_INVALID')
    expect(await codeOf(importWallet(encodeCbor([1, 2])))).toBe('ERR_WALLET_INVALID')
    expect(await codeOf(importWallet(bytes, { maxBytes: 100 }))).toBe('ERR_TOO_LARGE')
    expect(decodeCbor(bytes)).toMatchObject({ v: 1, type: WALLET_TYPE })
  })

  it('refuses a proof or staple about another record, a broken inclusion path, a forged succession', async () => {
    const [a, b] = [pool.proofs[0]!, pool.proofs[1]!]
    expect(await codeOf(exportWallet({ records: pool.records, proofs: [{ record: a.record, proof: b.proof }], registries: pool.registries }))).toBe('ERR_WALLET_INVALID')
    const last = pool.proofs[3]!
    const path = last.proof.split('\n')
    const hashLine = path.findIndex((l) => l.startsWith('index ')) + 1
    expect(path[hashLine]).toMatch(/^[A-Za-z0-9+/]{43}=$/) // registered 4th: its path has hashes
    path[hashLine] = path[hashLine]!.startsWith('A') ? `B${path[hashLine]!.slice(1)}` : `A${path[hashLine]!.slice(1)}`
    expect(await codeOf(exportWallet({ records: pool.records, proofs: [{ record: last.record, proof: path.join('\n') }], registries: pool.registries }))).toBe('ERR_WALLET_INVALID')
    expect(await codeOf(exportWallet({ records: pool.records, staples: [{ record: pool.staples[0]!.record, note: pool.staples[1]!.note }], registries: pool.registries }))).toBe('ERR_WALLET_INVALID')
    const [old, next, thief] = await Promise.all([party(1), party(4), party(9)])
    const forged = await signEntry<SuccessionEntry>({ t: 'succession', old: old.did, new: next.did, from: 0, at: 1 }, thief)
    expect(await codeOf(exportWallet({ records: [], successions: [forged] }))).toBe('ERR_WALLET_INVALID')
    expect(await codeOf(exportWallet({ records: ['not a record'] }))).toBe('ERR_WALLET_INVALID')
    // Proofs and staples need their registry listed, with the right key.
    expect(await codeOf(exportWallet({ records: pool.records, proofs: [a] }))).toBe('ERR_WALLET_INVALID')
    expect(await codeOf(exportWallet({ records: pool.records, staples: [pool.staples[0]!] }))).toBe('ERR_WALLET_INVALID')
    const wrongKey = [{ origin: pool.registries[0]!.origin, key: thief.did }]
    expect(await codeOf(exportWallet({ records: pool.records, proofs: [a], registries: wrongKey }))).toBe('ERR_WALLET_INVALID')
    expect(await codeOf(exportWallet({ records: pool.records, staples: [pool.staples[0]!], registries: wrongKey }))).toBe('ERR_WALLET_INVALID')
  })
})
