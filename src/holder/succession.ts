/**
 * Key continuity (docs/spec.md "Succession entries", docs/guide.md "Key continuity"). An issuer — or
 * a holder — rotates keys with a succession statement signed by the OLD key, logged in the registry.
 * A verifier that trusts the old key follows the chain old → new → newer to trust its successors.
 * The log is the clock: a succession logged at or after the old key's `revoke-key` position is void,
 * so whoever steals a key after its revocation cannot hand its trust on.
 */
import { fromBase64url } from '../codec/multibase.js'
import { CounterfoilError, type ErrorCode } from '../errors.js'
import { publicKeyFromDid } from '../keys/did.js'
import type { Signer } from '../keys/interface.js'
import { nowSeconds } from '../record/time.js'
import type { TrustedIssuers } from '../record/trust.js'
import type { Receipt, RegistryClient } from '../registry/client.js'
import { checkEntrySignature, decodeEntry, signEntry, type SuccessionEntry } from '../registry/entries.js'
import { hashLeaf, verifyInclusion } from '../registry/log/merkle.js'
import { noteVerifier } from '../registry/log/note.js'
import { openCheckpoint } from '../registry/log/signed-checkpoint.js'
import { revokeKey } from '../registry/statements.js'

/** Longest succession chain a verifier follows (hops from the trusted key). */
export const MAX_SUCCESSION_HOPS = 8

/** A succession statement whose signature by the old key verified. */
export interface Succession {
  /** The retiring key (did:key); it signed the statement. */
  readonly old: string
  /** The successor (did:key). */
  readonly new: string
  /** Log position from which `new` speaks for `old`. */
  readonly from: number
  /** When it was signed, seconds. */
  readonly at: number
  /** Its log index, when it came from a registry with an inclusion proof. */
  readonly index?: number
  /** The statement's canonical bytes (also its log entry). */
  readonly bytes: Uint8Array
}

function invalid(message: string): CounterfoilError {
  return new CounterfoilError('ERR_SUCCESSION_INVALID', message)
}

function assertSigner(signer: unknown): asserts signer is Signer {
  const s = signer as Partial<Signer> | null
  if (typeof s?.did !== 'string' || typeof s.sign !== 'function') throw new TypeError('"signer" expected a Signer')
}

/**
 * Signs a succession statement with the old key (no registry involved: for offline hand-over, or
 * to submit later). Register it with {@link rotateKey} so verifiers can find it.
 *
 * @param options - `signer`: the old key; `successor`: the new did:key; `from`: log position (default 0)
 * @returns the statement's canonical bytes
 * @throws {CounterfoilError} `ERR_INVALID_DID` for a bad successor, `ERR_MALFORMED` if it names itself
 * @example
 * ```ts
 * const statement = await signSuccession({ signer: oldKey, successor: newKey.did })
 * ```
 */
export async function signSuccession(options: { signer: Signer; successor: string; from?: number; at?: number }): Promise<Uint8Array> {
  assertSigner(options.signer)
  publicKeyFromDid(options.successor)
  const fields = { t: 'succession' as const, old: options.signer.did, new: options.successor, from: options.from ?? 0, at: options.at ?? nowSeconds() }
  const bytes = await signEntry<SuccessionEntry>(fields, options.signer)
  decodeEntry(bytes) // the same rules a registry applies: never hand out what it would refuse
  return bytes
}

/**
 * Decodes a succession statement and checks it is signed by its old key (RFC 8032 strict).
 *
 * @param input - the statement's bytes or `u…` text
 * @returns the verified {@link Succession}
 * @throws {CounterfoilError} `ERR_SUCCESSION_INVALID` (not a succession, or not signed by the old key), `ERR_MALFORMED`
 * @example
 * ```ts
 * const { old, new: successor } = await openSuccession(statement)
 * ```
 */
export async function openSuccession(input: Uint8Array | string): Promise<Succession> {
  const bytes = typeof input === 'string' ? fromBase64url(input) : input
  if (!(bytes instanceof Uint8Array)) throw new TypeError('"input" expected Uint8Array or string')
  const entry = decodeEntry(bytes)
  if (entry.t !== 'succession') throw invalid(`expected a succession statement, got a "${entry.t}" entry`)
  if (!(await checkEntrySignature(entry, publicKeyFromDid(entry.old)))) throw invalid(`succession ${entry.old} → ${entry.new} is not signed by the old key`)
  return { old: entry.old, new: entry.new, from: entry.from, at: entry.at, bytes }
}

