/**
 * `counterfoil/sign`: make records.
 *
 * @example
 * ```ts
 * import { issue, cosign } from 'counterfoil/sign'
 * const record = await issue({ signer, subject, type: 'warranty', claims: { serial: 'SN-1' }, expiresIn: 63072000 })
 * ```
 * @module
 */
export { issue, cosign, type IssueOptions, type CborValue } from './record/issue.js'
export type { DisclosableIssueOptions } from './record/issue.js'
export { DisclosedRecord, disclose, decodeDisclosedRecord, type DiscloseOptions } from './record/disclosed-record.js'
export { deriveRevocationKey, type RevocationKeyPair } from './record/revocation-key.js'
export { SignedRecord, type RecordSignature } from './record/envelope.js'
export type { RecordPayload, RevocationKeys } from './record/payload.js'
