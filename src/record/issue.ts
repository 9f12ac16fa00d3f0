import { decodeCbor, encodeCbor, type CborValue } from '../codec/dag-cbor.js'
import { cidBytesOf } from '../codec/cid.js'
import { CounterfoilError } from '../errors.js'
import { verifyEd25519 } from '../keys/ed25519.js'
import type { Signer } from '../keys/interface.js'
import { assembleRecord, signingInput, type SignedRecord } from './envelope.js'
import { DisclosedRecord } from './disclosed-record.js'
import { redactClaims } from './disclosure.js'
import { parsePayload, SALT_LENGTH, type RecordPayload } from './payload.js'
import { deriveRevocationKey } from './revocation-key.js'
import { nowSeconds, toSeconds } from './time.js'

/** What to put in a new record. */
export interface IssueOptions {
  /** The issuer's signer; its did becomes `iss`. */
  signer: Signer
  /** The customer's did:key. Use `signer.did` for a self-asserted record. */
  subject: string
  /** Record type, e.g. `purchase`, `warranty`, `consent`. */
  type: string
  /** What the record says: any DAG-CBOR value (no undefined, NaN, Date or Map). */
  claims: unknown
  /** Issue time; default now. */
  issuedAt?: Date | number
  /** Not valid before this time. */
  notBefore?: Date | number
  /** Lifetime in seconds from `issuedAt`. Exclusive with `validUntil`. */
  expiresIn?: number
  /** Expiry time. Exclusive with `expiresIn`. */
  validUntil?: Date | number
  /**
   * Origin of the registry that will hold the counterfoil (`https://registry.example`). Makes the
   * record revocable: a per-record revocation key is derived and embedded.
   */
  registry?: string
  /** Embed a revocation key even without a registry origin. Default: `registry !== undefined`. */
  revocable?: boolean
  /** The holder's own 32-byte withdrawal public key (lets the customer withdraw, e.g. a consent). */
  holderKey?: Uint8Array
}

/** {@link IssueOptions} with disclosable claims: `issue` then returns the holder's full copy. */
export interface DisclosableIssueOptions extends IssueOptions {
  /**
   * Claim paths the holder may later show or withhold one by one (selective disclosure, docs/spec.md
   * §11): `['price', 'items[].price', 'address']`. The signed payload keeps only salted digests of
   * them, and `issue` returns a {@link DisclosedRecord} carrying every disclosure for the holder.
   */
  disclosable: readonly string[]
  /** Decoy digests; default pads their count to the next power of two above it (at least 4). */
  decoys?: number
}

function randomSalt(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(SALT_LENGTH))
}

async function signAs(signer: Signer, cidInput: Uint8Array): Promise<Uint8Array> {
  let signature: Uint8Array
  try {
    signature = await signer.sign(cidInput)
  } catch (e) {
    if (e instanceof CounterfoilError) throw e
    throw new CounterfoilError('ERR_SIGNER_FAILED', `signer ${signer.did} failed`, { cause: e })
  }
  if (!(signature instanceof Uint8Array) || signature.length !== 64 || !(await verifyEd25519(signer.publicKey, cidInput, signature))) {
    throw new CounterfoilError('ERR_SIGNER_FAILED', `signer ${signer.did} returned an invalid signature`)
  }
  return signature
}

function assertSigner(signer: unknown): asserts signer is Signer {
  const s = signer as Partial<Signer> | null
  if (typeof s !== 'object' || s === null || typeof s.did !== 'string' || typeof s.sign !== 'function' || !(s.publicKey instanceof Uint8Array)) {
    throw new TypeError('"signer" expected a Signer ({ did, publicKey, sign }); make one with signerFromSeed()')
  }
}

/**
 * Issues a signed record to a customer. A fresh 32-byte salt is drawn every time, so two records
 * with the same content still have different, unguessable ids. The issuer keeps nothing.
 *
 * @param options - see {@link IssueOptions}
 * @returns the signed record; hand `record.toString()` or `record.bytes` to the customer. With
 *   `disclosable`, a {@link DisclosedRecord}: the record plus every disclosure, the holder's copy
 * @throws {CounterfoilError} `ERR_MALFORMED` / `ERR_INVALID_DID` for bad fields, `ERR_SIGNER_FAILED`
 * @throws {TypeError | RangeError} for programmer mistakes (missing signer, milliseconds for seconds)
 * @example
 * ```ts
 * import { issue } from 'counterfoil/sign'
 * const receipt = await issue({
 *   signer: shop, subject: customerDid, type: 'purchase',
 *   claims: { items: [{ sku: 'KETTLE-2', price: 3990 }], currency: 'EUR' },
 *   expiresIn: 2 * 365 * 24 * 3600,
 * })
 * ```
 */
