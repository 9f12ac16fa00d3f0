import type { Signer } from '../keys/interface.js'

/** What the registry hands back when an entry is in the log. */
export interface Receipt {
  /** The entry's log index. */
  readonly index: number
  /** RFC 9162 leaf hash of the entry. */
  readonly leafHash: Uint8Array
  /** The signed checkpoint (C2SP note) covering the entry. */
  readonly checkpoint: string
  /** Inclusion proof of `index` in the checkpoint's tree. */
  readonly inclusionPath: readonly Uint8Array[]
  /** The entry's bytes as logged (for a duplicate: the entry already there). */
  readonly entry: Uint8Array
  /** True when the entry was already in the log (submitting it again changes nothing). */
  readonly duplicate: boolean
}

/** How a submission proves who sent it (private registries with an issuer allow-list). */
export interface SubmitOptions {
  /** Signs `"counterfoil/v1/submission" 0x00 ‖ entry`; must be on the registry's allow-list. */
  readonly submitter?: Signer
}

/**
 * What `verify`, `revoke` and friends need from a registry. The embedded registry
 * (`createRegistry`) and the HTTP client (`remoteRegistry`) both implement it.
 */
export interface RegistryClient {
  /** The log origin (checkpoint first line), e.g. `registry.example/log`. */
  readonly origin: string
  /** The registry's signing key, as did:key. */
  key(): Promise<string>
  /** Appends a signed log entry; resolves once a signed checkpoint covers it. */
  submit(entry: Uint8Array, options?: SubmitOptions): Promise<Receipt>
  /** The latest signed checkpoint note. */
  checkpoint(): Promise<string>
  /** Signed status notes for every registration of this commitment (one "unregistered" note if none). */
  statusNotes(commitment: Uint8Array, issuer?: string): Promise<Uint8Array[]>
  /** A signed, padded bucket of every registration whose commitment starts with `prefix`. */
  bucket(prefix: Uint8Array): Promise<Uint8Array>
  /** A signed status snapshot of the whole log. */
  snapshot(): Promise<Uint8Array>
  /**
   * Log entries about a key (`revoke-key` and `succession` entries naming it as the old key), in
   * log order. Optional so older clients still type-check; `verify` follows successions only
   * through a client that has it. Check each entry with an inclusion proof before relying on it.
   */
  keyHistory?(did: string): Promise<{ readonly index: number; readonly entry: Uint8Array }[]>
  /** The raw bytes of log entry `index`. */
  entry(index: number): Promise<Uint8Array>
  /** Inclusion proof of `index` in the tree of size `size`. */
  inclusionProof(index: number, size: number): Promise<Uint8Array[]>
  /** Consistency proof between tree sizes `first` and `second`. */
  consistencyProof(first: number, second: number): Promise<Uint8Array[]>
}
