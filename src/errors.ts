/**
 * Every error code counterfoil can report, in one union. Verification results carry these codes in
 * `errors[].code`; thrown errors are {@link CounterfoilError} instances with the same `code`.
 * Tests and callers match on codes, never on message text.
 */
export type ErrorCode =
  // decoding and encoding
  | 'ERR_MALFORMED'
  | 'ERR_NON_CANONICAL'
  | 'ERR_UNSUPPORTED_VERSION'
  | 'ERR_TOO_LARGE'
  // keys and signatures
  | 'ERR_INVALID_KEY'
  | 'ERR_INVALID_DID'
  | 'ERR_SIGNATURE_INVALID'
  | 'ERR_SIGNER_FAILED'
  | 'ERR_MISSING_SIGNER'
  | 'ERR_UNTRUSTED_ISSUER'
  // validity window
  | 'ERR_EXPIRED'
  | 'ERR_NOT_YET_VALID'
  // registry status
  | 'ERR_REVOKED'
  | 'ERR_SUSPENDED'
  | 'ERR_WITHDRAWN'
  | 'ERR_KEY_REVOKED'
  | 'ERR_NOT_REGISTERED'
  | 'ERR_STATUS_UNAVAILABLE'
  | 'ERR_STATUS_STALE'
  | 'ERR_PROOF_INVALID'
  | 'ERR_CHECKPOINT_INVALID'
  | 'ERR_UNAUTHORIZED'
  | 'ERR_CONFLICT'
  | 'ERR_NOT_FOUND'
  | 'ERR_UNSUPPORTED_MEDIA_TYPE'
  | 'ERR_OVERLOADED'
  | 'ERR_REGISTRY_UNAVAILABLE'
  | 'ERR_STORE'
  // holder side
  | 'ERR_WRONG_AUDIENCE'
  | 'ERR_NONCE_MISMATCH'
  | 'ERR_REPLAYED'
  | 'ERR_HOLDER_NOT_SUBJECT'
  | 'ERR_DISCLOSURE_INVALID'
  | 'ERR_CHAIN_INVALID'
  | 'ERR_WALLET_INVALID'
  | 'ERR_NOT_CURRENT_HOLDER'
  | 'ERR_BROKEN_LINK'
  | 'ERR_SUCCESSION_INVALID'
  | 'ERR_SUCCESSION_LOOP'
  | 'ERR_DISCLOSURE_NOT_IN_RECORD'
  | 'ERR_PRESENTATION_EXPIRED'
  | 'ERR_NOT_COUNTERPARTY'

/** Every {@link ErrorCode}, for exhaustive checks and documentation. */
export const ERROR_CODES: readonly ErrorCode[] = [
  'ERR_MALFORMED',
  'ERR_NON_CANONICAL',
  'ERR_UNSUPPORTED_VERSION',
  'ERR_TOO_LARGE',
  'ERR_INVALID_KEY',
  'ERR_INVALID_DID',
  'ERR_SIGNATURE_INVALID',
  'ERR_SIGNER_FAILED',
  'ERR_MISSING_SIGNER',
  'ERR_UNTRUSTED_ISSUER',
  'ERR_EXPIRED',
  'ERR_NOT_YET_VALID',
  'ERR_REVOKED',
  'ERR_SUSPENDED',
  'ERR_WITHDRAWN',
  'ERR_KEY_REVOKED',
  'ERR_NOT_REGISTERED',
  'ERR_STATUS_UNAVAILABLE',
  'ERR_STATUS_STALE',
  'ERR_PROOF_INVALID',
  'ERR_CHECKPOINT_INVALID',
  'ERR_UNAUTHORIZED',
  'ERR_CONFLICT',
  'ERR_NOT_FOUND',
  'ERR_UNSUPPORTED_MEDIA_TYPE',
  'ERR_OVERLOADED',
  'ERR_REGISTRY_UNAVAILABLE',
  'ERR_STORE',
  'ERR_WRONG_AUDIENCE',
  'ERR_NONCE_MISMATCH',
  'ERR_REPLAYED',
  'ERR_HOLDER_NOT_SUBJECT',
  'ERR_DISCLOSURE_INVALID',
  'ERR_CHAIN_INVALID',
  'ERR_WALLET_INVALID',
  'ERR_NOT_CURRENT_HOLDER',
  'ERR_BROKEN_LINK',
  'ERR_SUCCESSION_INVALID',
  'ERR_SUCCESSION_LOOP',
  'ERR_DISCLOSURE_NOT_IN_RECORD',
  'ERR_PRESENTATION_EXPIRED',
  'ERR_NOT_COUNTERPARTY',
]

/**
 * The one error class counterfoil throws for data and I/O problems. Programmer mistakes (a number
 * where bytes were expected) are `TypeError`/`RangeError` instead.
 *
 * @example
 * ```ts
 * import { CounterfoilError } from 'counterfoil/errors'
 * try { decodeRecord('not a record') } catch (e) {
 *   if (e instanceof CounterfoilError && e.code === 'ERR_MALFORMED') console.log('bad input')
 * }
 * ```
 */
export class CounterfoilError extends Error {
  /** Machine-readable reason; see {@link ErrorCode}. */
  readonly code: ErrorCode

  /**
   * @param code - the reason, from {@link ErrorCode}
   * @param message - a human sentence; starts with `counterfoil:` so callers can grep logs
   * @param options - `cause`, the underlying error if any
   */
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message.startsWith('counterfoil:') ? message : `counterfoil: ${message}`, options)
    this.name = 'CounterfoilError'
    this.code = code
  }
}

/**
 * True when `e` is a {@link CounterfoilError}, optionally with the given code.
 *
 * @example
 * ```ts
 * if (isCounterfoilError(err, 'ERR_REVOKED')) showRevokedBanner()
 * ```
 */
export function isCounterfoilError(e: unknown, code?: ErrorCode): e is CounterfoilError {
  return e instanceof CounterfoilError && (code === undefined || e.code === code)
}
