import type { ErrorCode } from '../errors.js'
import type { SignedRecord } from './envelope.js'
import type { DisclosureSummary } from './disclosure.js'

/** The checks `verify` can run, in the order it runs them. */
export type CheckName = 'decode' | 'signatures' | 'validity' | 'issuer' | 'signers' | 'status'
  // selective disclosure and presentations (src/holder)
  | 'disclosure' | 'audience' | 'nonce' | 'freshness' | 'replay' | 'holder' | 'records'

/** One check that ran, and how it went. */
export interface Check {
  /** Which check. */
  readonly name: CheckName
  /** Whether it passed. */
  readonly ok: boolean
  /** A plain-words account, e.g. `expires 2027-01-01T00:00:00Z (in 38 days)`. */
  readonly detail: string
}

/** Why a record is not valid. `code` is stable; `message` is for people. */
export interface VerifyError {
  /** Stable machine-readable reason. */
  readonly code: ErrorCode
  /** Human explanation. */
  readonly message: string
}

/**
 * What `verify` found. `valid` is true only when every check that ran passed. `id` and `record`
 * are present whenever the input decoded, even if it is not valid (to show the user what failed).
 */
export interface VerifyResult {
  /** True when every check passed. */
  readonly valid: boolean
  /** Record id (`bafy…`) when the input decoded. */
  readonly id?: string
  /** The decoded record when the input decoded. */
  readonly record?: SignedRecord
  /** Every check that ran, in order. */
  readonly checks: readonly Check[]
  /** Every reason the record is not valid; empty when valid. */
  readonly errors: readonly VerifyError[]
  /** For a record with disclosable claims: what was disclosed, withheld, and the claims as shown. */
  readonly disclosure?: DisclosureSummary
}
