// Status answers of the registry core: online status notes, k-anonymous buckets, offline
// snapshots (W3C 2-bit bitstring, gzip), and domain separation between every signed artefact.
// Assertions are on error codes, never on message text.
import { gunzipSync, gzipSync } from 'node:zlib'
import { beforeAll, describe, expect, it } from 'vitest'
import { utf8 } from '../../src/codec/bytes.js'
import { decodeCbor, encodeCbor } from '../../src/codec/dag-cbor.js'
import { DOMAIN, domainSeparated } from '../../src/codec/domain.js'
import type { Signer } from '../../src/keys/interface.js'
import { publicKeyFromSeed } from '../../src/keys/ed25519.js'
import type { SignedRecord } from '../../src/record/envelope.js'
import { commitmentOf, signEntry, type RegEntry } from '../../src/registry/entries.js'
import { noteKeyId, noteVerifier } from '../../src/registry/log/note.js'
import { openCheckpoint } from '../../src/registry/log/signed-checkpoint.js'
import { toBase64 } from '../../src/registry/log/encoding.js'
import { BUCKET_PAD, MAX_SNAPSHOT_LIST_BYTES, openBucket, openSnapshot, openStatusNote, signSnapshot, snapshotStatus } from '../../src/registry/status/answers.js'
import { decompressStatusList, getStatus, MIN_STATUS_ENTRIES, setStatus, statusListBytes } from '../../src/registry/status/bitstring.js'
import { signArtefact } from '../../src/registry/status/signed.js'
import { MAX_BUCKET_ITEMS } from '../../src/registry/registry.js'
import { lookupStatus, register, reinstate, revoke, suspend, withdraw } from '../../src/registry/statements.js'
import type { Store } from '../../src/registry/store/interface.js'
import { memoryStore } from '../../src/registry/store/memory.js'
import { fixture, ORIGIN, party, rejectsWith, revocableRecord, revocationSeed, statusEntry, T0 } from './registry-helpers.js'

let shop: Signer
let customer: Signer
let holder: Signer
let stranger: Signer
beforeAll(async () => {
  shop = await party(1)
  customer = await party(2)
  holder = await party(3)
  stranger = await party(5)
})

const NOW = T0 + 1000

/** The `{ body, signer, sig }` of a registry artefact. */
function unwrap(bytes: Uint8Array): { body: Uint8Array; signer: string; sig: Uint8Array } {
  return decodeCbor(bytes) as { body: Uint8Array; signer: string; sig: Uint8Array }
}

