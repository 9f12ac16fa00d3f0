import { verify as nobleCofactoredVerify } from '@noble/ed25519'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Ed25519Backend } from '../../src/keys/interface.js'
import {
  activeBackend,
  probeBackend,
  publicKeyFromSeed,
  selectBackend,
  signEd25519,
  verifyEd25519,
  verifyEd25519Concurrent,
} from '../../src/keys/ed25519.js'
import { BACKENDS, loadAll, type NamedBackend } from './backends.js'

let backends: Record<NamedBackend, Ed25519Backend>
beforeAll(async () => {
  backends = await loadAll()
})

const KEY_SEED = new Uint8Array(32).fill(7)

describe('backend selection', () => {
  it('auto picks libsodium in Node when sodium-native is installed (it passes the probe)', async () => {
    expect((await selectBackend('auto')).name).toBe('sodium')
    expect((await activeBackend()).name).toBe('sodium')
  })

  it('each named backend can be selected', async () => {
    for (const name of BACKENDS) {
      expect((await selectBackend(name)).name).toBe(name)
      expect((await activeBackend()).name).toBe(name)
    }
    await selectBackend('auto')
  })

  it('rejects unknown names', async () => {
    await expect(selectBackend('openssl' as 'node')).rejects.toThrow(TypeError)
  })

  it('every backend passes the conformance probe', async () => {
    for (const name of BACKENDS) expect(await probeBackend(backends[name])).toBe(true)
  })

  it('the probe rejects a cofactored verifier (noble zip215:false) and a throwing one', async () => {
    const cofactored: Ed25519Backend = {
      ...backends.noble,
      verify: async (pk, m, s) => nobleCofactoredVerify(s, m, pk, { zip215: false }),
      verifyConcurrent: async (pk, m, s) => nobleCofactoredVerify(s, m, pk, { zip215: false }),
    }
    expect(await probeBackend(cofactored)).toBe(false)
    const broken: Ed25519Backend = { ...backends.noble, verify: () => Promise.reject(new Error('boom')) }
    expect(await probeBackend(broken)).toBe(false)
  })
})

describe('verifyEd25519 argument handling', () => {
  let pk: Uint8Array
  let sig: Uint8Array
  const msg = new TextEncoder().encode('counterfoil')
  beforeAll(async () => {
    await selectBackend('auto')
    pk = await publicKeyFromSeed(KEY_SEED)
    sig = await signEd25519(KEY_SEED, msg)
  })

  it('verifies a good signature', async () => {
    expect(await verifyEd25519(pk, msg, sig)).toBe(true)
    expect(await verifyEd25519Concurrent(pk, msg, sig)).toBe(true)
  })

  type Args = () => [Uint8Array, Uint8Array, Uint8Array]
  it.each<[string, Args]>([
    ['short key', () => [pk.subarray(1), msg, sig]],
    ['long key', () => [Uint8Array.from([...pk, 0]), msg, sig]],
    ['short signature', () => [pk, msg, sig.subarray(1)]],
    ['long signature', () => [pk, msg, Uint8Array.from([...sig, 0])]],
    ['zero key', () => [new Uint8Array(32), msg, sig]],
    ['zero signature', () => [pk, msg, new Uint8Array(64)]],
    ['all-ones signature', () => [pk, msg, new Uint8Array(64).fill(0xff)]],
    ['all-ones key', () => [new Uint8Array(32).fill(0xff), msg, sig]],
  ])('returns false, never throws, for a %s', async (_, args) => {
    const [a, b, c] = args()
    expect(await verifyEd25519(a, b, c)).toBe(false)
    expect(await verifyEd25519Concurrent(a, b, c)).toBe(false)
  })

  it('throws TypeError for non-Uint8Array arguments', async () => {
    const bad = [undefined, null, 'abc', [1, 2, 3], new ArrayBuffer(32), 42]
    for (const v of bad) {
      await expect(verifyEd25519(v as never, msg, sig)).rejects.toThrow(TypeError)
      await expect(verifyEd25519(pk, v as never, sig)).rejects.toThrow(TypeError)
      await expect(verifyEd25519Concurrent(pk, msg, v as never)).rejects.toThrow(TypeError)
    }
    await expect(verifyEd25519('x' as never, msg, sig)).rejects.toThrow('"publicKey" expected Uint8Array, got type=string')
  })

  it('signEd25519 and publicKeyFromSeed check the seed', async () => {
    await expect(signEd25519(new Uint8Array(31), msg)).rejects.toThrow(RangeError)
    await expect(signEd25519(new Uint8Array(31), msg)).rejects.toThrow('"seed" expected Uint8Array of length 32, got length=31')
    await expect(signEd25519('seed' as never, msg)).rejects.toThrow(TypeError)
    await expect(signEd25519(KEY_SEED, 'msg' as never)).rejects.toThrow(TypeError)
    await expect(publicKeyFromSeed(new Uint8Array(33))).rejects.toThrow(RangeError)
  })

  it('accepts subarray views and does not mutate inputs', async () => {
    const buf = new Uint8Array(200)
    buf.set(pk, 3)
    buf.set(sig, 40)
    buf.set(msg, 110)
    const copy = buf.slice()
    for (const name of BACKENDS) {
      await selectBackend(name)
      expect(await verifyEd25519(buf.subarray(3, 35), buf.subarray(110, 110 + msg.length), buf.subarray(40, 104))).toBe(true)
    }
    expect(buf).toEqual(copy)
    await selectBackend('auto')
  })
})

