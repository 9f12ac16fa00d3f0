import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encodeCbor } from '../../src/codec/dag-cbor.js'
import type { Signer } from '../../src/keys/interface.js'
import { signerFromSeed } from '../../src/keys/signer.js'
import { issue } from '../../src/record/issue.js'
import type { SignedRecord } from '../../src/record/envelope.js'
import { createRegistry, type Registry } from '../../src/registry/registry.js'
import { registryHandler } from '../../src/registry/http.js'
import { remoteRegistry } from '../../src/registry/remote.js'
import { registrationProof } from '../../src/registry/proof.js'
import { commitmentOf, type RegEntry } from '../../src/registry/entries.js'
import { register, revoke, revokeKey, suspend, reinstate, withdraw } from '../../src/registry/statements.js'
import { memoryStore } from '../../src/registry/store/memory.js'
import type { RegistryClient } from '../../src/registry/client.js'
import { serve } from '../../src/node/serve.js'
import { verify } from '../../src/verify.js'
import { toBase64url } from '../../src/codec/multibase.js'

const codes = (r: { errors: readonly { code: string }[] }): string[] => r.errors.map((e) => e.code)

let registryKey: Signer
let shop: Signer
let customer: Signer
let registry: Registry
let http: RegistryClient
let server: Awaited<ReturnType<typeof serve>>

beforeAll(async () => {
  registryKey = await signerFromSeed(new Uint8Array(32).fill(9))
  shop = await signerFromSeed(new Uint8Array(32).fill(1))
  customer = await signerFromSeed(new Uint8Array(32).fill(2))
  registry = await createRegistry({ store: memoryStore(), signer: registryKey, origin: 'test.counterfoil/log' })
  server = await serve(registryHandler(registry), { port: 0 })
  http = remoteRegistry(server.url, { key: registryKey.did, timeoutMs: 5000 })
})

afterAll(async () => {
  await server.close()
  await registry.close()
})

async function newRecord(extra: { holderKey?: Uint8Array; type?: string } = {}): Promise<SignedRecord> {
  return issue({ signer: shop, subject: customer.did, type: extra.type ?? 'warranty', claims: { serial: 'SN-1' }, registry: server.url, expiresIn: 86400, ...(extra.holderKey ? { holderKey: extra.holderKey } : {}) })
}

