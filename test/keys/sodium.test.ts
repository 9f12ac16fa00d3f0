// The libsodium backend (src/node/sodium.ts): a libsodium "yes" is final, a "no" goes to OpenSSL,
// and without sodium-native there is no such backend. Agreement on the speccheck cases and random
// inputs is tested with every backend in speccheck.test.ts and ed25519.test.ts.
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import cases from '../vectors/speccheck/cases.json' with { type: 'json' }
import type { Ed25519Backend } from '../../src/keys/interface.js'
import { nodeBackend } from '../../src/node/platform.js'
import { sodiumBackend } from '../../src/node/sodium.js'
import { hex } from './backends.js'

/** libsodium itself (a devDependency; it ships no types, and one function is all this needs). */
const sodiumNative = createRequire(import.meta.url)('sodium-native') as {
  crypto_sign_verify_detached(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean
}
const openssl = nodeBackend()
const seed = new Uint8Array(32).fill(9)
const message = new TextEncoder().encode('a purchase, as signing input')

/** The node backend, counting the verifications it is asked for. */
function countingOpenssl(): { backend: Ed25519Backend; calls: () => number } {
  let calls = 0
  const verifySync = (pk: Uint8Array, m: Uint8Array, s: Uint8Array): boolean => {
    calls++
    return openssl.verifySync!(pk, m, s)
  }
  return { backend: { ...openssl, verifySync }, calls: () => calls }
}

describe('sodium backend', () => {
  it('answers a valid signature with libsodium alone, and asks OpenSSL about a forged one', async () => {
    const { backend: counted, calls } = countingOpenssl()
    const sodium = (await sodiumBackend(counted))!
    expect(sodium.name).toBe('sodium')
    const publicKey = await openssl.publicKey(seed)
    const signature = await openssl.sign(seed, message)
    expect(sodium.verifySync!(publicKey, message, signature)).toBe(true)
    expect(await sodium.verify(publicKey, message, signature)).toBe(true)
    expect(calls()).toBe(0)
    const forged = signature.slice()
    forged[5]! ^= 1
    expect(sodium.verifySync!(publicKey, message, forged)).toBe(false)
    expect(calls()).toBe(1)
  })

  it('accepts speccheck case 2 (small-order R) that libsodium alone rejects, as the strict rule does', async () => {
    const c = cases[2]!
    const [pk, msg, sig] = [hex(c.pub_key), hex(c.message), hex(c.signature)]
    expect(sodiumNative.crypto_sign_verify_detached(sig, msg, pk)).toBe(false)
    expect(openssl.verifySync!(pk, msg, sig)).toBe(true)
    expect((await sodiumBackend(openssl))!.verifySync!(pk, msg, sig)).toBe(true)
  })

  it('leaves every rejection to OpenSSL: a libsodium that says no, or throws, changes no answer', async () => {
    const publicKey = await openssl.publicKey(seed)
    const signature = await openssl.sign(seed, message)
    const forged = signature.slice()
    forged[40]! ^= 0x10
    for (const fake of [
      { crypto_sign_verify_detached: () => false },
      { crypto_sign_verify_detached: () => { throw new Error('bad buffer') } },
    ]) {
      const sodium = (await sodiumBackend(openssl, async () => fake))!
      expect(sodium.verifySync!(publicKey, message, signature)).toBe(true)
      expect(sodium.verifySync!(publicKey, message, forged)).toBe(false)
    }
  })

  it('signs, derives keys and verifies in flight through node:crypto', async () => {
    const sodium = (await sodiumBackend(openssl))!
    const publicKey = await sodium.publicKey(seed)
    expect(publicKey).toEqual(await openssl.publicKey(seed))
    const signature = await sodium.sign(seed, message)
    expect(signature).toEqual(await openssl.sign(seed, message))
    expect(await sodium.verifyConcurrent(publicKey, message, signature)).toBe(true)
    const answer = await new Promise<boolean>((resolve) => sodium.verifyCallback!(publicKey, message, signature, resolve))
    expect(answer).toBe(true)
  })

  it('is absent when sodium-native is missing or is not what it should be', async () => {
    const missing = Object.assign(new Error("Cannot find package 'sodium-native'"), { code: 'ERR_MODULE_NOT_FOUND' })
    expect(await sodiumBackend(openssl, () => Promise.reject(missing))).toBeUndefined()
    expect(await sodiumBackend(openssl, async () => ({}))).toBeUndefined()
    expect(await sodiumBackend(openssl, async () => ({ default: { crypto_sign_verify_detached: 'no' } }))).toBeUndefined()
    expect(await sodiumBackend(openssl, async () => null)).toBeUndefined()
    // without a synchronous OpenSSL to decide rejections there is nothing to build on
    const { verifySync: _, ...asyncOnly } = openssl
    expect(await sodiumBackend(asyncOnly as Ed25519Backend)).toBeUndefined()
  })
})