describe('online status notes', () => {
  let f: Awaited<ReturnType<typeof fixture>>
  let record: SignedRecord
  let regIndex: number
  beforeAll(async () => {
    f = await fixture({ now: () => NOW, statusTtl: 600, maxClockSkew: 10 * 365 * 86_400 }) // a fixed past clock; statements carry today's time
    record = await revocableRecord(shop, customer, holder.publicKey)
    regIndex = (await register({ signer: shop, record, registry: f.registry })).index
  })

  it('opens with the registry key and gives state, index, head, key and times', async () => {
    const c = commitmentOf(record.cid)
    const [note, ...rest] = await f.registry.statusNotes(c)
    expect(rest).toHaveLength(0)
    const opened = await openStatusNote(note!, [f.registry.did])
    expect(opened.commitment).toEqual(c)
    expect(opened.status).toMatchObject({
      source: 'online', registry: f.registry.did, state: 'valid', index: regIndex, head: regIndex, reason: 0,
      logSize: await f.registry.size(), issuedAt: NOW, expiresAt: NOW + 600, revokedKeys: [],
    })
    expect(opened.status.revocationKey).toEqual(record.payload.rev!.issuer)
    expect((await openStatusNote(note!, [f.registry.did], 'staple')).status.source).toBe('staple')

    const s = await suspend({ signer: shop, record, registry: f.registry, reason: 'onHold' })
    const [after] = await f.registry.statusNotes(c)
    expect((await openStatusNote(after!, [f.registry.did])).status).toMatchObject({ state: 'suspended', index: regIndex, head: s.index, reason: 6, logSize: s.index + 1 })
    const r = await reinstate({ signer: shop, record, registry: f.registry })
    expect((await openStatusNote((await f.registry.statusNotes(c))[0]!, [f.registry.did])).status).toMatchObject({ state: 'valid', head: r.index })
  })

  it('refuses a note opened with another key: ERR_UNTRUSTED_ISSUER', async () => {
    const [note] = await f.registry.statusNotes(commitmentOf(record.cid))
    await rejectsWith(openStatusNote(note!, [stranger.did]), 'ERR_UNTRUSTED_ISSUER')
    await rejectsWith(openStatusNote(note!, []), 'ERR_UNTRUSTED_ISSUER')
  })

  it('refuses tampered notes', async () => {
    const [note] = await f.registry.statusNotes(commitmentOf(record.cid))
    const a = unwrap(note!)
    const trusted = [f.registry.did, stranger.did]
    // The body changed (a state byte): signature no longer verifies.
    const body = decodeCbor(a.body) as Record<string, unknown>
    const forgedBody = encodeCbor({ ...body, state: 2 })
    await rejectsWith(openStatusNote(encodeCbor({ ...a, body: forgedBody }), trusted), 'ERR_SIGNATURE_INVALID')
    // A flipped bit anywhere in the body bytes.
    for (const at of [0, 5, a.body.length - 1]) {
      const b = a.body.slice()
      b[at]! ^= 1
      await rejectsWith(openStatusNote(encodeCbor({ ...a, body: b }), trusted), 'ERR_SIGNATURE_INVALID')
    }
    // The signature changed, or claimed by another (trusted) key.
    const sig = a.sig.slice()
    sig[10]! ^= 1
    await rejectsWith(openStatusNote(encodeCbor({ ...a, sig }), trusted), 'ERR_SIGNATURE_INVALID')
    await rejectsWith(openStatusNote(encodeCbor({ ...a, signer: stranger.did }), trusted), 'ERR_SIGNATURE_INVALID')
    // Structural damage.
    await rejectsWith(openStatusNote(note!.subarray(0, note!.length - 1), trusted), 'ERR_MALFORMED')
    await rejectsWith(openStatusNote(encodeCbor({ ...a, extra: 1 }), trusted), 'ERR_MALFORMED')
    await rejectsWith(openStatusNote(encodeCbor({ body: a.body, signer: a.signer }), trusted), 'ERR_MALFORMED')
    await rejectsWith(openStatusNote(encodeCbor({ ...a, sig: a.sig.subarray(1) }), trusted), 'ERR_MALFORMED')
    await rejectsWith(openStatusNote(encodeCbor([a.body, a.signer, a.sig]), trusted), 'ERR_MALFORMED')
    // Correctly signed by the registry key, but a nonsense body.
    for (const bad of [{ ...body, state: 7 }, { ...body, v: 2 }, { ...body, c: new Uint8Array(31) }, { ...body, exp: body.at }]) {
      const bytes = await signArtefact(DOMAIN.status, encodeCbor(bad), f.registryKey)
      await rejectsWith(openStatusNote(bytes, trusted), 'ERR_MALFORMED')
    }
  })

  it('says "unregistered" for a commitment the registry does not hold', async () => {
    const other = await revocableRecord(shop, customer)
    const notes = await f.registry.statusNotes(commitmentOf(other.cid))
    expect(notes).toHaveLength(1)
    const { status, commitment } = await openStatusNote(notes[0]!, [f.registry.did])
    expect(new Uint8Array(commitment)).toEqual(commitmentOf(other.cid))
    expect(status.state).toBe('unregistered')
    expect(status.index).toBeUndefined()
    expect(status.revocationKey).toBeUndefined()
    const looked = await lookupStatus(other, f.registry)
    expect(looked.state).toBe('unregistered')
    expect(looked.index).toBeUndefined()
    await rejectsWith(f.registry.statusNotes(new Uint8Array(31)), 'ERR_MALFORMED')
  })

  it('never caches a note read before a commit that lands while it is being made', async () => {
    // A store whose committed status reads are slow: a revoke commits while a note is being built.
    let slow = false
    const inner = memoryStore()
    const store = new Proxy(inner, {
      get(target, p) {
        const v = Reflect.get(target, p, target) as unknown
        if (typeof v !== 'function') return v
        const fn = (v as (...a: unknown[]) => unknown).bind(target)
        if (p !== 'status') return fn
        return async (...args: unknown[]) => {
          const out = await fn(...args)
          if (slow) await new Promise((r) => setTimeout(r, 40))
          return out
        }
      },
    }) as Store
    const g = await fixture({ store, batchDelayMs: 1 })
    const rec = await revocableRecord(shop, customer)
    const reg = await register({ signer: shop, record: rec, registry: g.registry })
    const bytes = await statusEntry({ t: 'revoke', i: reg.index, prev: reg.index, at: T0, reason: 1 }, await revocationSeed(shop, rec))
    slow = true
    const reading = g.registry.statusNotes(commitmentOf(rec.cid), rec.payload.iss)
    await g.registry.submit(bytes)
    await reading // began before the revoke: may say valid, but must not be cached
    slow = false
    expect((await lookupStatus(rec, g.registry))?.state).toBe('revoked')
  })
})

