// The wallet example's present.ts in Node against an in-process registry: the wallet staples the
// registry's note about its own registration, the verifier accepts it while fresh, refuses one older
// than MAX_STATUS_AGE (a staple kept from before a revocation cannot pass for long), and an
// unreachable registry leaves the presentation unstapled.
import { describe, expect, it } from 'vitest'
import { CounterfoilError } from 'counterfoil/errors'
import { decodePresentation, memoryNonceStore } from 'counterfoil/holder'
import { generateKeyPair, signerFromSeed, type Signer } from 'counterfoil/keys'
import { createRegistry, memoryStore, type Registry, type RegistryClient } from 'counterfoil/registry'
import { register, revoke } from 'counterfoil/revoke'
import { issue, type SignedRecord } from 'counterfoil/sign'
import { createChallenge } from '../../examples/wallet/src/challenge.js'
import { checkPresentation, MAX_STATUS_AGE, presentRecord } from '../../examples/wallet/src/present.js'

const AUDIENCE = 'https://desk.example'

async function setup(): Promise<{ registry: Registry; clock: { offset: number }; customer: Signer; shop: Signer; receipt: SignedRecord }> {
  const clock = { offset: 0 }
  const registry = await createRegistry({
    store: memoryStore(),
    signer: await signerFromSeed((await generateKeyPair()).seed),
    origin: 'test.counterfoil.local/log',
    now: () => Math.floor(Date.now() / 1000) + clock.offset,
  })
  const shop = await signerFromSeed((await generateKeyPair()).seed)
  const customer = await signerFromSeed((await generateKeyPair()).seed)
  const receipt = await issue({ signer: shop, subject: customer.did, type: 'purchase', claims: { sku: 'KETTLE-2' }, registry: 'https://registry.example' })
  await register({ signer: shop, record: receipt, registry })
  return { registry, clock, customer, shop, receipt }
}

const stored = (r: SignedRecord): { id: string; text: string; type: string; addedAt: number } => ({ id: r.id, text: r.toString(), type: r.payload.type, addedAt: 0 })

describe('presentRecord and checkPresentation', () => {
  it('staples a fresh note and the verifier trusts it; a revocation shows in the next presentation', async () => {
    const { registry, customer, shop, receipt } = await setup()
    try {
      const challenge = createChallenge(AUDIENCE)
      const { text, stapled } = await presentRecord({ record: stored(receipt), holder: customer, challenge, stapleFrom: registry })
      expect(stapled).toBe(true)
      expect(decodePresentation(text).payload.staples).toHaveLength(1)
      const ok = await checkPresentation(text, challenge, memoryNonceStore(), registry)
      expect(ok.errors).toEqual([])
      expect(ok.records[0]?.checks.at(-1)?.detail).toMatch(/^registered at log index \d+, valid \(staple answer/)
      await revoke({ signer: shop, record: receipt, registry, reason: 'superseded' })
      const next = createChallenge(AUDIENCE)
      const after = await presentRecord({ record: stored(receipt), holder: customer, challenge: next, stapleFrom: registry })
      expect((await checkPresentation(after.text, next, memoryNonceStore(), registry)).errors.map((e) => e.code)).toEqual(['ERR_REVOKED'])
    } finally {
      await registry.close()
    }
  })

  it(`refuses a staple older than ${MAX_STATUS_AGE} s, though the registry signed it valid for longer`, async () => {
    const { registry, clock, customer, receipt } = await setup()
    try {
      clock.offset = -(MAX_STATUS_AGE + 60) // the note is signed as of 6 minutes ago, and lives an hour
      const challenge = createChallenge(AUDIENCE)
      const { text, stapled } = await presentRecord({ record: stored(receipt), holder: customer, challenge, stapleFrom: registry })
      expect(stapled).toBe(true)
      clock.offset = 0
      const result = await checkPresentation(text, challenge, memoryNonceStore(), registry)
      expect(result.errors.map((e) => e.code)).toEqual(['ERR_STATUS_STALE'])
    } finally {
      await registry.close()
    }
  })

  it('presents without a staple when the registry cannot be reached, and rethrows anything else', async () => {
    const { registry, customer, receipt } = await setup()
    try {
      const down: RegistryClient = { ...registry, statusNotes: () => Promise.reject(new CounterfoilError('ERR_REGISTRY_UNAVAILABLE', 'down')) }
      const challenge = createChallenge(AUDIENCE)
      const { text, stapled } = await presentRecord({ record: stored(receipt), holder: customer, challenge, stapleFrom: down })
      expect(stapled).toBe(false)
      expect(decodePresentation(text).payload.staples).toBeUndefined()
      expect((await checkPresentation(text, challenge, memoryNonceStore(), registry)).valid).toBe(true)
      const broken: RegistryClient = { ...registry, statusNotes: () => Promise.reject(new TypeError('bug')) }
      await expect(presentRecord({ record: stored(receipt), holder: customer, challenge, stapleFrom: broken })).rejects.toThrow(TypeError)
    } finally {
      await registry.close()
    }
  })
})
