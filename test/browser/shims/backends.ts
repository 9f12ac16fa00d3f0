// test/keys/backends.ts for the browser: the same helpers over the backends a browser has (Web
// Crypto and noble). The browser config aliases `./backends.js` in test/keys to this file.
import type { Ed25519Backend } from '../../../src/keys/interface.js'
import { selectBackend } from '../../../src/keys/ed25519.js'

export { hex, toHex } from '../../keys/backends.js'

export const BACKENDS = ['webcrypto', 'noble'] as const
export type NamedBackend = (typeof BACKENDS)[number]

/** Loads both browser backends (without making either of them active). */
export async function loadAll(): Promise<Record<NamedBackend, Ed25519Backend>> {
  const out = {} as Record<NamedBackend, Ed25519Backend>
  for (const name of BACKENDS) out[name] = await selectBackend(name)
  await selectBackend('auto')
  return out
}