describe('k-anonymous buckets', () => {
  let f: Awaited<ReturnType<typeof fixture>>
  let record: SignedRecord
  let regIndex: number
  let prefix: Uint8Array
  beforeAll(async () => {
    f = await fixture()
    record = await revocableRecord(shop, customer)
    regIndex = (await register({ signer: shop, record, registry: f.registry })).index
    prefix = commitmentOf(record.cid).slice(0, 2)
    // 20 other registrations sharing the prefix (commitments are just 32 bytes to the registry).
    const seed = new Uint8Array(32).fill(0x33)
    const issuer = await publicKeyFromSeed(seed)
    for (let i = 0; i < 20; i++) {
      const c = crypto.getRandomValues(new Uint8Array(32))
      c.set(prefix)
      await f.registry.submit(await signEntry<RegEntry>({ t: 'reg', c, rev: { issuer }, at: T0 }, seed))
    }
  })

  it('contains the real commitment among ≥16 items, padded to a multiple of 16, all with the prefix', async () => {
    const bytes = await f.registry.bucket(prefix)
    const body = decodeCbor(unwrap(bytes).body) as { prefix: Uint8Array; items: { c: Uint8Array }[]; size: number }
    expect(body.prefix).toEqual(prefix)
    expect(body.items.length).toBeGreaterThanOrEqual(BUCKET_PAD)
    expect(body.items.length % BUCKET_PAD).toBe(0)
    expect(body.items.length).toBe(32) // 21 real
    for (const it of body.items) expect(it.c.subarray(0, prefix.length)).toEqual(prefix)
    const c = commitmentOf(record.cid)
    const { matches } = await openBucket(bytes, [f.registry.did], c)
    expect(matches).toHaveLength(1)
    expect(matches[0]).toMatchObject({ source: 'bucket', state: 'valid', index: regIndex, logSize: await f.registry.size() })
    expect(matches[0]!.revocationKey).toEqual(record.payload.rev!.issuer)
    // A 1-byte prefix covers it too.
    expect((await openBucket(await f.registry.bucket(prefix.subarray(0, 1)), [f.registry.did], c)).matches).toHaveLength(1)
  })

  it('pads a small bucket to 16 and reflects status changes', async () => {
    const g = await fixture()
    const rec = await revocableRecord(shop, customer)
    await register({ signer: shop, record: rec, registry: g.registry })
    await revoke({ signer: shop, record: rec, registry: g.registry, reason: 'fraud' })
    const c = commitmentOf(rec.cid)
    const bytes = await g.registry.bucket(c.subarray(0, 3))
    expect((decodeCbor(unwrap(bytes).body) as { items: unknown[] }).items).toHaveLength(16)
    const { matches } = await openBucket(bytes, [g.registry.did], c)
    // head: the revoke entry (index 1), the record's last change, as a status note gives it.
    expect(matches).toEqual([expect.objectContaining({ state: 'revoked', reason: 16, index: 0, head: 1, logSize: 2 })])
  })

  it('a bucket for another prefix does not cover the commitment: ERR_MALFORMED', async () => {
    const other = prefix.slice()
    other[0]! ^= 0xff
    const bytes = await f.registry.bucket(other)
    await rejectsWith(openBucket(bytes, [f.registry.did], commitmentOf(record.cid)), 'ERR_MALFORMED')
  })

  it('finds nothing for an unregistered commitment under the prefix, and refuses bad prefixes', async () => {
    const c = commitmentOf(record.cid).slice()
    c[31]! ^= 1
    const { matches, template } = await openBucket(await f.registry.bucket(prefix), [f.registry.did], c)
    expect(matches).toEqual([])
    expect(template.state).toBe('unregistered')
    await rejectsWith(f.registry.bucket(new Uint8Array(0)), 'ERR_MALFORMED')
    await rejectsWith(f.registry.bucket(new Uint8Array(5)), 'ERR_MALFORMED')
  })

  it('refuses a bucket that would have to leave registrations out (ERR_TOO_LARGE), never truncates', async () => {
    // A store that reports `copies` registrations under any prefix (the real one, repeated):
    // 4,097 real registrations sharing a prefix would take seconds to build.
    let copies = 0
    const inner = memoryStore()
    const store = new Proxy(inner, {
      get(target, p) {
        const v = Reflect.get(target, p, target) as unknown
        if (typeof v !== 'function') return v
        const fn = (v as (...a: unknown[]) => unknown).bind(target)
        if (p !== 'registrationsByPrefix') return fn
        return async (prefix: Uint8Array, limit: number) => {
          const real = (await fn(prefix, limit)) as unknown[]
          return copies === 0 || real.length === 0 ? real : Array.from({ length: Math.min(copies, limit) }, () => real[0])
        }
      },
    }) as Store
    const g = await fixture({ store })
    const rec = await revocableRecord(shop, customer)
    await register({ signer: shop, record: rec, registry: g.registry })
    const c = commitmentOf(rec.cid)
    copies = MAX_BUCKET_ITEMS
    const full = await g.registry.bucket(c.subarray(0, 1))
    expect((decodeCbor(unwrap(full).body) as { items: unknown[] }).items).toHaveLength(MAX_BUCKET_ITEMS)
    expect((await openBucket(full, [g.registry.did], c)).matches).toHaveLength(MAX_BUCKET_ITEMS)
    copies = MAX_BUCKET_ITEMS + 1
    await rejectsWith(g.registry.bucket(c.subarray(0, 1)), 'ERR_TOO_LARGE')
  })

  it('refuses a bucket from an untrusted key or with a forged body', async () => {
    const bytes = await f.registry.bucket(prefix)
    await rejectsWith(openBucket(bytes, [stranger.did], commitmentOf(record.cid)), 'ERR_UNTRUSTED_ISSUER')
    const a = unwrap(bytes)
    const b = a.body.slice()
    b[b.length - 3]! ^= 1
    await rejectsWith(openBucket(encodeCbor({ ...a, body: b }), [f.registry.did], commitmentOf(record.cid)), 'ERR_SIGNATURE_INVALID')
  })
})

