// If a native backend disagrees with the strict rule, `auto` must pass it over: libsodium for
// node:crypto, the platform's for noble.
import { verify as nobleCofactoredVerify } from '@noble/ed25519'
import { expect, it, vi } from 'vitest'
import type { Ed25519Backend } from '../../src/keys/interface.js'

/** A backend that accepts what only a cofactored verifier accepts: it fails the probe. */
function cofactoredBackend(name: Ed25519Backend['name']): Ed25519Backend {
  const cofactored = async (pk: Uint8Array, m: Uint8Array, s: Uint8Array) => nobleCofactoredVerify(s, m, pk, { zip215: false })
  return {
    name,
    verify: cofactored,
    verifyConcurrent: cofactored,
    sign: () => Promise.reject(new Error('not used')),
    publicKey: () => Promise.reject(new Error('not used')),
  }
}

vi.mock('#ed25519-platform', () => ({ platformBackend: async () => cofactoredBackend('webcrypto'), sodiumBackend: async () => undefined }))

it('auto falls back to noble when the platform backend fails the probe', async () => {
  const { activeBackend, verifyEd25519 } = await import('../../src/keys/ed25519.js')
  expect((await activeBackend()).name).toBe('noble')
  // speccheck case 4 (cofactored-only) is rejected through the fallback
  const h = (s: string) => Uint8Array.from(s.match(/../g)!.map((x) => parseInt(x, 16)))
  expect(
    await verifyEd25519(
      h('cdb267ce40c5cd45306fa5d2f29731459387dbf9eb933b7bd5aed9a765b88d4d'),
      h('e47d62c63f830dc7a6851a0b1f33ae4bb2f507fb6cffec4011eaccd55b53f56c'),
      h('160a1cb0dc9c0258cd0a7d23e94d8fa878bcb1925f2c64246b2dee1796bed5125ec6bc982a269b723e0668e540911a9a6a58921d6925e434ab10aa7940551a09'),
    ),
  ).toBe(false)
})

it('auto falls back to noble when there is no platform backend', async () => {
  vi.resetModules()
  vi.doMock('#ed25519-platform', () => ({ platformBackend: async () => undefined, sodiumBackend: async () => undefined }))
  const { activeBackend } = await import('../../src/keys/ed25519.js')
  expect((await activeBackend()).name).toBe('noble')
})

it('auto passes over a sodium backend that fails the probe and takes node:crypto', async () => {
  vi.resetModules()
  vi.doMock('#ed25519-platform', async () => {
    const real = await import('../../src/node/platform.js')
    return { platformBackend: real.platformBackend, sodiumBackend: async () => cofactoredBackend('sodium') }
  })
  const { activeBackend } = await import('../../src/keys/ed25519.js')
  expect((await activeBackend()).name).toBe('node')
})
