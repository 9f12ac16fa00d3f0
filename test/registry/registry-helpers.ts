// Shared fixtures for the registry core behaviour tests (registry.test.ts, status.test.ts).
import { expect } from 'vitest'
import { CounterfoilError, type ErrorCode } from '../../src/errors.js'
import type { Signer } from '../../src/keys/interface.js'
import { signerFromSeed } from '../../src/keys/signer.js'
import type { SignedRecord } from '../../src/record/envelope.js'
import { issue } from '../../src/record/issue.js'
import { deriveRevocationKey } from '../../src/record/revocation-key.js'
import type { Receipt } from '../../src/registry/client.js'
import { commitmentOf, signEntry, type RegEntry, type StatusEntry } from '../../src/registry/entries.js'
import { hashLeaf, verifyInclusion } from '../../src/registry/log/merkle.js'
import { noteVerifier } from '../../src/registry/log/note.js'
import { openCheckpoint } from '../../src/registry/log/signed-checkpoint.js'
import type { Checkpoint } from '../../src/registry/log/checkpoint.js'
import { createRegistry, type Registry, type RegistryOptions } from '../../src/registry/registry.js'
import { memoryStore } from '../../src/registry/store/memory.js'

export const ORIGIN = 'registry.example/log'
export const T0 = 1_767_225_600

/** Deterministic identity: seed = 32 × n. */
export function party(n: number): Promise<Signer> {
  return signerFromSeed(new Uint8Array(32).fill(n))
}

export interface Fixture {
  readonly registry: Registry
  readonly registryKey: Signer
  /** Opens (and verifies) a checkpoint note of this registry. */
  openCp(note: string): Promise<Checkpoint>
  /** Asserts a receipt's inclusion proof verifies against its own signed checkpoint. */
  checkReceipt(receipt: Receipt, bytes?: Uint8Array): Promise<Checkpoint>
}

export async function fixture(options: Partial<RegistryOptions> = {}): Promise<Fixture> {
  const registryKey = await party(0xaa)
  const registry = await createRegistry({ store: memoryStore(), signer: registryKey, origin: ORIGIN, ...options })
  const openCp = async (note: string): Promise<Checkpoint> =>
    (await openCheckpoint(note, [noteVerifier(ORIGIN, registryKey.publicKey)], { origin: ORIGIN })).checkpoint
  return {
    registry,
    registryKey,
    openCp,
    async checkReceipt(receipt, bytes) {
      const cp = await openCp(receipt.checkpoint)
      expect(receipt.index).toBeLessThan(cp.size)
      expect(verifyInclusion(receipt.leafHash, receipt.index, cp.size, receipt.inclusionPath, cp.rootHash)).toBe(true)
      expect(hashLeaf(await registry.entry(receipt.index))).toEqual(receipt.leafHash)
      if (bytes !== undefined) expect(receipt.leafHash).toEqual(hashLeaf(bytes))
      return cp
    },
  }
}

/** A revocable record from `issuer` to `subject`, optionally with a holder withdrawal key. */
export function revocableRecord(issuer: Signer, subject: Signer, holderKey?: Uint8Array): Promise<SignedRecord> {
  return issue({
    signer: issuer, subject: subject.did, type: 'consent', claims: { purpose: 'newsletter' }, issuedAt: T0,
    registry: 'https://registry.example', ...(holderKey === undefined ? {} : { holderKey }),
  })
}

/** The issuer's revocation seed for a record (what `register`/`revoke` re-derive). */
export async function revocationSeed(issuer: Signer, record: SignedRecord): Promise<Uint8Array> {
  return (await deriveRevocationKey(issuer, record.payload.salt)).seed
}

/** A `reg` entry for `record`, signed with `seed` (the issuer's, or anybody's for front-running). */
export async function regEntry(record: SignedRecord, seed: Uint8Array, rev: RegEntry['rev'], at = T0): Promise<Uint8Array> {
  return signEntry<RegEntry>({ t: 'reg', c: commitmentOf(record.cid), rev, at }, seed)
}

/** A status entry signed by `key` (seed or signer). */
export function statusEntry(fields: Omit<StatusEntry, 'sig'>, key: Uint8Array | Signer): Promise<Uint8Array> {
  return signEntry<StatusEntry>(fields, key)
}

/** Asserts a promise rejects with a CounterfoilError of `code` (codes, never message text). */
export async function rejectsWith(promise: Promise<unknown>, code: ErrorCode): Promise<CounterfoilError> {
  const error = await promise.then(
    () => { throw new Error(`expected ${code}, but it resolved`) },
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(CounterfoilError)
  expect((error as CounterfoilError).code).toBe(code)
  return error as CounterfoilError
}