/** W3C Bitstring Status List §3.2: entry i of statusSize s starts at bit i·s, counting from the left-most (most significant) bit of byte 0; its s bits read as a big-endian number. */
function w3cStatus(bitstring: Uint8Array, index: number, statusSize = 2): number {
  let value = 0
  for (let j = 0; j < statusSize; j++) {
    const bit = index * statusSize + j
    value = (value << 1) | ((bitstring[bit >> 3]! >> (7 - (bit & 7))) & 1)
  }
  return value
}

describe('offline snapshots', () => {
  it('covers ≥ 131,072 entries and reads back revoked, suspended, withdrawn and reinstated records', async () => {
    const f = await fixture({ now: () => NOW, snapshotTtl: 7200, maxClockSkew: 10 * 365 * 86_400 })
    const records = await Promise.all(Array.from({ length: 6 }, () => revocableRecord(shop, customer, holder.publicKey)))
    const idx: number[] = []
    for (const record of records) idx.push((await register({ signer: shop, record, registry: f.registry })).index)
    await suspend({ signer: shop, record: records[1]!, registry: f.registry })
    await revoke({ signer: shop, record: records[2]!, registry: f.registry })
    await withdraw({ signer: holder, record: records[3]!, registry: f.registry })
    await suspend({ signer: shop, record: records[4]!, registry: f.registry })
    await reinstate({ signer: shop, record: records[4]!, registry: f.registry })
    await suspend({ signer: shop, record: records[5]!, registry: f.registry })
    await revoke({ signer: shop, record: records[5]!, registry: f.registry })

    const bytes = await f.registry.snapshot()
    const snap = await openSnapshot(bytes, [f.registry.did])
    expect(snap.list.length * 4).toBeGreaterThanOrEqual(MIN_STATUS_ENTRIES)
    expect(snap).toMatchObject({ registry: f.registry.did, logSize: await f.registry.size(), issuedAt: NOW, expiresAt: NOW + 7200, revokedKeys: [] })
    const expected = ['valid', 'suspended', 'revoked', 'withdrawn', 'valid', 'revoked']
    expected.forEach((state, i) => expect(snapshotStatus(snap, idx[i]!)).toMatchObject({ source: 'snapshot', index: idx[i], state }))
    expect(snapshotStatus(snap, snap.logSize).state).toBe('unregistered')
    expect(snapshotStatus(snap, 1_000_000).state).toBe('unregistered')

    // Cross-check against the W3C definition with an independent gunzip and bit reader.
    const list = gunzipSync((decodeCbor(unwrap(bytes).body) as { list: Uint8Array }).list)
    expect(new Uint8Array(list)).toEqual(snap.list)
    expect(list.length).toBe(MIN_STATUS_ENTRIES / 4)
    const codes = { valid: 0, suspended: 1, revoked: 2, withdrawn: 3 } as const
    expected.forEach((state, i) => expect(w3cStatus(list, idx[i]!)).toBe(codes[state as keyof typeof codes]))
    // Every other index (the status statements themselves, and the padding) reads 0.
    let nonZero = 0
    for (let i = 0; i < MIN_STATUS_ENTRIES; i++) if (w3cStatus(list, i) !== 0) nonZero++
    expect(nonZero).toBe(4)

    // The cached snapshot is replaced once the log changes.
    await revoke({ signer: shop, record: records[0]!, registry: f.registry })
    expect(snapshotStatus(await openSnapshot(await f.registry.snapshot(), [f.registry.did]), idx[0]!).state).toBe('revoked')
  })

  it('puts entry 0 in the most significant bits of byte 0 (W3C bit order)', () => {
    const list = new Uint8Array(2)
    setStatus(list, 0, 1)
    expect(list[0]).toBe(0b0100_0000)
    setStatus(list, 1, 2)
    expect(list[0]).toBe(0b0110_0000)
    setStatus(list, 3, 3)
    expect(list[0]).toBe(0b0110_0011)
    setStatus(list, 4, 2)
    expect(list[1]).toBe(0b1000_0000)
    setStatus(list, 0, 0)
    expect(list[0]).toBe(0b0010_0011)
    for (let i = 0; i < 8; i++) expect(getStatus(list, i)).toBe(w3cStatus(list, i))
    expect(() => getStatus(list, 8)).toThrow(RangeError)
    expect(statusListBytes(0)).toBe(32_768)
    expect(statusListBytes(200_001)).toBe(50_001)
  })

  it('covers logs longer than the minimum', async () => {
    const key = await party(0xaa)
    const size = 200_000
    const rows = [
      { index: 131_072, state: 2, head: 131_073, reason: 0, since: T0 },
      { index: 199_999, state: 3, head: 199_999, reason: 0, since: T0 },
    ] as const
    const { bytes } = await signSnapshot(size, rows, [], NOW, 60, key)
    const snap = await openSnapshot(bytes, [key.did])
    expect(snap.list.length).toBe(50_000)
    expect(snapshotStatus(snap, 131_072).state).toBe('revoked')
    expect(snapshotStatus(snap, 199_999).state).toBe('withdrawn')
    expect(snapshotStatus(snap, 131_071).state).toBe('valid')
    expect(snapshotStatus(snap, 200_000).state).toBe('unregistered')
  })

  it('stops a gzip bomb: ERR_TOO_LARGE', async () => {
    const key = await party(0xaa)
    const bomb = gzipSync(new Uint8Array(MAX_SNAPSHOT_LIST_BYTES + 1024), { level: 9 })
    expect(bomb.length).toBeLessThan(64 * 1024)
    const body = encodeCbor({ v: 1, list: new Uint8Array(bomb), keys: [], size: 1, at: NOW, exp: NOW + 60 })
    const bytes = await signArtefact(DOMAIN.snapshot, body, key)
    await rejectsWith(openSnapshot(bytes, [key.did]), 'ERR_TOO_LARGE')
    await rejectsWith(decompressStatusList(new Uint8Array(gzipSync(new Uint8Array(4096))), 4095), 'ERR_TOO_LARGE')
    expect(await decompressStatusList(new Uint8Array(gzipSync(new Uint8Array(4096))), 4096)).toHaveLength(4096)
  })

  it('refuses bad gzip and lists shorter than the log', async () => {
    const key = await party(0xaa)
    const sign = (list: Uint8Array, size: number): Promise<Uint8Array> =>
      signArtefact(DOMAIN.snapshot, encodeCbor({ v: 1, list, keys: [], size, at: NOW, exp: NOW + 60 }), key)
    await rejectsWith(openSnapshot(await sign(Uint8Array.of(1, 2, 3, 4), 1), [key.did]), 'ERR_MALFORMED')
    const short = new Uint8Array(gzipSync(new Uint8Array(statusListBytes(0) - 1)))
    await rejectsWith(openSnapshot(await sign(short, 1), [key.did]), 'ERR_MALFORMED')
    const fits = new Uint8Array(gzipSync(new Uint8Array(statusListBytes(0))))
    await rejectsWith(openSnapshot(await sign(fits, MIN_STATUS_ENTRIES + 1), [key.did]), 'ERR_MALFORMED')
    expect((await openSnapshot(await sign(fits, MIN_STATUS_ENTRIES), [key.did])).logSize).toBe(MIN_STATUS_ENTRIES)
    await rejectsWith(openSnapshot(await sign(fits, 1), [stranger.did]), 'ERR_UNTRUSTED_ISSUER')
  })
})

