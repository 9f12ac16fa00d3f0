// Log entries at the registry's door: every malformed, non-canonical, oversized or badly signed
// entry is refused with its code and leaves the log unchanged; property tests for the decoder.
import * as ed from '@noble/ed25519'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { decodeCbor, encodeCbor } from '../../src/codec/dag-cbor.js'
import { DOMAIN, domainSeparated } from '../../src/codec/domain.js'
import { CounterfoilError } from '../../src/errors.js'
import { publicKeyFromSeed, signEd25519 } from '../../src/keys/ed25519.js'
import type { Signer } from '../../src/keys/interface.js'
import type { SignedRecord } from '../../src/record/envelope.js'
import { checkEntrySignature, commitmentOf, decodeEntry, MAX_ENTRY_BYTES, signEntry, statementInput, type LogEntry, type RegEntry, type StatusEntry, type SuccessionEntry } from '../../src/registry/entries.js'
import { lookupStatus } from '../../src/registry/statements.js'
import { fixture, party, regEntry, rejectsWith, revocableRecord, revocationSeed, T0 } from './registry-helpers.js'

let shop: Signer
let customer: Signer
beforeAll(async () => {
  shop = await party(1)
  customer = await party(2)
})

describe('malformed entries via submit(bytes)', () => {
  let f: Awaited<ReturnType<typeof fixture>>
  let record: SignedRecord
  let seed: Uint8Array
  let regIndex: number
  beforeAll(async () => {
    f = await fixture()
    record = await revocableRecord(shop, customer)
    seed = await revocationSeed(shop, record)
    regIndex = (await f.registry.submit(await regEntry(record, seed, record.payload.rev!))).index
  })

  /** Signs arbitrary fields with the record's revocation seed, so only the tested defect is wrong. */
  async function signed(fields: Record<string, unknown>): Promise<Uint8Array> {
    const sig = await signEd25519(seed, domainSeparated(DOMAIN.statement, encodeCbor(fields)))
    return encodeCbor({ ...fields, sig })
  }

  /** Flips one bit inside the 64-byte "sig" value (located by its key, not by position). */
  function flipSig(bytes: Uint8Array): Uint8Array {
    const at = bytes.findIndex((b, i) => b === 0x63 && bytes[i + 1] === 0x73 && bytes[i + 2] === 0x69 && bytes[i + 3] === 0x67 && bytes[i + 4] === 0x58 && bytes[i + 5] === 64)
    expect(at).toBeGreaterThanOrEqual(0)
    const out = bytes.slice()
    out[at + 6 + 20]! ^= 0x10
    return out
  }

  const valid = (): Record<string, unknown> => ({ t: 'revoke', i: regIndex, prev: regIndex, at: T0, reason: 0 })

  const cases: [string, string, () => Promise<Uint8Array>][] = [
    ['not CBOR', 'ERR_MALFORMED', async () => Uint8Array.of(0xff, 0xfe, 0x01)],
    ['empty', 'ERR_MALFORMED', async () => new Uint8Array(0)],
    ['a CBOR array', 'ERR_MALFORMED', async () => encodeCbor([1, 2, 3])],
    ['a CBOR byte string', 'ERR_MALFORMED', async () => encodeCbor(new Uint8Array(64))],
    ['non-canonical (map length in a 1-byte header)', 'ERR_NON_CANONICAL', async () => {
      const ok = await signed(valid())
      expect(ok[0]).toBe(0xa6)
      return Uint8Array.from([0xb8, 0x06, ...ok.subarray(1)])
    }],
    ['non-canonical (integer with an over-long header)', 'ERR_NON_CANONICAL', async () => {
      const ok = encodeCbor({ ...valid(), sig: new Uint8Array(64) })
      // "reason" 0 re-encoded as 0x18 0x00 (a 1-byte argument where the value fits the header).
      const at = ok.findIndex((b, i) => b === 0x66 && ok[i + 1] === 0x72) // text(6) "reason"
      expect(at).toBeGreaterThan(0)
      return Uint8Array.from([...ok.subarray(0, at + 7), 0x18, 0x00, ...ok.subarray(at + 8)])
    }],
    ['trailing bytes', 'ERR_MALFORMED', async () => Uint8Array.from([...(await signed(valid())), 0x00])],
    ['unknown type', 'ERR_MALFORMED', async () => signed({ ...valid(), t: 'unrevoke' })],
    ['type missing', 'ERR_MALFORMED', async () => { const v = valid(); delete v.t; return signed(v) }],
    ['missing field (prev)', 'ERR_MALFORMED', async () => { const v = valid(); delete v.prev; return signed(v) }],
    ['missing field (at)', 'ERR_MALFORMED', async () => { const v = valid(); delete v.at; return signed(v) }],
    ['missing sig', 'ERR_MALFORMED', async () => encodeCbor(valid())],
    ['extra field', 'ERR_MALFORMED', async () => signed({ ...valid(), note: 'hi' })],
    ['extra field in reg', 'ERR_MALFORMED', async () => signed({ t: 'reg', c: commitmentOf(record.cid), rev: record.payload.rev!, at: T0, sub: customer.did })],
    ['extra field in rev', 'ERR_MALFORMED', async () => signed({ t: 'reg', c: commitmentOf(record.cid), rev: { ...record.payload.rev!, x: new Uint8Array(32) }, at: T0 })],
    ['reg without rev.issuer', 'ERR_MALFORMED', async () => signed({ t: 'reg', c: commitmentOf(record.cid), rev: {}, at: T0 })],
    ['commitment of 31 bytes', 'ERR_MALFORMED', async () => signed({ t: 'reg', c: new Uint8Array(31).fill(1), rev: record.payload.rev!, at: T0 })],
    ['commitment of 33 bytes', 'ERR_MALFORMED', async () => signed({ t: 'reg', c: new Uint8Array(33).fill(1), rev: record.payload.rev!, at: T0 })],
    ['rev.issuer of 31 bytes', 'ERR_MALFORMED', async () => signed({ t: 'reg', c: commitmentOf(record.cid), rev: { issuer: record.payload.rev!.issuer.subarray(1) }, at: T0 })],
    ['rev.holder null', 'ERR_MALFORMED', async () => signed({ t: 'reg', c: commitmentOf(record.cid), rev: { issuer: record.payload.rev!.issuer, holder: null }, at: T0 })],
    ['sig of 63 bytes', 'ERR_MALFORMED', async () => encodeCbor({ ...valid(), sig: new Uint8Array(63) })],
    ['sig of 65 bytes', 'ERR_MALFORMED', async () => encodeCbor({ ...valid(), sig: new Uint8Array(65) })],
    ['negative index', 'ERR_MALFORMED', async () => signed({ ...valid(), i: -1 })],
    ['string index', 'ERR_MALFORMED', async () => signed({ ...valid(), i: '0' })],
    ['float time', 'ERR_MALFORMED', async () => signed({ ...valid(), at: 1.5 })],
    ['reason 256', 'ERR_MALFORMED', async () => signed({ ...valid(), reason: 256 })],
    ['prev before i', 'ERR_MALFORMED', async () => signed({ ...valid(), i: regIndex + 1, prev: regIndex })],
    ['revoke-key with a non-did key', 'ERR_INVALID_DID', async () => signed({ t: 'revoke-key', key: 'mallory', from: 0, at: T0 })],
    ['succession not signed by the old key', 'ERR_UNAUTHORIZED', async () => signEntry<SuccessionEntry>({ t: 'succession', old: shop.did, new: customer.did, from: 0, at: T0 }, customer)],
    ['succession signed under the statement tag', 'ERR_UNAUTHORIZED', async () => {
      const fields = { t: 'succession', old: shop.did, new: customer.did, from: 0, at: T0 }
      return encodeCbor({ ...fields, sig: await shop.sign(domainSeparated(DOMAIN.statement, encodeCbor(fields))) })
    }],
    ['succession naming itself', 'ERR_MALFORMED', async () => signEntry<SuccessionEntry>({ t: 'succession', old: shop.did, new: shop.did, from: 0, at: T0 }, shop)],
    ['succession to a non-did', 'ERR_INVALID_DID', async () => signEntry<SuccessionEntry>({ t: 'succession', old: shop.did, new: 'did:key:zMallory', from: 0, at: T0 }, shop)],
    ['succession from after its own position', 'ERR_MALFORMED', async () => signEntry<SuccessionEntry>({ t: 'succession', old: shop.did, new: customer.did, from: 1_000_000, at: T0 }, shop)],
    ['oversized (1025 bytes)', 'ERR_TOO_LARGE', async () => {
      const base = encodeCbor({ ...valid(), sig: new Uint8Array(64), pad: '' })
      const pad = 'x'.repeat(MAX_ENTRY_BYTES + 1 - base.length - 2)
      const bytes = encodeCbor({ ...valid(), sig: new Uint8Array(64), pad })
      expect(bytes.length).toBe(MAX_ENTRY_BYTES + 1)
      return bytes
    }],
    ['oversized (1 MiB of garbage)', 'ERR_TOO_LARGE', async () => new Uint8Array(1 << 20).fill(0xff)],
    ['bad signature on a status entry', 'ERR_UNAUTHORIZED', async () => {
      return flipSig(await signed({ ...valid(), reason: 1 }))
    }],
    ['bad signature on a reg (no proof of possession)', 'ERR_UNAUTHORIZED', async () => {
      const other = await revocableRecord(shop, customer)
      return flipSig(await regEntry(other, await revocationSeed(shop, other), other.payload.rev!))
    }],
    ['reg signed over another entry', 'ERR_UNAUTHORIZED', async () => {
      const other = await revocableRecord(shop, customer)
      const otherSeed = await revocationSeed(shop, other)
      const fields = { t: 'reg', c: commitmentOf(other.cid), rev: other.payload.rev!, at: T0 } as const
      const sig = await signEd25519(otherSeed, statementInput({ ...fields, at: T0 + 1, sig: new Uint8Array(64) } as RegEntry))
      return encodeCbor({ ...fields, sig })
    }],
  ]

  it.each(cases)('%s → %s, log unchanged', async (_name, code, make) => {
    const size = await f.registry.size()
    const checkpoint = await f.registry.checkpoint()
    const bytes = await make()
    await rejectsWith(f.registry.submit(bytes), code as CounterfoilError['code'])
    expect(await f.registry.size()).toBe(size)
    expect(await f.registry.checkpoint()).toBe(checkpoint)
  })

  it('an invalid Ed25519 revocation key (small order) is refused', async () => {
    const size = await f.registry.size()
    const bytes = await signed({ t: 'reg', c: commitmentOf(record.cid), rev: { issuer: new Uint8Array(32) }, at: T0 })
    const error = await f.registry.submit(bytes).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CounterfoilError)
    expect(['ERR_MALFORMED', 'ERR_INVALID_KEY']).toContain((error as CounterfoilError).code)
    expect(await f.registry.size()).toBe(size)
  })

  it('an off-curve revocation key (canonical, not small order) is still ERR_INVALID_KEY, though only the signature check sees it', async () => {
    // y = 2, 3, …: the first canonical encoding that is not a curve point, by noble's own decoder.
    let issuer: Uint8Array | undefined
    for (let y = 2; issuer === undefined; y++) {
      const candidate = new Uint8Array(32)
      candidate[0] = y
      try {
        ed.Point.fromBytes(candidate)
      } catch {
        issuer = candidate
      }
    }
    const size = await f.registry.size()
    const bytes = await signed({ t: 'reg', c: commitmentOf(record.cid), rev: { issuer }, at: T0 })
    expect(() => decodeEntry(bytes)).toThrow(CounterfoilError)
    await rejectsWith(f.registry.submit(bytes), 'ERR_INVALID_KEY')
    expect(await f.registry.size()).toBe(size)
  })

  it('the record is still valid and unchanged after all of that', async () => {
    expect(await lookupStatus(record, f.registry)).toMatchObject({ state: 'valid', index: regIndex, head: regIndex })
    expect(await f.registry.size()).toBe(1)
  })
})

