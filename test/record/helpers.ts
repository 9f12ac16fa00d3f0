import { signerFromSeed } from '../../src/keys/signer.js'
import type { Signer } from '../../src/keys/interface.js'

/** Deterministic test identities: seed = 32 × n. */
export async function party(n: number): Promise<Signer> {
  return signerFromSeed(new Uint8Array(32).fill(n))
}

/** 2026-01-01T00:00:00Z in seconds. */
export const T0 = 1_767_225_600
