/**
 * `counterfoil`: everything that runs in any JavaScript runtime (browsers, Node, Deno, Bun, edge
 * workers). Node-only adapters live under their own subpaths.
 *
 * @example
 * ```ts
 * import { decodeRecord, recordId } from 'counterfoil'
 * const record = decodeRecord(text)
 * console.log(record.id === recordId(text)) // true
 * ```
 * @module
 */
export { decodeRecord, recordId, signingInput, SignedRecord, DEFAULT_MAX_RECORD_BYTES, MAX_SIGNATURES, type DecodeRecordOptions, type RecordSignature } from './record/envelope.js'
export { parsePayload, RECORD_VERSION, SALT_LENGTH, type RecordPayload, type RevocationKeys } from './record/payload.js'
export { encodeCbor, decodeCbor, cidOf, parseRecordId, toBase64url, fromBase64url, DOMAIN, domainSeparated, type CborValue, type DomainTag, type DecodeCborOptions } from './codec/index.js'
export { CounterfoilError, isCounterfoilError, ERROR_CODES, type ErrorCode } from './errors.js'
export * from './sign.js'
export * from './verify.js'
export * from './revoke.js'
export { createRegistry, memoryStore, registryHandler, remoteRegistry, registrationProof, commitmentOf, openStatusNote, openSnapshot, openBucket, type Registry, type RegistryOptions, type RegistryClient, type Receipt, type Store, type RecordStatus } from './registry/index.js'
export * from './keys/index.js'
export * from './holder/index.js'
export { DEFAULT_MAX_DEPTH } from './codec/index.js'
