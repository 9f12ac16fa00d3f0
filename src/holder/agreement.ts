/**
 * Two-party agreements: the customer proposes terms in a record it signs about itself, naming the
 * counterparty; the counterparty accepts by co-signing the very same payload. Both then hold the
 * same record id, and either can prove what was agreed. Terms are any DAG-CBOR value, e.g.
 * machine-readable privacy terms in the spirit of IEEE 7012 ("use my data only for this order,
 * delete it after 30 days").
 */
import type { CborValue } from '../codec/dag-cbor.js'
import { CounterfoilError } from '../errors.js'
import { publicKeyFromDid } from '../keys/did.js'
import type { Signer } from '../keys/interface.js'
import { isClaimMap } from '../record/claim-path.js'
import { decodeRecord, SignedRecord } from '../record/envelope.js'
import { cosign, issue } from '../record/issue.js'
import type { VerifyResult } from '../record/result.js'
import { verify, type VerifyOptions } from '../verify.js'

/** Default record type of an agreement. */
export const AGREEMENT_TYPE = 'agreement'

/** The claims of an agreement record. */
export interface AgreementClaims {
  /** The proposer's did:key (also the record's `iss` and `sub`). */
  readonly proposer: string
  /** The did:key of the party asked to accept. */
  readonly counterparty: string
  /** What is agreed. */
  readonly terms: CborValue
}

/** What to propose. */
export interface ProposeOptions {
  /** The proposer (usually the customer); signs first. */
  signer: Signer
  /** The other party's did:key. */
  counterparty: string
  /** The terms: any DAG-CBOR value. */
  terms: unknown
  /** Record type; default `agreement`. */
  type?: string
  /** Issue time; default now. */
  issuedAt?: Date | number
  /** Lifetime of the agreement in seconds. */
  expiresIn?: number
  /** Registry origin, to make the agreement registrable (and withdrawable with `holderKey`). */
  registry?: string
  /** The proposer's withdrawal public key (lets it withdraw the agreement in the registry). */
  holderKey?: Uint8Array
}

/**
 * Proposes an agreement: a self-asserted record (`iss` = `sub` = proposer) whose claims name both
 * parties and the terms. Hand it to the counterparty, who calls {@link accept}.
 *
 * @param options - see {@link ProposeOptions}
 * @returns the proposal, signed by the proposer only
 * @throws {CounterfoilError} `ERR_INVALID_DID` for a bad counterparty, as `issue` otherwise
 * @example
 * ```ts
 * const proposal = await propose({
 *   signer: customer, counterparty: shopDid,
 *   terms: { purpose: ['order-fulfilment'], retentionDays: 30, thirdParties: 'none' },
 * })
 * ```
 */
export async function propose(options: ProposeOptions): Promise<SignedRecord> {
  if (typeof options !== 'object' || options === null) throw new TypeError('"options" expected an object')
  const { signer, counterparty } = options
  if (typeof counterparty !== 'string') throw new TypeError('"counterparty" expected a did:key')
  publicKeyFromDid(counterparty)
  if (counterparty === signer.did) throw new CounterfoilError('ERR_NOT_COUNTERPARTY', 'an agreement needs two different parties')
  return issue({
    signer, subject: signer.did, type: options.type ?? AGREEMENT_TYPE,
    claims: { proposer: signer.did, counterparty, terms: options.terms },
    ...(options.issuedAt === undefined ? {} : { issuedAt: options.issuedAt }),
    ...(options.expiresIn === undefined ? {} : { expiresIn: options.expiresIn }),
    ...(options.registry === undefined ? {} : { registry: options.registry }),
    ...(options.holderKey === undefined ? {} : { holderKey: options.holderKey }),
  })
}

/**
 * The parties and terms of an agreement record, or undefined when the record is not one.
 *
 * @param record - a signed record
 * @returns its agreement claims
 * @example
 * ```ts
 * agreementOf(record)?.terms
 * ```
 */
export function agreementOf(record: SignedRecord): AgreementClaims | undefined {
  const { claims, iss, sub } = record.payload
  if (!isClaimMap(claims) || Object.keys(claims).length !== 3 || !('terms' in claims)) return undefined
  const { proposer, counterparty, terms } = claims
  if (typeof proposer !== 'string' || typeof counterparty !== 'string' || proposer !== iss || sub !== iss || counterparty === proposer) return undefined
  try {
    publicKeyFromDid(counterparty)
  } catch {
    return undefined
  }
  return { proposer, counterparty, terms: terms! }
}

/**
 * Accepts a proposal by co-signing it, after checking it: genuine and in its validity window,
 * an agreement, naming `signer` as the counterparty, not yet accepted.
 *
 * @param proposal - the proposal (record, bytes or text)
 * @param signer - the counterparty
 * @param options - `now` and `clockSkew`, as for `verify`
 * @returns the agreement, signed by both; both parties keep it (same record id)
 * @throws {CounterfoilError} `ERR_NOT_COUNTERPARTY` when `signer` is not the named counterparty;
 *   `ERR_MALFORMED` when the record is not an agreement; the first `verify` error code when the
 *   proposal is not valid; `ERR_CONFLICT` when already accepted
 * @example
 * ```ts
 * const agreement = await accept(proposalText, shop)
 * ```
 */
export async function accept(proposal: SignedRecord | Uint8Array | string, signer: Signer, options: Pick<VerifyOptions, 'now' | 'clockSkew'> = {}): Promise<SignedRecord> {
  const record = proposal instanceof SignedRecord ? proposal : decodeRecord(proposal)
  const result = await verify(record, options)
  if (!result.valid) throw new CounterfoilError(result.errors[0]!.code, `cannot accept: ${result.errors[0]!.message}`)
  const claims = agreementOf(record)
  if (claims === undefined) throw new CounterfoilError('ERR_MALFORMED', `record ${record.id} is not an agreement proposal`)
  if (claims.counterparty !== signer.did) {
    throw new CounterfoilError('ERR_NOT_COUNTERPARTY', `the proposal names ${claims.counterparty} as counterparty, not ${signer.did}`)
  }
  return cosign(record, signer)
}

/**
 * Verifies an agreement: as `verify` with `requiredSigners` set to both named parties, and fails
 * with `ERR_MALFORMED` when the record is not an agreement.
 *
 * @param input - the agreement (record, bytes or text)
 * @param options - as for `verify`; the parties are added to `requiredSigners`
 * @returns the verify result
 * @example
 * ```ts
 * const { valid } = await verifyAgreement(text, { trustedIssuers: [customerDid] })
 * ```
 */
export async function verifyAgreement(input: SignedRecord | Uint8Array | string, options: VerifyOptions = {}): Promise<VerifyResult> {
  let record: SignedRecord
  try {
    record = input instanceof SignedRecord ? input : decodeRecord(input)
  } catch (e) {
    if (e instanceof CounterfoilError) return verify(input, options)
    throw e
  }
  const claims = agreementOf(record)
  const parties = claims === undefined ? [] : [claims.proposer, claims.counterparty]
  const result = await verify(record, { ...options, requiredSigners: [...(options.requiredSigners ?? []), ...parties] })
  if (claims !== undefined) return result
  const error = { code: 'ERR_MALFORMED' as const, message: `record ${record.id} is not an agreement` }
  return { ...result, valid: false, errors: [...result.errors, error] }
}
