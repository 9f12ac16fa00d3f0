/**
 * What the wallet shows a verifier, and how the verifier checks it: a presentation from
 * `counterfoil/holder` (spec §12), signed by the holder's key for one challenge, optionally with the
 * registry's latest status note stapled so the verifier need not ask the registry.
 */
import { decodeRecord, type SignedRecord } from 'counterfoil'
import { CounterfoilError } from 'counterfoil/errors'
import { present, verifyPresentation, type NonceStore, type PresentationResult } from 'counterfoil/holder'
import type { Signer } from 'counterfoil/keys'
import { commitmentOf, openStatusNote, type RegistryClient } from 'counterfoil/registry'
import type { Challenge } from './challenge.js'
import type { StoredRecord } from './idb.js'

/**
 * The registry's current status note for `record`, to staple: among the notes for its commitment,
 * the one about its own registration (same revocation key), else the first.
 *
 * @param record - the record
 * @param registry - the registry it is registered at
 * @returns the signed status note, or undefined when the registry sent none
 * @throws {CounterfoilError} when the registry is unreachable or a note does not open
 * @example
 * ```ts
 * const staple = await latestStatusNote(record, registry.client)
 * ```
 */
export async function latestStatusNote(record: SignedRecord, registry: RegistryClient): Promise<Uint8Array | undefined> {
  const notes = await registry.statusNotes(commitmentOf(record.cid), record.payload.iss)
  const trusted = [await registry.key()]
  const mine = record.payload.rev?.issuer
  for (const note of notes) {
    const { status } = await openStatusNote(note, trusted, 'staple')
    const key = status.revocationKey
    if (mine !== undefined && key !== undefined && key.length === mine.length && key.every((b, i) => b === mine[i])) return note
  }
  return notes[0]
}

/** What the wallet needs to present one record. */
export interface PresentRecordOptions {
  /** The stored record to show. */
  readonly record: StoredRecord
  /** The holder's signer (its did:key is the record's `sub`). */
  readonly holder: Signer
  /** The verifier's challenge. */
  readonly challenge: Challenge
  /** When given, the record's latest status note is fetched here and stapled. */
  readonly stapleFrom?: RegistryClient
}

/**
 * Signs a presentation of one record for one challenge.
 *
 * @param options - see {@link PresentRecordOptions}
 * @returns the presentation's text form (`u…`) and whether a status note is stapled (not when the
 *   registry could not be reached: the verifier then asks it)
 * @throws {CounterfoilError} `ERR_SIGNER_FAILED`
 * @example
 * ```ts
 * const { text } = await presentRecord({ record: stored, holder: holder.signer, challenge: parseChallenge(pasted) })
 * ```
 */
export async function presentRecord(options: PresentRecordOptions): Promise<{ text: string; stapled: boolean }> {
  const record = decodeRecord(options.record.text)
  let staple: Uint8Array | undefined
  try {
    staple = options.stapleFrom === undefined ? undefined : await latestStatusNote(record, options.stapleFrom)
  } catch (e) {
    // An offline wallet still presents: without a staple, the verifier asks the registry itself.
    if (!(e instanceof CounterfoilError)) throw e
  }
  const presentation = await present({
    holder: options.holder,
    records: [record],
    audience: options.challenge.audience,
    nonce: options.challenge.nonce,
    ...(staple === undefined ? {} : { staples: [staple] }),
  })
  return { text: presentation.toString(), stapled: staple !== undefined }
}

/**
 * Oldest status answer the verifier accepts, seconds: a registry note lives an hour by default, so
 * without this a customer could staple a note fetched before a revocation for up to an hour.
 */
export const MAX_STATUS_AGE = 300

/**
 * Checks a presentation against the challenge this verifier made: holder signature, audience,
 * nonce, freshness, replay (the nonce store), holder = subject, then the record with its status
 * (from the staple when the registry signed it, else asked of the registry), made at most
 * {@link MAX_STATUS_AGE} seconds ago. Never throws on bad text.
 *
 * @param text - what the wallet handed over
 * @param challenge - the challenge this page made (never one read from the presentation)
 * @param nonceStore - where this verifier remembers used nonces
 * @param registry - the registry trusted for status (its key also vouches for staples)
 * @returns the presentation result, one record result inside
 * @example
 * ```ts
 * const result = await checkPresentation(text, challenge, nonceStore, registry.client)
 * ```
 */
export function checkPresentation(text: string, challenge: Challenge, nonceStore: NonceStore, registry: RegistryClient): Promise<PresentationResult> {
  return verifyPresentation(text.trim(), { audience: challenge.audience, nonce: challenge.nonce, nonceStore, registry, maxStatusAge: MAX_STATUS_AGE })
}