describe('entry decoder properties', () => {
  const seedArb = fc.uint8Array({ minLength: 32, maxLength: 32 })
  const time = fc.integer({ min: 0, max: 2 ** 40 })
  type Fields = Omit<LogEntry, 'sig'>
  const fieldsArb: fc.Arbitrary<(pk: Uint8Array, did: string) => Fields> = fc.oneof(
    fc.record({ c: fc.uint8Array({ minLength: 32, maxLength: 32 }), at: time, holder: fc.boolean() })
      .map(({ c, at, holder }) => (pk: Uint8Array) => ({ t: 'reg', c, rev: holder ? { issuer: pk, holder: pk } : { issuer: pk }, at }) as Fields),
    fc.record({ t: fc.constantFrom('revoke', 'suspend', 'reinstate', 'withdraw'), i: time, d: fc.nat(1000), at: time, reason: fc.integer({ min: 0, max: 255 }) })
      .map(({ t, i, d, at, reason }) => () => ({ t, i, prev: i + d, at, reason }) as Fields),
    fc.record({ from: time, at: time }).map(({ from, at }) => (_pk: Uint8Array, did: string) => ({ t: 'revoke-key', key: did, from, at }) as Fields),
    fc.record({ from: time, at: time }).map(({ from, at }) => (_pk: Uint8Array, did: string) => ({ t: 'succession', old: did, new: customer.did, from, at }) as Fields),
  )

  async function make(seed: Uint8Array, build: (pk: Uint8Array, did: string) => Fields): Promise<{ bytes: Uint8Array; pk: Uint8Array }> {
    const pk = await publicKeyFromSeed(seed)
    const { didFromPublicKey } = await import('../../src/keys/did.js')
    return { bytes: await signEntry(build(pk, didFromPublicKey(pk)), seed), pk }
  }

  it('every signed entry decodes, re-encodes to the same bytes and verifies', async () => {
    await fc.assert(fc.asyncProperty(seedArb, fieldsArb, async (seed, build) => {
      const { bytes, pk } = await make(seed, build)
      expect(bytes.length).toBeLessThanOrEqual(MAX_ENTRY_BYTES)
      const entry = decodeEntry(bytes)
      expect(new Uint8Array(encodeCbor(entry))).toEqual(bytes) // the codec may return a Buffer; entries are plain Uint8Arrays
      expect(await checkEntrySignature(entry, pk)).toBe(true)
    }), { numRuns: 150 })
  })

  it('a mutated entry is refused with a CounterfoilError or no longer verifies', async () => {
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
      fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
    )
    await fc.assert(fc.asyncProperty(seedArb, fieldsArb, mutation, async (seed, build, m) => {
      const { bytes, pk } = await make(seed, build)
      const at = m.at % bytes.length
      let mutated: Uint8Array
      if (m.kind === 'flip') {
        mutated = bytes.slice()
        mutated[at]! ^= 1 << m.bit
      } else if (m.kind === 'cut') mutated = bytes.subarray(0, at)
      else mutated = Uint8Array.from([...bytes.subarray(0, at), m.byte, ...bytes.subarray(at)])
      let entry: LogEntry
      try {
        entry = decodeEntry(mutated)
      } catch (e) {
        expect(e).toBeInstanceOf(CounterfoilError)
        return
      }
      expect(await checkEntrySignature(entry, pk)).toBe(false)
    }), { numRuns: 300 })
  })

  it('the registry refuses mutated entries and its log does not move', async () => {
    const f = await fixture()
    const record = await revocableRecord(shop, customer)
    const seed = await revocationSeed(shop, record)
    const good = await regEntry(record, seed, record.payload.rev!)
    const receipt = await f.registry.submit(good)
    const saved = Buffer.from(good).toString('hex')
    // The caller changing its own buffer after submitting changes nothing in the log.
    good.fill(0)
    expect(Buffer.from(await f.registry.entry(0)).toString('hex')).toBe(saved)
    await f.checkReceipt(await f.registry.submit(Uint8Array.from(Buffer.from(saved, 'hex'))))
    const status = await signEntry<StatusEntry>({ t: 'suspend', i: receipt.index, prev: receipt.index, at: T0, reason: 6 }, seed)
    await fc.assert(fc.asyncProperty(fc.constantFrom(Uint8Array.from(Buffer.from(saved, 'hex')), status), fc.nat(), fc.integer({ min: 0, max: 7 }), async (bytes, at, bit) => {
      const mutated = new Uint8Array(bytes) // a copy (encodeCbor may hand back a Node Buffer, whose slice() aliases)
      mutated[at % bytes.length]! ^= 1 << bit
      const error = await f.registry.submit(mutated).then(() => undefined, (e: unknown) => e)
      expect(error).toBeInstanceOf(CounterfoilError)
      expect(await f.registry.size()).toBe(1)
    }), { numRuns: 200 })
    expect(Buffer.from(await f.registry.entry(0)).toString('hex')).toBe(saved)
  })
})
