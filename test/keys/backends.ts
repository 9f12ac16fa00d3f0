// Shared helpers for the keys tests: hex, and every backend Node has, by name (sodium through the
// sodium-native devDependency).
import type { Ed25519Backend } from '../../src/keys/interface.js'
import { selectBackend } from '../../src/keys/ed25519.js'

export const BACKENDS = ['node', 'sodium', 'webcrypto', 'noble'] as const
export type NamedBackend = (typeof BACKENDS)[number]

export function hex(s: string): Uint8Array {
  if (s.length % 2 !== 0) throw new Error('odd hex')
  const out = new Uint8Array(s.length / 2)
  for (let i = 0; i < out.length; i++) out[i] = parseInt(s.slice(2 * i, 2 * i + 2), 16)
  return out
}

export function toHex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')
}

/** Loads every backend (without making any of them active). */
export async function loadAll(): Promise<Record<NamedBackend, Ed25519Backend>> {
  const out = {} as Record<NamedBackend, Ed25519Backend>
  for (const name of BACKENDS) out[name] = await selectBackend(name)
  await selectBackend('auto')
  return out
}
