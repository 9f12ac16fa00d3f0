import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { utf8 } from '../../src/codec/bytes.js'
import { decodeCbor, encodeCbor, type CborValue } from '../../src/codec/dag-cbor.js'
import { fromBase64url, toBase64url } from '../../src/codec/multibase.js'
import { CounterfoilError } from '../../src/errors.js'
import type { Signer } from '../../src/keys/interface.js'
import { decodeDisclosedRecord, disclose, DisclosedRecord, isDisclosedRecordForm } from '../../src/record/disclosed-record.js'
import { applyDisclosures, defaultDecoys, disclosureDigest, valueDigest } from '../../src/record/disclosure.js'
import { decodeRecord } from '../../src/record/envelope.js'
import { DISCLOSED_TEXT_PREFIXES } from '../../src/record/disclosed-form.js'
import { issue } from '../../src/record/issue.js'
import { parsePathPattern, formatClaimPath } from '../../src/record/claim-path.js'
import { verify, verifyMany } from '../../src/verify.js'
import { party, T0 } from '../record/helpers.js'

let maker: Signer
let customer: Signer
beforeAll(async () => {
  maker = await party(1)
  customer = await party(2)
})

const codes = (r: { errors: readonly { code: string }[] }): string[] => r.errors.map((e) => e.code)
const at = { now: T0 + 10 }

const CLAIMS = {
  serial: 'SN-12345',
  model: 'KETTLE-2',
  expires: '2028-01-01',
  price: 3990,
  address: { street: '1 Rue de la Paix', city: 'Paris', zip: '75002' },
  items: [{ sku: 'A', price: 100 }, { sku: 'B', price: 250 }],
}

function warranty(disclosable: readonly string[], extra: { decoys?: number; claims?: unknown } = {}): Promise<DisclosedRecord> {
  return issue({
    signer: maker, subject: customer.did, type: 'warranty', claims: extra.claims ?? CLAIMS, issuedAt: T0, expiresIn: 86400,
    disclosable, ...(extra.decoys === undefined ? {} : { decoys: extra.decoys }),
  })
}

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer
    return true
  }
  return false
}

describe('claim paths', () => {
  it('parses keys, wildcards and indices and formats concrete paths', () => {
    expect(parsePathPattern('items[].price').steps).toEqual([{ key: 'items' }, { each: true }, { key: 'price' }])
    expect(parsePathPattern('a.b[2].c').steps).toEqual([{ key: 'a' }, { key: 'b' }, { index: 2 }, { key: 'c' }])
    expect(formatClaimPath(['items', 0, 'price'])).toBe('items[0].price')
  })

  it('rejects patterns that end in an array element or are not paths', () => {
    for (const bad of ['', 'items[]', 'a..b', 'a[x]', '.a', 'a.']) expect(() => parsePathPattern(bad), bad).toThrow(TypeError)
  })
})