describe('the whole loop over real HTTP on loopback', () => {
  it('issue → register → verify valid (online, bucket, staple, snapshot) → revoke → verify revoked everywhere', async () => {
    const record = await newRecord()
    const receipt = await register({ signer: shop, record, registry: http })
    expect(receipt.duplicate).toBe(false)
    expect((await register({ signer: shop, record, registry: http })).duplicate).toBe(true)

    const online = await verify(record.toString(), { registry: http, requireRegistration: true })
    expect(online.valid).toBe(true)
    expect(online.checks.find((c) => c.name === 'status')?.detail).toMatch(/registered at log index/)
    expect((await verify(record, { registry: http, statusPrivacy: 'bucket', requireRegistration: true })).valid).toBe(true)

    const [note] = await http.statusNotes(commitmentOf(record.cid), record.payload.iss)
    const staple = toBase64url(note!)
    expect((await verify(record, { staple, registryKeys: [registryKey.did], requireRegistration: true })).valid).toBe(true)
    const proof = registrationProof(receipt)
    const snapshot0 = await http.snapshot()
    expect((await verify(record, { snapshot: { bytes: snapshot0, proof, origin: 'test.counterfoil/log' }, registryKeys: [registryKey.did] })).valid).toBe(true)

    await revoke({ signer: shop, record, registry: http, reason: 'fraud' })
    expect(codes(await verify(record, { registry: http }))).toEqual(['ERR_REVOKED'])
    expect(codes(await verify(record, { registry: http, statusPrivacy: 'bucket' }))).toEqual(['ERR_REVOKED'])
    const snapshot1 = await http.snapshot()
    expect(codes(await verify(record, { snapshot: { bytes: snapshot1, proof, origin: 'test.counterfoil/log' }, registryKeys: [registryKey.did] }))).toEqual(['ERR_REVOKED'])
    // The old staple still says valid until it expires: that is what maxStatusAge is for.
    expect(codes(await verify(record, { staple, registryKeys: [registryKey.did], maxStatusAge: 0, now: Math.floor(Date.now() / 1000) + 5 }))).toEqual(['ERR_STATUS_STALE'])
  })

  it('suspend and reinstate; the customer withdraws a consent without the shop', async () => {
    const record = await newRecord()
    await register({ signer: shop, record, registry: http })
    await suspend({ signer: shop, record, registry: http })
    expect(codes(await verify(record, { registry: http }))).toEqual(['ERR_SUSPENDED'])
    await reinstate({ signer: shop, record, registry: http })
    expect((await verify(record, { registry: http })).valid).toBe(true)

    const consent = await newRecord({ type: 'consent', holderKey: customer.publicKey })
    await register({ signer: shop, record: consent, registry: http })
    await expect(withdraw({ signer: shop, record: consent, registry: http })).rejects.toMatchObject({ code: 'ERR_UNAUTHORIZED' })
    await withdraw({ signer: customer, record: consent, registry: http, reason: 'consentWithdrawn' })
    expect(codes(await verify(consent, { registry: http }))).toEqual(['ERR_WITHDRAWN'])
    await expect(revoke({ signer: shop, record: consent, registry: http })).rejects.toMatchObject({ code: 'ERR_CONFLICT' })
  })

  it('requireRegistration fails unregistered and non-revocable records; a revoked issuer key invalidates later records only', async () => {
    const unregistered = await newRecord()
    expect(codes(await verify(unregistered, { registry: http, requireRegistration: true }))).toEqual(['ERR_NOT_REGISTERED'])
    expect((await verify(unregistered, { registry: http })).valid).toBe(true)
    const plain = await issue({ signer: shop, subject: customer.did, type: 'note', claims: 1 })
    expect(codes(await verify(plain, { registry: http, requireRegistration: true }))).toEqual(['ERR_NOT_REGISTERED'])

    const oldKey = await signerFromSeed(new Uint8Array(32).fill(7))
    const before = await issue({ signer: oldKey, subject: customer.did, type: 'receipt', claims: 1, registry: server.url })
    await register({ signer: oldKey, record: before, registry: http })
    await revokeKey({ signer: oldKey, registry: http })
    const after = await issue({ signer: oldKey, subject: customer.did, type: 'receipt', claims: 2, registry: server.url })
    await register({ signer: oldKey, record: after, registry: http })
    expect((await verify(before, { registry: http })).valid).toBe(true)
    expect(codes(await verify(after, { registry: http }))).toEqual(['ERR_KEY_REVOKED'])
    await expect(revokeKey({ signer: oldKey, registry: http })).rejects.toMatchObject({ code: 'ERR_CONFLICT' })
  })

  it('reports an unreachable registry as a failed status check, not a crash', async () => {
    const record = await newRecord()
    const dead = remoteRegistry('http://127.0.0.1:9', { key: registryKey.did, timeoutMs: 500 })
    const result = await verify(record, { registry: dead })
    expect(codes(result)).toEqual(['ERR_STATUS_UNAVAILABLE'])
  })
})

