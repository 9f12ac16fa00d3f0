/**
 * `counterfoil/verify`: check records — signatures, validity window, trusted issuers, co-signers,
 * and (when given a registry, a staple or a snapshot) revocation status. Never throws on bad data.
 *
 * @example
 * ```ts
 * import { verify } from 'counterfoil/verify'
 * const { valid, errors } = await verify(text, { trustedIssuers: [shopDid], registry })
 * ```
 * @module
 */
import type { SignedRecord } from './record/envelope.js'
import type { DisclosedRecord } from './record/disclosed-record.js'
import { looksDisclosed } from './record/disclosed-form.js'
import type { VerifyResult } from './record/result.js'
import { verify as verifyRecord, verifyMany as verifyRecords, verifyNowOrLater, type VerifyOptions as RecordVerifyOptions } from './record/verify.js'
import type { ExtraCheck } from './record/verify.js'
import type { StatusOptions } from './registry/status-check.js'
import { wantsStatus } from './registry/status-options.js'

// The registry status code loads only when a status option is given, so verifying records offline
// (the common case in browsers) does not download it.
async function statusHook(options: StatusOptions): Promise<ExtraCheck | undefined> {
  if (!wantsStatus(options)) return undefined
  const { statusCheck } = await import('./registry/status-check.js')
  return statusCheck(options)
}

function isDisclosedObject(input: unknown): boolean {
  return typeof input === 'object' && input !== null && 'disclosures' in input && 'record' in input
}

/** Everything `verify` can check; see the record and status option groups. */
export interface VerifyOptions extends RecordVerifyOptions, StatusOptions {
  /**
   * Succession statements in hand (offline key continuity): a trusted key's successors are trusted
   * too. Without it, successions are read from `registry` (log-ordered, revocation-aware).
   */
  successions?: readonly (Uint8Array | string)[]
  /** Follow succession chains from `trustedIssuers` (list or per-type map). Default true. */
  followSuccessions?: boolean
}

// Key continuity: a trusted key's successors are trusted (docs/guide.md "Key continuity"). The code
// loads only when there is a list or map of trusted issuers and a succession source at hand.
function followsSuccession(options: VerifyOptions): boolean {
  const trusted = options.trustedIssuers
  if (trusted === undefined || typeof trusted === 'function' || options.followSuccessions === false) return false
  return options.successions !== undefined || options.registry?.keyHistory !== undefined
}

async function withSuccession<O extends VerifyOptions>(options: O): Promise<O> {
  const trusted = options.trustedIssuers
  if (!followsSuccession(options) || trusted === undefined || typeof trusted === 'function') return options
  const { trustWithSuccession } = await import('./holder/succession.js')
  return { ...options, trustedIssuers: trustWithSuccession(trusted, options.successions ?? options.registry!) }
}

/**
 * Verifies a signed record: decoding and canonical form, every signature (first, so a forgery is
 * reported as such), the validity window, `trustedIssuers`, `requiredSigners`, and registry status
 * when a `registry`, `staple` or `snapshot` is given. Never throws on bad data.
 *
 * @param input - the record as text (`u…`), bytes, or a decoded record; or a disclosed record
 *   (selective disclosure), whose disclosures are checked too
 * @param options - see {@link VerifyOptions}
 * @returns `{ valid, id, record, checks, errors }`, and `disclosure` for records with disclosable claims
 * @throws {TypeError | RangeError} only for programmer mistakes
 * @example
 * ```ts
 * const result = await verify(text, { trustedIssuers: [shopDid], registry: remoteRegistry(url) })
 * if (!result.valid) console.log(result.errors[0]?.code) // e.g. 'ERR_REVOKED'
 * ```
 */
export function verify(input: SignedRecord | DisclosedRecord | Uint8Array | string, options: VerifyOptions = {}): Promise<VerifyResult> {
  // The common case (no status or succession source, a plain record) runs without an async frame:
  // with a synchronous signature backend the result is ready when the promise is made.
  try {
    if (!wantsStatus(options) && !followsSuccession(options) && !isDisclosed(input)) {
      const checked = verifyNowOrLater(input as SignedRecord | Uint8Array | string, options)
      return checked instanceof Promise ? checked.then(summarised) : summarised(checked)
    }
  } catch (e) {
    return Promise.reject(e)
  }
  return verifyWithSources(input, options)
}

// A disclosed record (selective disclosure, docs/spec.md §11) is told apart by its first bytes or
// its class; its code loads only then, so plain verification does not download it.
function isDisclosed(input: unknown): boolean {
  return typeof input === 'string' || input instanceof Uint8Array ? looksDisclosed(input) : isDisclosedObject(input)
}

/** The result, with the disclosure summary added when the record has disclosable claims. */
function summarised(result: VerifyResult): Promise<VerifyResult> {
  if (result.record?.payload.sd === undefined) return Promise.resolve(result)
  return import('./record/verify-disclosed.js').then(({ withDisclosureSummary }) => withDisclosureSummary(result))
}

async function verifyWithSources(input: SignedRecord | DisclosedRecord | Uint8Array | string, options: VerifyOptions): Promise<VerifyResult> {
  const status = wantsStatus(options) ? await statusHook(options) : undefined
  const opts = followsSuccession(options) ? await withSuccession(options) : options
  if (isDisclosed(input)) {
    const { verifyDisclosed } = await import('./record/verify-disclosed.js')
    return verifyDisclosed(input as DisclosedRecord | Uint8Array | string, opts, status)
  }
  return summarised(await verifyRecord(input as SignedRecord | Uint8Array | string, opts, status))
}

/**
 * Verifies many records with many checks in flight; results in input order.
 *
 * @param inputs - records in any form {@link verify} accepts
 * @param options - {@link VerifyOptions} plus `concurrency` (default 64)
 * @returns one result per input
 * @example
 * ```ts
 * const results = await verifyMany(texts, { trustedIssuers: [shopDid] })
 * ```
 */
export async function verifyMany(inputs: Iterable<SignedRecord | DisclosedRecord | Uint8Array | string>, options: VerifyOptions & { concurrency?: number } = {}): Promise<VerifyResult[]> {
  const items = [...inputs]
  const opts = await withSuccession(options)
  if (!items.some(isDisclosed)) return verifyRecords(items as (SignedRecord | Uint8Array | string)[], opts, await statusHook(options))
  // Disclosed records (rare in bulk) go through verify one by one; the rest keep the fast path.
  const plain = items.filter((i) => !isDisclosed(i)) as (SignedRecord | Uint8Array | string)[]
  const fast = await verifyRecords(plain, opts, await statusHook(options))
  let next = 0
  return Promise.all(items.map((i) => (isDisclosed(i) ? verify(i, opts) : Promise.resolve(fast[next++]!))))
}

export { DEFAULT_CLOCK_SKEW, MAX_CLOCK_SKEW, DEFAULT_CONCURRENCY } from './record/verify.js'
export type { VerifyResult, VerifyError, Check, CheckName } from './record/result.js'
export type { DisclosureSummary } from './record/disclosure.js'
export type { TrustedIssuers } from './record/trust.js'
export type { StatusOptions } from './registry/status-check.js'
export type { ErrorCode } from './errors.js'