describe('properties (fast-check), every backend', () => {
  const seedArb = fc.uint8Array({ minLength: 32, maxLength: 32 })
  const msgArb = fc.uint8Array({ maxLength: 300 })

  it('sign → verify is true, all backends derive the same key and signature', async () => {
    await fc.assert(
      fc.asyncProperty(seedArb, msgArb, async (seed, msg) => {
        const pks = await Promise.all(BACKENDS.map((n) => backends[n].publicKey(seed)))
        const sigs = await Promise.all(BACKENDS.map((n) => backends[n].sign(seed, msg)))
        for (const x of pks) expect(x).toEqual(pks[0])
        for (const x of sigs) expect(x).toEqual(sigs[0])
        for (const name of BACKENDS) {
          await selectBackend(name)
          expect(await verifyEd25519(pks[0]!, msg, sigs[0]!)).toBe(true)
          expect(await verifyEd25519Concurrent(pks[0]!, msg, sigs[0]!)).toBe(true)
        }
      }),
      { numRuns: 60 },
    )
    await selectBackend('auto')
  })

  it('flipping any bit of the signature, message or key gives false on every backend', async () => {
    await fc.assert(
      fc.asyncProperty(seedArb, fc.uint8Array({ minLength: 1, maxLength: 100 }), fc.nat(), fc.constantFrom('sig', 'msg', 'pk'), async (seed, msg, bit, what) => {
        const pk = await backends.noble.publicKey(seed)
        const sig = await backends.noble.sign(seed, msg)
        const target = what === 'sig' ? sig.slice() : what === 'msg' ? msg.slice() : pk.slice()
        const i = bit % (target.length * 8)
        target[i >> 3]! ^= 1 << (i & 7)
        const args: [Uint8Array, Uint8Array, Uint8Array] =
          what === 'sig' ? [pk, msg, target] : what === 'msg' ? [pk, target, sig] : [target, msg, sig]
        for (const name of BACKENDS) {
          await selectBackend(name)
          expect(await verifyEd25519(...args)).toBe(false)
          expect(await verifyEd25519Concurrent(...args)).toBe(false)
        }
      }),
      { numRuns: 150 },
    )
    await selectBackend('auto')
  })

  it('backends agree on arbitrary (mostly invalid) inputs', async () => {
    const arb = fc.tuple(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uint8Array({ maxLength: 40 }), fc.uint8Array({ minLength: 64, maxLength: 64 }))
    await fc.assert(
      fc.asyncProperty(arb, async ([pk, msg, sig]) => {
        const answers: boolean[] = []
        for (const name of BACKENDS) {
          await selectBackend(name)
          answers.push(await verifyEd25519(pk, msg, sig))
        }
        expect(new Set(answers).size).toBe(1)
      }),
      { numRuns: 150 },
    )
    await selectBackend('auto')
  })
})
