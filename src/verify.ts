/**
 * `counterfoil/verify`: check records. Never throws on bad data.
 *
 * @example
 * ```ts
 * import { verify } from 'counterfoil/verify'
 * const { valid, errors } = await verify(text, { trustedIssuers: [shopDid] })
 * ```
 * @module
 */
export { verify, verifyMany, DEFAULT_CLOCK_SKEW, MAX_CLOCK_SKEW, DEFAULT_CONCURRENCY, type VerifyOptions } from './record/verify.js'
export type { VerifyResult, VerifyError, Check, CheckName } from './record/result.js'
export type { TrustedIssuers } from './record/trust.js'
export type { ErrorCode } from './errors.js'
