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
import type { VerifyResult } from './record/result.js'
import { verify as verifyRecord, verifyMany as verifyRecords, type VerifyOptions as RecordVerifyOptions } from './record/verify.js'
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

/** Everything `verify` can check; see the record and status option groups. */
export interface VerifyOptions extends RecordVerifyOptions, StatusOptions {}

/**
 * Verifies a signed record: decoding and canonical form, every signature (first, so a forgery is
 * reported as such), the validity window, `trustedIssuers`, `requiredSigners`, and registry status
 * when a `registry`, `staple` or `snapshot` is given. Never throws on bad data.
 *
 * @param input - the record as text (`u…`), bytes, or a decoded record
 * @param options - see {@link VerifyOptions}
 * @returns `{ valid, id, record, checks, errors }`
 * @throws {TypeError | RangeError} only for programmer mistakes
 * @example
 * ```ts
 * const result = await verify(text, { trustedIssuers: [shopDid], registry: remoteRegistry(url) })
 * if (!result.valid) console.log(result.errors[0]?.code) // e.g. 'ERR_REVOKED'
 * ```
 */
export async function verify(input: SignedRecord | Uint8Array | string, options: VerifyOptions = {}): Promise<VerifyResult> {
  return verifyRecord(input, options, wantsStatus(options) ? await statusHook(options) : undefined)
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
export async function verifyMany(inputs: Iterable<SignedRecord | Uint8Array | string>, options: VerifyOptions & { concurrency?: number } = {}): Promise<VerifyResult[]> {
  return verifyRecords(inputs, options, await statusHook(options))
}

export { DEFAULT_CLOCK_SKEW, MAX_CLOCK_SKEW, DEFAULT_CONCURRENCY } from './record/verify.js'
export type { VerifyResult, VerifyError, Check, CheckName } from './record/result.js'
export type { TrustedIssuers } from './record/trust.js'
export type { StatusOptions } from './registry/status-check.js'
export type { ErrorCode } from './errors.js'