/** What {@link rotateKey} needs. */
export interface RotateKeyOptions {
  /** The old key: signs the succession (and, with `retire`, its own revocation). */
  readonly signer: Signer
  /** The new key's did:key. */
  readonly successor: string
  readonly registry: RegistryClient
  /**
   * Also submit `revoke-key` for the old key right after the succession: records registered later
   * under the old key fail with `ERR_KEY_REVOKED`; earlier ones keep verifying. Default false.
   */
  readonly retire?: boolean
}

async function logSize(registry: RegistryClient): Promise<number> {
  const key = await registry.key()
  const opened = await openCheckpoint(await registry.checkpoint(), [noteVerifier(registry.origin, publicKeyFromDid(key))], { origin: registry.origin })
  return opened.checkpoint.size
}

/**
 * Rotates a key through the registry: logs a succession statement signed by the old key, from the
 * current log size on; with `retire`, then revokes the old key from the position after it.
 *
 * @param options - see {@link RotateKeyOptions}
 * @returns the succession's receipt, and the revocation's with `retire`
 * @throws {CounterfoilError} `ERR_CONFLICT` (the old key already has a successor), `ERR_SUCCESSION_LOOP`,
 *   `ERR_KEY_REVOKED` (the old key is already revoked), registry errors
 * @example
 * ```ts
 * const { succession } = await rotateKey({ signer: oldShopKey, successor: newShopKey.did, registry, retire: true })
 * ```
 */
export async function rotateKey(options: RotateKeyOptions): Promise<{ succession: Receipt; revocation?: Receipt }> {
  assertSigner(options.signer)
  if (typeof options.registry?.submit !== 'function') throw new TypeError('"registry" expected a registry client')
  const from = await logSize(options.registry)
  const statement = await signSuccession({ signer: options.signer, successor: options.successor, from })
  const succession = await options.registry.submit(statement)
  if (options.retire !== true) return { succession }
  const revocation = await revokeKey({ signer: options.signer, registry: options.registry, from: succession.index + 1 })
  return { succession, revocation }
}

/** Where a verifier learns successions: a registry (log-ordered, revocation-aware) or statements in hand. */
export type SuccessionSource = RegistryClient | readonly (Uint8Array | string)[]

interface KeyFacts {
  readonly successor?: Succession
  readonly revokedFrom?: number
}

/** Reads what the registry logged about `did` and proves every entry used is in its signed log. */
async function registryFacts(registry: RegistryClient, did: string, tree: { size: number; root: Uint8Array } | undefined): Promise<{ facts: KeyFacts; tree: { size: number; root: Uint8Array } }> {
  if (registry.keyHistory === undefined) throw invalid('this registry client cannot list key histories')
  if (tree === undefined) {
    const key = await registry.key()
    const opened = await openCheckpoint(await registry.checkpoint(), [noteVerifier(registry.origin, publicKeyFromDid(key))], { origin: registry.origin })
    tree = { size: opened.checkpoint.size, root: opened.checkpoint.rootHash }
  }
  const proven = tree
  let successor: Succession | undefined
  let revokedFrom: number | undefined
  for (const { index, entry: bytes } of await registry.keyHistory(did)) {
    if (index >= proven.size) continue // logged after the checkpoint we hold
    const entry = decodeEntry(bytes)
    const about = entry.t === 'succession' ? entry.old : entry.t === 'revoke-key' ? entry.key : undefined
    if (about !== did) throw invalid(`registry listed an unrelated entry at ${index} for ${did}`)
    if (!verifyInclusion(hashLeaf(bytes), index, proven.size, await registry.inclusionProof(index, proven.size), proven.root)) {
      throw new CounterfoilError('ERR_PROOF_INVALID', `log entry ${index} is not in the registry's signed log`)
    }
    if (!(await checkEntrySignature(entry, publicKeyFromDid(did)))) throw invalid(`log entry ${index} is not signed by ${did}`)
    if (entry.t === 'revoke-key') revokedFrom ??= entry.from
    else if (entry.t === 'succession') successor ??= { old: entry.old, new: entry.new, from: entry.from, at: entry.at, index, bytes }
  }
  // A succession logged at or after the old key's revocation point is void: the log is the clock.
  if (successor !== undefined && revokedFrom !== undefined && successor.index! >= revokedFrom) successor = undefined
  return { facts: { ...(successor === undefined ? {} : { successor }), ...(revokedFrom === undefined ? {} : { revokedFrom }) }, tree: proven }
}

/** What {@link followSuccession} found. */
export interface SuccessionPath {
  /** True when `to` is `from` or one of its successors. */
  readonly found: boolean
  /** The keys walked, `from` first; ends at `to` when found. */
  readonly chain: readonly string[]
  /** Why the walk stopped early, if it did (`ERR_SUCCESSION_LOOP`, `ERR_SUCCESSION_INVALID`, registry errors). */
  readonly error?: { readonly code: ErrorCode; readonly message: string }
}