describe('issue with disclosable claims', () => {
  it('signs only digests: the withheld values are not in the signed record at all', async () => {
    const full = await warranty(['price', 'address', 'items[].price'])
    const { payload } = full.record
    expect(payload.claims).toEqual({ serial: 'SN-12345', model: 'KETTLE-2', expires: '2028-01-01', items: [{ sku: 'A' }, { sku: 'B' }] })
    // 4 disclosures padded to 8 digests, sorted byte-wise
    expect(full.disclosures).toHaveLength(4)
    expect(payload.sd).toHaveLength(8)
    const hex = payload.sd!.map((d) => Buffer.from(d).toString('hex'))
    expect([...hex].sort()).toEqual(hex)
    for (const secret of ['Paris', '75002', 'Rue de la Paix']) expect(contains(full.record.bytes, utf8(secret)), secret).toBe(false)
    expect(contains(full.record.bytes, encodeCbor(3990))).toBe(false)
    // salts of at least 16 bytes, all different
    expect(new Set(full.disclosures.map((d) => toBase64url(d.salt))).size).toBe(4)
    for (const d of full.disclosures) expect(d.salt.length).toBeGreaterThanOrEqual(16)
  })

  it('the holder copy verifies with every claim put back, and round-trips through text', async () => {
    const full = await warranty(['price', 'address', 'items[].price'])
    const text = full.toString()
    expect(isDisclosedRecordForm(text)).toBe(true)
    expect(isDisclosedRecordForm(full.record.toString())).toBe(false)
    const result = await verify(text, at)
    expect(result.valid).toBe(true)
    expect(result.id).toBe(full.id)
    expect(result.disclosure?.claims).toEqual(CLAIMS)
    expect(result.disclosure?.withheld).toEqual([])
    expect(result.disclosure?.undisclosed).toBe(4) // the decoys
    expect(decodeDisclosedRecord(text).bytes).toEqual(full.bytes)
  })

  it('the text prefixes verify uses to spot a disclosed record are the base64url of its first bytes', () => {
    const head = [0x66, ...utf8('reco')]
    expect(DISCLOSED_TEXT_PREFIXES).toEqual([toBase64url(Uint8Array.of(0xa2, ...head)), toBase64url(Uint8Array.of(0xa3, ...head))])
  })

  it('pads with decoys by default, and takes an exact count', async () => {
    expect([0, 1, 3, 4, 5, 8].map((n) => n + defaultDecoys(n))).toEqual([4, 4, 4, 8, 8, 16])
    expect((await warranty(['price'], { decoys: 0 })).record.payload.sd).toHaveLength(1)
    expect((await warranty(['price'], { decoys: 5 })).record.payload.sd).toHaveLength(6)
  })

  it('refuses a plain path that names no claim, non-map claims, and a negative decoy count', async () => {
    await expect(warranty(['colour'])).rejects.toThrow(RangeError)
    await expect(warranty(['price'], { claims: ['not', 'a', 'map'] })).rejects.toThrow(TypeError)
    await expect(warranty(['price'], { decoys: -1 })).rejects.toThrow(RangeError)
  })
})