describe('domain separation between signed artefacts', () => {
  let f: Awaited<ReturnType<typeof fixture>>
  let note: Uint8Array
  let bucket: Uint8Array
  let snapshot: Uint8Array
  let checkpoint: string
  let c: Uint8Array
  beforeAll(async () => {
    f = await fixture()
    const record = await revocableRecord(shop, customer)
    await register({ signer: shop, record, registry: f.registry })
    c = commitmentOf(record.cid)
    note = (await f.registry.statusNotes(c))[0]!
    bucket = await f.registry.bucket(c.subarray(0, 1))
    snapshot = await f.registry.snapshot()
    checkpoint = await f.registry.checkpoint()
  })

  it('no artefact opens as another kind, even under the same key', async () => {
    const trusted = [f.registry.did]
    await rejectsWith(openSnapshot(note, trusted), 'ERR_SIGNATURE_INVALID')
    await rejectsWith(openBucket(note, trusted, c), 'ERR_SIGNATURE_INVALID')
    await rejectsWith(openStatusNote(bucket, trusted), 'ERR_SIGNATURE_INVALID')
    await rejectsWith(openSnapshot(bucket, trusted), 'ERR_SIGNATURE_INVALID')
    await rejectsWith(openStatusNote(snapshot, trusted), 'ERR_SIGNATURE_INVALID')
    await rejectsWith(openBucket(snapshot, trusted, c), 'ERR_SIGNATURE_INVALID')
  })

  it('a status note is not a checkpoint, and a checkpoint is not a status note', async () => {
    const verifiers = [noteVerifier(ORIGIN, f.registryKey.publicKey)]
    await expect(openCheckpoint(note, verifiers, { origin: ORIGIN })).rejects.toMatchObject({ code: 'ERR_MALFORMED' })
    // The checkpoint's own signature, wrapped as an artefact over the checkpoint text, does not verify.
    const text = checkpoint.slice(0, checkpoint.indexOf('\n\n') + 1)
    const blob = Uint8Array.from(Buffer.from(checkpoint.slice(checkpoint.lastIndexOf(' ') + 1).trim(), 'base64'))
    const sig = blob.subarray(4)
    expect(sig).toHaveLength(64)
    const wrapped = encodeCbor({ body: utf8(text), signer: f.registry.did, sig })
    await rejectsWith(openStatusNote(wrapped, [f.registry.did]), 'ERR_SIGNATURE_INVALID')
    await rejectsWith(openSnapshot(wrapped, [f.registry.did]), 'ERR_SIGNATURE_INVALID')
    await rejectsWith(openStatusNote(utf8(checkpoint), [f.registry.did]), 'ERR_MALFORMED')
    // Conversely, a signed note carrying the status note's signature over its exact signed bytes
    // cannot even be formed: those bytes contain the 0x00 after the domain tag.
    const a = unwrap(note)
    const signed = domainSeparated(DOMAIN.status, a.body)
    const keyId = noteKeyId(ORIGIN, f.registryKey.publicKey)
    const idBytes = Uint8Array.of(keyId >>> 24, (keyId >>> 16) & 255, (keyId >>> 8) & 255, keyId & 255)
    const forged = `${new TextDecoder().decode(signed)}\n\n\u2014 ${ORIGIN} ${toBase64(Uint8Array.from([...idBytes, ...a.sig]))}\n`
    await expect(openCheckpoint(forged, verifiers, { origin: ORIGIN })).rejects.toMatchObject({ code: 'ERR_MALFORMED' })
  })
})