describe('HTTP handler error mapping', () => {
  const call = (path: string, init?: RequestInit): Promise<Response> => registryHandler(registry)(new Request(`http://x${path}`, init))

  it('maps codes to statuses with a typed JSON body', async () => {
    const expectError = async (res: Response, status: number, code: string): Promise<void> => {
      expect(res.status).toBe(status)
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code)
    }
    await expectError(await call('/v1/entries', { method: 'POST', body: 'x', headers: { 'content-type': 'text/plain' } }), 415, 'ERR_UNSUPPORTED_MEDIA_TYPE')
    await expectError(await call('/v1/entries', { method: 'POST', body: new Uint8Array(9000), headers: { 'content-type': 'application/cbor' } }), 413, 'ERR_TOO_LARGE')
    await expectError(await call('/v1/entries', { method: 'POST', body: encodeCbor({ entry: new Uint8Array([1]) }) as Uint8Array<ArrayBuffer>, headers: { 'content-type': 'application/cbor' } }), 400, 'ERR_MALFORMED')
    await expectError(await call('/v1/status/zz'), 400, 'ERR_MALFORMED')
    await expectError(await call('/v1/status/' + '00'.repeat(32) + '?iss=did:web:x'), 400, 'ERR_INVALID_DID')
    await expectError(await call('/v1/entries/99999999'), 404, 'ERR_NOT_FOUND')
    await expectError(await call('/v1/nothing'), 404, 'ERR_NOT_FOUND')
    await expectError(await call('/v1/proof/inclusion?index=0&size=-1'), 400, 'ERR_MALFORMED')
  })

  it('refuses an entry dated beyond the clock-skew bound: ERR_NOT_YET_VALID, HTTP 422, nothing logged', async () => {
    const { deriveRevocationKey } = await import('../../src/record/revocation-key.js')
    const { signEntry } = await import('../../src/registry/entries.js')
    const now = 1_800_000_000
    const skewed = await createRegistry({ store: memoryStore(), signer: registryKey, origin: 'skew/log', now: () => now, maxClockSkew: 60 })
    const handle = registryHandler(skewed)
    const entryAt = async (at: number): Promise<Uint8Array> => {
      const r = await newRecord()
      const { seed } = await deriveRevocationKey(shop, r.payload.salt)
      return signEntry<RegEntry>({ t: 'reg', c: commitmentOf(r.cid), rev: r.payload.rev!, at }, seed)
    }
    const post = (entry: Uint8Array): Promise<Response> => handle(new Request('http://x/v1/entries', { method: 'POST', body: encodeCbor({ entry }) as Uint8Array<ArrayBuffer>, headers: { 'content-type': 'application/cbor' } }))
    const late = await post(await entryAt(now + 61))
    expect(late.status).toBe(422)
    expect(((await late.json()) as { error: { code: string } }).error.code).toBe('ERR_NOT_YET_VALID')
    await expect(skewed.submit(await entryAt(now + 10_000))).rejects.toMatchObject({ code: 'ERR_NOT_YET_VALID' })
    expect(await skewed.size()).toBe(0)
    expect((await post(await entryAt(now + 60))).status).toBe(201) // at the bound: accepted
    expect((await post(await entryAt(0))).status).toBe(201) // the past is fine
    expect(await skewed.size()).toBe(2)
    await skewed.close()
  })

  it('answers 503 with Retry-After when the queue is full', async () => {
    const busy = await createRegistry({ store: memoryStore(), signer: registryKey, origin: 'busy/log', maxPending: 1, batchDelayMs: 50 })
    const handle = registryHandler(busy)
    const records = await Promise.all(Array.from({ length: 6 }, () => newRecord()))
    const { deriveRevocationKey } = await import('../../src/record/revocation-key.js')
    const { signEntry } = await import('../../src/registry/entries.js')
    const bodies = await Promise.all(records.map(async (r) => {
      const { seed } = await deriveRevocationKey(shop, r.payload.salt)
      return encodeCbor({ entry: await signEntry<RegEntry>({ t: 'reg', c: commitmentOf(r.cid), rev: r.payload.rev!, at: 1 }, seed) }) as Uint8Array<ArrayBuffer>
    }))
    const responses = await Promise.all(bodies.map((body) => handle(new Request('http://x/v1/entries', { method: 'POST', body, headers: { 'content-type': 'application/cbor' } }))))
    const statuses = responses.map((r) => r.status)
    expect(statuses).toContain(201)
    expect(statuses).toContain(503)
    expect(responses.find((r) => r.status === 503)?.headers.get('retry-after')).toBe('1')
    await busy.close()
    expect(await busy.size()).toBe(statuses.filter((s) => s === 201).length)
  })
})
