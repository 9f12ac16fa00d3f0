import { beforeAll, describe, expect, it } from 'vitest'
import vectors from '../vectors/rfc8032/ed25519.json' with { type: 'json' }
import { publicKeyFromSeed, selectBackend, signEd25519, verifyEd25519, verifyEd25519Concurrent } from '../../src/keys/ed25519.js'
import { BACKENDS, hex, toHex } from './backends.js'

describe.each(BACKENDS)('RFC 8032 §7.1 vectors on the %s backend', (name) => {
  beforeAll(async () => {
    await selectBackend(name)
  })

  it.each(vectors.map((v) => [v.name, v] as const))('%s', async (_, v) => {
    const seed = hex(v.secretKey)
    const message = hex(v.message)
    expect(toHex(await publicKeyFromSeed(seed))).toBe(v.publicKey)
    expect(toHex(await signEd25519(seed, message))).toBe(v.signature)
    expect(await verifyEd25519(hex(v.publicKey), message, hex(v.signature))).toBe(true)
    expect(await verifyEd25519Concurrent(hex(v.publicKey), message, hex(v.signature))).toBe(true)
    // wrong message
    const other = message.length === 0 ? Uint8Array.of(0) : message.slice(1)
    expect(await verifyEd25519(hex(v.publicKey), other, hex(v.signature))).toBe(false)
  })
})