/**
 * Walks the succession chain from a trusted key towards `to`, at most {@link MAX_SUCCESSION_HOPS}
 * hops, refusing loops. Each key has at most one successor: the first one logged (registry) or the
 * only one given (statements; two different successors for one key are refused as invalid).
 * Never throws on bad data: problems come back in `error`.
 *
 * @param options - `from`: a trusted did:key; `to`: the key to reach; `source`: a registry or statements
 * @returns the {@link SuccessionPath}
 * @example
 * ```ts
 * const path = await followSuccession({ from: oldShopDid, to: record.payload.iss, source: registry })
 * if (path.found) console.log(path.chain.join(' → '))
 * ```
 */
export async function followSuccession(options: { from: string; to: string; source: SuccessionSource; maxHops?: number }): Promise<SuccessionPath> {
  const { from, to, source } = options
  const maxHops = options.maxHops ?? MAX_SUCCESSION_HOPS
  if (!Number.isSafeInteger(maxHops) || maxHops < 0) throw new RangeError(`"maxHops" expected a non-negative integer, got ${maxHops}`)
  const chain = [from]
  if (from === to) return { found: true, chain }
  try {
    let next: (did: string) => Promise<Succession | undefined>
    if (Array.isArray(source)) {
      const byOld = new Map<string, Succession>()
      for (const s of await Promise.all((source as readonly (Uint8Array | string)[]).map((b) => openSuccession(b)))) {
        const prior = byOld.get(s.old)
        if (prior !== undefined && prior.new !== s.new) throw invalid(`${s.old} names two successors (${prior.new}, ${s.new})`)
        byOld.set(s.old, s)
      }
      next = async (did) => byOld.get(did)
    } else {
      const registry = source as RegistryClient
      let tree: { size: number; root: Uint8Array } | undefined
      next = async (did) => {
        const read = await registryFacts(registry, did, tree)
        tree = read.tree
        return read.facts.successor
      }
    }
    const seen = new Set(chain)
    for (let hop = 0; hop < maxHops; hop++) {
      const s = await next(chain[chain.length - 1]!)
      if (s === undefined) return { found: false, chain }
      if (seen.has(s.new)) {
        return { found: false, chain, error: { code: 'ERR_SUCCESSION_LOOP', message: `succession loop: ${s.old} → ${s.new} returns to a key already in the chain` } }
      }
      chain.push(s.new)
      seen.add(s.new)
      if (s.new === to) return { found: true, chain }
    }
    return { found: false, chain, error: { code: 'ERR_SUCCESSION_INVALID', message: `succession chain longer than ${maxHops} hops` } }
  } catch (e) {
    if (!(e instanceof CounterfoilError)) throw e
    return { found: false, chain, error: { code: e.code, message: e.message } }
  }
}

function rootsFor(trusted: Exclude<TrustedIssuers, (issuer: string, type: string) => unknown>, type: string): string[] {
  if (Array.isArray(trusted)) return [...(trusted as readonly string[])]
  const byType = trusted as Readonly<Record<string, readonly string[]>>
  const own = (k: string): readonly string[] => (Object.prototype.hasOwnProperty.call(byType, k) ? byType[k]! : [])
  return [...own(type), ...own('*')]
}

/**
 * A {@link TrustedIssuers} policy that also trusts every successor of a trusted key. A function
 * policy is returned unchanged (its keys cannot be listed); walk chains yourself with
 * {@link followSuccession} there.
 *
 * @param trusted - the verifier's list or per-type map
 * @param source - where successions come from
 * @returns a policy `verify` can use
 * @example
 * ```ts
 * await verify(record, { trustedIssuers: trustWithSuccession([oldShopDid], registry) })
 * ```
 */
export function trustWithSuccession(trusted: TrustedIssuers, source: SuccessionSource): TrustedIssuers {
  if (typeof trusted === 'function') return trusted
  // One walk per (root, issuer) for the life of this policy: verifyMany over many records of a
  // successor key reads the registry once, not once per record.
  const walks = new Map<string, Promise<boolean>>()
  const reaches = (root: string, issuer: string): Promise<boolean> => {
    const k = `${root} ${issuer}`
    let walk = walks.get(k)
    if (walk === undefined) walks.set(k, (walk = followSuccession({ from: root, to: issuer, source }).then((p) => p.found)))
    return walk
  }
  return async (issuer, type) => {
    const roots = rootsFor(trusted, type) // the same keys isTrustedIssuer accepts for this type
    if (roots.includes(issuer)) return true
    for (const root of roots) {
      if (await reaches(root, issuer)) return true
    }
    return false
  }
}
