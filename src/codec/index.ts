export { encodeCbor, decodeCbor, DEFAULT_MAX_DEPTH, type CborValue, type DecodeCborOptions } from './dag-cbor.js'
export { cidOf, parseRecordId, DAG_CBOR_CODE, SHA2_256_CODE } from './cid.js'
export { toBase64url, fromBase64url } from './multibase.js'
export { DOMAIN, domainSeparated, type DomainTag } from './domain.js'