export async function issue(options: DisclosableIssueOptions): Promise<DisclosedRecord>
export async function issue(options: IssueOptions): Promise<SignedRecord>
export async function issue(options: IssueOptions | DisclosableIssueOptions): Promise<SignedRecord | DisclosedRecord> {
  if (typeof options !== 'object' || options === null) throw new TypeError('"options" expected an object')
  const { signer } = options
  assertSigner(signer)
  if (options.expiresIn !== undefined && options.validUntil !== undefined) {
    throw new TypeError('pass either "expiresIn" or "validUntil", not both')
  }
  const iat = options.issuedAt === undefined ? nowSeconds() : toSeconds(options.issuedAt, 'issuedAt')
  const salt = randomSalt()
  const fields: Record<string, unknown> = {
    v: 1, type: options.type, iss: signer.did, sub: options.subject, iat, claims: options.claims, salt,
  }
  if (options.notBefore !== undefined) fields.nbf = toSeconds(options.notBefore, 'notBefore')
  if (options.expiresIn !== undefined) {
    if (!Number.isSafeInteger(options.expiresIn) || options.expiresIn <= 0) {
      throw new RangeError(`"expiresIn" expected a positive integer number of seconds, got ${options.expiresIn}`)
    }
    fields.exp = iat + options.expiresIn
  }
  if (options.validUntil !== undefined) fields.exp = toSeconds(options.validUntil, 'validUntil')
  const { disclosable, decoys } = options as Partial<DisclosableIssueOptions>
  const redaction = disclosable === undefined ? undefined : redactClaims(options.claims, disclosable, salt, decoys)
  if (redaction !== undefined) {
    fields.claims = redaction.claims
    fields.sd = redaction.digests
  }
  if (options.registry !== undefined) fields.reg = options.registry
  if (options.revocable ?? options.registry !== undefined) {
    const { publicKey } = await deriveRevocationKey(signer, salt)
    fields.rev = options.holderKey === undefined ? { issuer: publicKey } : { issuer: publicKey, holder: options.holderKey }
  } else if (options.holderKey !== undefined) {
    throw new TypeError('"holderKey" needs a revocable record: pass "registry" or "revocable: true"')
  }
  // Decode what we encoded, with the verifier's rules: issue can never produce a record that
  // decodeRecord would reject, and the payload we return is exactly what a verifier will see.
  const payloadBytes = encodeCbor(fields)
  const payload: RecordPayload = parsePayload(decodeCbor(payloadBytes))
  const signature = await signAs(signer, signingInput(cidBytesOf(payloadBytes)))
  const record = assembleRecord(payloadBytes, payload, [{ signer: signer.did, signature }])
  return redaction === undefined ? record : new DisclosedRecord(record, redaction.disclosures)
}

/**
 * Adds a second party's signature to a record (a co-signed deal: both sign the same payload, so
 * both hold the same record id). The existing signatures are kept as they are.
 *
 * @param record - the record to co-sign
 * @param signer - the co-signer
 * @returns a new record with one more signature
 * @throws {CounterfoilError} `ERR_CONFLICT` if this signer already signed, `ERR_SIGNER_FAILED`
 * @example
 * ```ts
 * const agreed = await cosign(proposal, vendor)
 * ```
 */
export async function cosign(record: SignedRecord, signer: Signer): Promise<SignedRecord> {
  assertSigner(signer)
  if (record.signatures.some((s) => s.signer === signer.did)) {
    throw new CounterfoilError('ERR_CONFLICT', `${signer.did} has already signed record ${record.id}`)
  }
  const signature = await signAs(signer, signingInput(record.cidBytes))
  return assembleRecord(record.payloadBytes, record.payload, [...record.signatures, { signer: signer.did, signature }])
}

/** Re-exported so `counterfoil/sign` users need no second import to type claims. */
export type { CborValue }