describe('disclose and verify', () => {
  it('shows only serial and expiry; withheld claims are named, their values absent', async () => {
    const full = await warranty(['serial', 'expires', 'price', 'address', 'items[].price'])
    const shown = disclose(full, ['serial', 'expires'])
    const result = await verify(shown.toString(), { ...at, trustedIssuers: [maker.did] })
    expect(result.valid).toBe(true)
    expect(result.disclosure?.claims).toEqual({ model: 'KETTLE-2', serial: 'SN-12345', expires: '2028-01-01', items: [{ sku: 'A' }, { sku: 'B' }] })
    expect([...result.disclosure!.disclosed].sort()).toEqual(['expires', 'serial'])
    expect([...result.disclosure!.withheld].sort()).toEqual(['address', 'items[0].price', 'items[1].price', 'price'])
    for (const secret of ['Paris', 'Rue de la Paix']) expect(contains(shown.bytes, utf8(secret)), secret).toBe(false)
    expect(contains(shown.bytes, encodeCbor(3990))).toBe(false)
    expect(result.checks.map((c) => c.name)).toContain('disclosure')
  })

  it('nameWithheld: false names nothing: withheld claims and decoys look alike', async () => {
    const full = await warranty(['serial', 'price', 'address'])
    const result = await verify(disclose(full, ['serial'], { nameWithheld: false }), at)
    expect(result.valid).toBe(true)
    expect(result.disclosure?.withheld).toEqual([])
    expect(result.disclosure?.undisclosed).toBe(full.record.payload.sd!.length - 1)
  })

  it('nested maps: a child brings its parent; a parent alone keeps its disclosable child hidden', async () => {
    const full = await warranty(['address', 'address.city'])
    const city = disclose(full, ['address.city'])
    expect(city.paths).toEqual(['address', 'address.city'])
    expect((await verify(city, at)).disclosure?.claims).toEqual(CLAIMS)
    const onlyParent = disclose(full, ['address'])
    expect(onlyParent.paths).toEqual(['address'])
    const r = await verify(onlyParent, at)
    expect(r.errors).toEqual([])
    expect(r.disclosure?.claims).toEqual({ ...CLAIMS, address: { street: '1 Rue de la Paix', zip: '75002' } })
    expect(r.disclosure?.withheld).toEqual(['address.city'])
    // a child without its parent has no place to go
    const orphan = new DisclosedRecord(full.record, full.disclosures.filter((d) => d.path.length === 2))
    expect(codes(await verify(orphan, at))).toEqual(['ERR_DISCLOSURE_INVALID'])
  })

  it('arrays: one element\'s field can be shown alone', async () => {
    const full = await warranty(['items[].price'])
    const r = await verify(disclose(full, ['items[1].price']), at)
    expect(r.valid).toBe(true)
    expect(r.disclosure?.claims).toMatchObject({ items: [{ sku: 'A' }, { sku: 'B', price: 250 }] })
    expect(r.disclosure?.withheld).toEqual(['items[0].price'])
  })

  it('a plain record with digests verifies, showing the clear claims only', async () => {
    const full = await warranty(['price'])
    const r = await verify(full.record.toString(), at)
    expect(r.valid).toBe(true)
    expect(r.disclosure?.disclosed).toEqual([])
    expect(r.disclosure?.claims).not.toHaveProperty('price')
  })

  it('verifyMany takes disclosed records among plain ones, results in input order', async () => {
    const full = await warranty(['price'])
    const plain = await issue({ signer: maker, subject: customer.did, type: 'note', claims: 1, issuedAt: T0 })
    const results = await verifyMany([plain.toString(), disclose(full, ['price']).toString(), plain, disclose(full, [])], at)
    expect(results.map((r) => r.valid)).toEqual([true, true, true, true])
    expect(results.map((r) => r.disclosure?.disclosed)).toEqual([undefined, ['price'], undefined, []])
  })

  it('a claim named __proto__ is disclosed as an ordinary key, never as a prototype', async () => {
    const claims = JSON.parse('{"serial":"SN-1","__proto__":{"polluted":true}}') as Record<string, unknown>
    const full = await issue({ signer: maker, subject: customer.did, type: 't', claims, issuedAt: T0, disclosable: ['__proto__'] })
    const r = await verify(disclose(full.toString(), ['__proto__']).toString(), at)
    expect(r.valid).toBe(true)
    const shown = r.disclosure!.claims as Record<string, unknown>
    expect(Object.getPrototypeOf(shown)).toBe(Object.prototype)
    expect(Object.hasOwn(shown, '__proto__')).toBe(true)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('disclose refuses a path the record does not have', async () => {
    const full = await warranty(['price'])
    expect(() => disclose(full, ['colour'])).toThrow(expect.objectContaining({ code: 'ERR_NOT_FOUND' }))
  })
})

describe('a verifier cannot learn or forge', () => {
  it('cannot brute-force a withheld value from a small domain: the salt is unknown', async () => {
    const full = await warranty(['price'], { decoys: 3 })
    const shown = disclose(full, [])
    const { payload } = decodeDisclosedRecord(shown.toString()).record
    // Everything the verifier sees: the record salt, the path, the digests. Try every price 0..9999
    // with every salt it could guess (none: 16 random bytes). Here: all-zero and record-salt guesses.
    const guesses = [new Uint8Array(16), payload.salt.slice(0, 16)]
    const digests = new Set(payload.sd!.map((d) => toBase64url(d)))
    let hits = 0
    for (let price = 0; price < 10_000; price++) {
      for (const salt of guesses) if (digests.has(toBase64url(disclosureDigest(payload.salt, ['price'], valueDigest(salt, price))))) hits++
    }
    expect(hits).toBe(0)
    // ...while the holder, who has the salt, does hit: the search itself works.
    const d = full.disclosures[0]!
    expect(digests.has(toBase64url(disclosureDigest(payload.salt, ['price'], valueDigest(d.salt, 3990))))).toBe(true)
  })

  it('a disclosure grafted from another record with the same claims fails with ERR_DISCLOSURE_NOT_IN_RECORD', async () => {
    const a = await warranty(['price'])
    const b = await warranty(['price'])
    const grafted = new DisclosedRecord(b.record, a.disclosures)
    const r = await verify(grafted.toString(), at)
    expect(r.valid).toBe(false)
    expect(codes(r)).toEqual(['ERR_DISCLOSURE_NOT_IN_RECORD'])
    expect(r.disclosure).toBeUndefined()
    // withheld hints cannot be grafted either
    const hint = disclose(a, [])
    expect(codes(await verify(new DisclosedRecord(b.record, [], hint.withheld), at))).toEqual(['ERR_DISCLOSURE_NOT_IN_RECORD'])
  })

  it('a tampered value, path or salt fails; a disclosure shown twice fails', async () => {
    const full = await warranty(['price', 'address'])
    const price = full.disclosures.find((d) => d.path[0] === 'price')!
    const others = full.disclosures.filter((d) => d !== price)
    for (const forged of [
      { ...price, value: 1 },
      { ...price, path: ['cost'] },
      { ...price, salt: new Uint8Array(16) },
    ]) {
      expect(codes(await verify(new DisclosedRecord(full.record, [...others, forged]), at))).toEqual(['ERR_DISCLOSURE_NOT_IN_RECORD'])
    }
    expect(codes(await verify(new DisclosedRecord(full.record, [price, price]), at))).toEqual(['ERR_DISCLOSURE_NOT_IN_RECORD'])
  })

  it('a disclosure may not overwrite a clear claim', async () => {
    const full = await warranty(['price'])
    // Re-issue so the digest for ['serial'] is genuinely in the record, but serial is also clear.
    const rec = full.record
    const salt = new Uint8Array(16).fill(7)
    const d = { salt, path: ['serial'], value: 'FAKE' }
    const inRecord = applyDisclosures.bind(null, { claims: rec.payload.claims, salt: rec.payload.salt, sd: [disclosureDigest(rec.payload.salt, ['serial'], valueDigest(salt, 'FAKE'))] })
    expect(() => inRecord([d])).toThrow(expect.objectContaining({ code: 'ERR_DISCLOSURE_INVALID' }))
  })

  it('a forged record with disclosures still reports the forgery first', async () => {
    const full = await warranty(['price'])
    const env = decodeCbor(full.record.bytes) as { payload: Uint8Array; signatures: { signer: string; signature: Uint8Array }[] }
    const sig = env.signatures[0]!.signature.slice()
    sig[0]! ^= 1
    const forged = decodeRecord(encodeCbor({ payload: env.payload, signatures: [{ signer: env.signatures[0]!.signer, signature: sig }] }))
    expect(codes(await verify(new DisclosedRecord(forged, full.disclosures), at))).toEqual(['ERR_SIGNATURE_INVALID'])
  })
})

describe('decoding disclosed records is strict', () => {
  it('returns typed errors for malformed containers, never throws from verify', async () => {
    const full = await warranty(['price'])
    const d = full.disclosures[0]!
    const bad: [unknown, string][] = [
      [{ record: full.record.bytes, disclosures: 'x' }, 'ERR_MALFORMED'],
      [{ record: 'x', disclosures: [] }, 'ERR_MALFORMED'],
      [{ record: full.record.bytes, disclosures: [], extra: 1 }, 'ERR_MALFORMED'],
      [{ record: full.record.bytes, disclosures: [], withheld: [] }, 'ERR_MALFORMED'],
      [{ record: full.record.bytes, disclosures: [[d.salt, d.path]] }, 'ERR_DISCLOSURE_INVALID'],
      [{ record: full.record.bytes, disclosures: [[new Uint8Array(15), d.path, 1]] }, 'ERR_DISCLOSURE_INVALID'],
      [{ record: full.record.bytes, disclosures: [[d.salt, [], 1]] }, 'ERR_DISCLOSURE_INVALID'],
      [{ record: full.record.bytes, disclosures: [[d.salt, ['items', 0], 1]] }, 'ERR_DISCLOSURE_INVALID'],
      [{ record: full.record.bytes, disclosures: [[d.salt, [0, 'a'], 1]] }, 'ERR_DISCLOSURE_INVALID'],
      [{ record: full.record.bytes, disclosures: [], withheld: [[['price'], new Uint8Array(31)]] }, 'ERR_DISCLOSURE_INVALID'],
    ]
    for (const [value, code] of bad) {
      const bytes = encodeCbor(value)
      expect(() => decodeDisclosedRecord(bytes)).toThrow(CounterfoilError)
      const r = await verify(bytes, at)
      expect(r.valid).toBe(false)
      expect(codes(r), JSON.stringify(code)).toEqual([code])
    }
    // non-canonical: a trailing byte
    const trailing = new Uint8Array([...full.bytes, 0])
    expect((await verify(trailing, at)).valid).toBe(false)
    expect((await verify(toBase64url(trailing), at)).valid).toBe(false)
  })

  it('rejects a payload whose sd list is unsorted, duplicated or of wrong-sized digests', async () => {
    const { parsePayload } = await import('../../src/record/payload.js')
    const full = await warranty(['price'], { decoys: 2 })
    const base = decodeCbor(full.record.payloadBytes) as Record<string, unknown>
    const sd = full.record.payload.sd!
    for (const bad of [[...sd].reverse(), [sd[0], sd[0]], [new Uint8Array(31)], [], 'x']) {
      expect(() => parsePayload({ ...base, sd: bad })).toThrow(expect.objectContaining({ code: 'ERR_MALFORMED' }))
    }
    expect(() => parsePayload({ ...base, claims: [1], sd })).toThrow(expect.objectContaining({ code: 'ERR_MALFORMED' }))
  })
})

describe('properties', () => {
  const key = fc.string({ minLength: 1, maxLength: 6 }).filter((k) => /^[a-z]+$/.test(k))
  const leaf: fc.Arbitrary<CborValue> = fc.oneof(fc.integer(), fc.string(), fc.boolean(), fc.constant(null), fc.uint8Array({ maxLength: 8 }))
  const claimsArb = fc.dictionary(key, fc.oneof(leaf, fc.dictionary(key, leaf, { minKeys: 1, maxKeys: 3, noNullPrototype: true }), fc.array(fc.dictionary(key, leaf, { minKeys: 1, maxKeys: 3, noNullPrototype: true }), { minLength: 1, maxLength: 3 })), { minKeys: 1, maxKeys: 5, noNullPrototype: true })

  it('issue → disclose(any subset) → verify: shown claims are exactly the clear ones plus the chosen', async () => {
    await fc.assert(fc.asyncProperty(claimsArb, fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }), async (claims, picks) => {
      const keys = Object.keys(claims)
      const disclosable = keys.filter((_, i) => picks[i])
      if (disclosable.length === 0) return
      const full = await issue({ signer: maker, subject: customer.did, type: 't', claims, issuedAt: T0, disclosable })
      expect((await verify(full, at)).disclosure?.claims).toEqual(claims)
      const chosen = disclosable.filter((_, i) => i % 2 === 0)
      const shown = disclose(decodeDisclosedRecord(fromBase64url(full.toString())), chosen)
      const r = await verify(shown.toString(), at)
      expect(r.valid).toBe(true)
      const expected = Object.fromEntries(Object.entries(claims).filter(([k]) => !disclosable.includes(k) || chosen.includes(k)))
      expect(r.disclosure?.claims).toEqual(expected)
      expect([...r.disclosure!.withheld].sort()).toEqual(disclosable.filter((k) => !chosen.includes(k)).sort())
    }), { numRuns: 40 })
  })

  it('decodeDisclosedRecord never throws anything but CounterfoilError on random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
      try {
        decodeDisclosedRecord(Uint8Array.of(0xa2, 0x66, ...utf8('record'), ...bytes))
      } catch (e) {
        expect(e).toBeInstanceOf(CounterfoilError)
      }
    }))
  })
})
