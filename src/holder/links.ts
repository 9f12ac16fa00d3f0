/**
 * Record links (docs/spec.md "Link claims", docs/guide.md "Record links and transfers"). A record
 * links others by id inside its claims — `claims.links = [{ rel, id: CID }]` — so wire format v1 is
 * unchanged and the links are covered by the record's signature. `transfer` passes a record to a
 * new holder (signed by the current one); `verifyChain` checks a chain and names its current holder.
 */
import { CID } from 'multiformats/cid'
import { CounterfoilError, type ErrorCode } from '../errors.js'
import type { Signer } from '../keys/interface.js'
import { decodeRecord, SignedRecord } from '../record/envelope.js'
import { issue } from '../record/issue.js'
import type { VerifyError, VerifyResult } from '../record/result.js'
import { verify, type VerifyOptions } from '../verify.js'

/** How one record relates to an earlier one. */
export type LinkRel = 'amends' | 'supersedes' | 'transfers'

/** Every {@link LinkRel}. */
export const LINK_RELS: readonly LinkRel[] = ['amends', 'supersedes', 'transfers']

/** Most links one record may carry. */
export const MAX_LINKS = 64

/** One link from a record to an earlier record. */
export interface RecordLink {
  readonly rel: LinkRel
  /** The linked record's id (text form `bafy…`). */
  readonly id: string
  /** The linked record's id as a CID (what the claims hold, DAG-CBOR tag 42). */
  readonly cid: CID
}

function malformed(message: string): CounterfoilError {
  return new CounterfoilError('ERR_MALFORMED', `record links: ${message}`)
}

/**
 * The links a record carries in `claims.links` (none when its claims have no `links`).
 *
 * @param record - a decoded record
 * @returns its links, in order
 * @throws {CounterfoilError} `ERR_MALFORMED` when `claims.links` is present but not a list of `{ rel, id: CID }`
 * @example
 * ```ts
 * for (const { rel, id } of linksOf(record)) console.log(rel, id)
 * ```
 */
export function linksOf(record: SignedRecord): RecordLink[] {
  const claims = record.payload.claims as unknown
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims) || claims instanceof Uint8Array || CID.asCID(claims) !== null) return []
  if (!Object.prototype.hasOwnProperty.call(claims, 'links')) return []
  const links = (claims as { links: unknown }).links
  if (!Array.isArray(links)) throw malformed('"links" must be a list')
  if (links.length > MAX_LINKS) throw malformed(`more than ${MAX_LINKS} links`)
  return links.map((l: unknown, i) => {
    const m = l as { rel?: unknown; id?: unknown } | null
    if (typeof m !== 'object' || m === null || Object.keys(m).some((k) => k !== 'rel' && k !== 'id')) throw malformed(`link ${i} must be { rel, id }`)
    if (!LINK_RELS.includes(m.rel as LinkRel)) throw malformed(`link ${i}: "rel" must be one of ${LINK_RELS.join(', ')}`)
    const cid = CID.asCID(m.id)
    if (cid === null) throw malformed(`link ${i}: "id" must be a CID (DAG-CBOR tag 42)`)
    return { rel: m.rel as LinkRel, id: cid.toString(), cid }
  })
}

/**
 * A link to put in `claims.links` when issuing (the issuer amending or superseding its own record).
 *
 * @param rel - how the new record relates to `target`
 * @param target - the earlier record
 * @returns `{ rel, id }` with `id` as a CID
 * @example
 * ```ts
 * await issue({ signer: shop, subject, type: 'warranty', claims: { months: 36, links: [linkTo('amends', warranty)] } })
 * ```
 */
export function linkTo(rel: LinkRel, target: SignedRecord): { rel: LinkRel; id: CID } {
  if (!LINK_RELS.includes(rel)) throw new TypeError(`"rel" expected one of ${LINK_RELS.join(', ')}, got ${String(rel)}`)
  if (!(target instanceof SignedRecord)) throw new TypeError('"target" expected a SignedRecord')
  return { rel, id: target.cid }
}

function asRecord(input: SignedRecord | Uint8Array | string): SignedRecord {
  return input instanceof SignedRecord ? input : decodeRecord(input)
}

/** What {@link transfer} needs. */
export interface TransferOptions {
  /** The current holder: the `sub` of `record`. */
  readonly signer: Signer
  /** The record being passed on: the original, or the last transfer in its chain. */
  readonly record: SignedRecord | Uint8Array | string
  /** The new holder's did:key. */
  readonly to: string
  /** Extra claims for the transfer (a price, a note); `links` is set by `transfer`. */
  readonly claims?: Readonly<Record<string, unknown>>
  /** Issue time; default now. */
  readonly issuedAt?: Date | number
  /** Registry origin, to make the transfer revocable by its signer. */
  readonly registry?: string
}

/**
 * Passes a record to a new holder: a `transfer` record signed by the current holder, addressed to
 * the new one, linking the record it passes on (`claims.links = [{ rel: 'transfers', id }]`). It
 * expires when the record it transfers does.
 *
 * @param options - see {@link TransferOptions}
 * @returns the transfer record; the new holder keeps it with the chain before it
 * @throws {CounterfoilError} `ERR_NOT_CURRENT_HOLDER` when the signer is not the record's subject
 * @example
 * ```ts
 * const handover = await transfer({ signer: firstOwner, record: warranty, to: secondOwnerDid })
 * const { currentHolder } = await verifyChain([warranty, handover], { trustedIssuers: [makerDid] })
 * ```
 */
export async function transfer(options: TransferOptions): Promise<SignedRecord> {
  const record = asRecord(options.record)
  if (options.signer?.did !== record.payload.sub) {
    throw new CounterfoilError('ERR_NOT_CURRENT_HOLDER', `${String(options.signer?.did)} is not the holder of record ${record.id} (${record.payload.sub} is)`)
  }
  if (options.claims !== undefined && Object.prototype.hasOwnProperty.call(options.claims, 'links')) throw new TypeError('"claims.links" is set by transfer')
  return issue({
    signer: options.signer,
    subject: options.to,
    type: 'transfer',
    claims: { ...options.claims, links: [linkTo('transfers', record)] },
    ...(options.issuedAt === undefined ? {} : { issuedAt: options.issuedAt }),
    ...(record.payload.exp === undefined ? {} : { validUntil: record.payload.exp }),
    ...(options.registry === undefined ? {} : { registry: options.registry }),
  })
}

/** One record of a verified chain. */
export interface ChainStep {
  /** The record id (`bafy…`), when it decoded. */
  readonly id?: string
  /** How it links the step before (absent for the original). */
  readonly rel?: LinkRel
  /** Who holds the record after this step (its `sub`). */
  readonly holder?: string
  /** The record's own verification. */
  readonly result: VerifyResult
}

/** What {@link verifyChain} found. */
export interface ChainResult {
  /** True when every record verified and every link holds. */
  readonly valid: boolean
  /** The holder at the end of the chain, when the chain is valid. */
  readonly currentHolder?: string
  /** The steps, original first. */
  readonly chain: readonly ChainStep[]
  /** Every problem found; empty when valid. */
  readonly errors: readonly VerifyError[]
}

const CHAIN_RELS: readonly LinkRel[] = ['transfers', 'amends', 'supersedes']

/**
 * Verifies a chain of records — an original and the transfers, amendments and supersessions that
 * follow it, in any order — and tells who holds it now. Each record is verified as `verify` does
 * (the original and amendments with every option; transfers, signed by holders, without
 * `trustedIssuers`, `requiredSigners` and `requireRegistration`). Each link must name the record
 * before it; a transfer must be signed by the then-current holder (`ERR_NOT_CURRENT_HOLDER`); an
 * amendment or supersession by the original issuer, to the current holder. Two records continuing
 * the same one (a record transferred twice) make the chain invalid. Never throws on bad data.
 *
 * @param records - the chain's records in any order (text, bytes or decoded)
 * @param options - `verify` options for the original (status options apply to every record)
 * @returns the {@link ChainResult}
 * @example
 * ```ts
 * const { valid, currentHolder, errors } = await verifyChain([warranty, handover], { trustedIssuers: [makerDid] })
 * ```
 */
export async function verifyChain(records: readonly (SignedRecord | Uint8Array | string)[], options: VerifyOptions = {}): Promise<ChainResult> {
  if (!Array.isArray(records)) throw new TypeError('"records" expected an array')
  const errors: VerifyError[] = []
  const fail = (code: ErrorCode, message: string): void => { errors.push({ code, message }) }
  if (records.length === 0) return { valid: false, chain: [], errors: [{ code: 'ERR_CHAIN_INVALID', message: 'no records given' }] }

  const { trustedIssuers: _t, requiredSigners: _r, requireRegistration: _q, ...holderOptions } = options
  const decoded: { record: SignedRecord; parent?: { rel: LinkRel; id: string } }[] = []
  for (const [i, input] of records.entries()) {
    let record: SignedRecord
    try {
      record = asRecord(input)
    } catch (e) {
      if (!(e instanceof CounterfoilError)) throw e
      const result = await verify(input, options)
      return { valid: false, chain: [{ result }], errors: [...result.errors.map((x) => ({ code: x.code, message: `record ${i}: ${x.message}` }))] }
    }
    let links: RecordLink[]
    try {
      links = linksOf(record).filter((l) => CHAIN_RELS.includes(l.rel))
    } catch (e) {
      if (!(e instanceof CounterfoilError)) throw e
      return { valid: false, chain: [], errors: [{ code: 'ERR_BROKEN_LINK', message: `record ${record.id}: ${e.message}` }] }
    }
    if (links.length > 1) fail('ERR_BROKEN_LINK', `record ${record.id} continues ${links.length} records; a chain step continues one`)
    decoded.push(links[0] === undefined ? { record } : { record, parent: { rel: links[0].rel, id: links[0].id } })
  }

  const byId = new Map(decoded.map((d) => [d.record.id, d]))
  if (byId.size !== decoded.length) fail('ERR_CHAIN_INVALID', 'the same record is given twice')
  const roots = decoded.filter((d) => d.parent === undefined)
  const childOf = new Map<string, (typeof decoded)[number]>()
  for (const d of decoded) {
    if (d.parent === undefined) continue
    if (!byId.has(d.parent.id)) fail('ERR_BROKEN_LINK', `record ${d.record.id} ${d.parent.rel} ${d.parent.id}, which is not in the chain`)
    else if (childOf.has(d.parent.id)) fail('ERR_CHAIN_INVALID', `record ${d.parent.id} is continued twice (${childOf.get(d.parent.id)!.record.id} and ${d.record.id}): a fork`)
    else childOf.set(d.parent.id, d)
  }
  if (roots.length !== 1) fail('ERR_BROKEN_LINK', roots.length === 0 ? 'no original record: every record links another' : `${roots.length} unrelated original records`)
  if (errors.length > 0) return { valid: false, chain: [], errors }

  const root = roots[0]!.record
  const chain: ChainStep[] = []
  let holder = root.payload.sub
  let previous: SignedRecord | undefined
  for (let step: (typeof decoded)[number] | undefined = roots[0]; step !== undefined; step = childOf.get(step.record.id)) {
    const { record, parent } = step
    const isTransfer = parent?.rel === 'transfers'
    const result = await verify(record, isTransfer ? holderOptions : options)
    errors.push(...result.errors.map((e) => ({ code: e.code, message: `record ${record.id}: ${e.message}` })))
    if (parent !== undefined && previous !== undefined) {
      const { iss, sub, iat } = record.payload
      if (isTransfer && iss !== holder) fail('ERR_NOT_CURRENT_HOLDER', `transfer ${record.id} is signed by ${iss}, but ${holder} held ${previous.id}`)
      if (!isTransfer && iss !== root.payload.iss) fail('ERR_CHAIN_INVALID', `${parent.rel} ${record.id} is signed by ${iss}, not by the original issuer ${root.payload.iss}`)
      if (!isTransfer && sub !== holder) fail('ERR_CHAIN_INVALID', `${parent.rel} ${record.id} is addressed to ${sub}, not the current holder ${holder}`)
      if (iat < previous.payload.iat) fail('ERR_CHAIN_INVALID', `${record.id} is dated before the record it ${parent.rel}`)
    }
    holder = record.payload.sub
    chain.push({ id: record.id, ...(parent === undefined ? {} : { rel: parent.rel }), holder, result })
    previous = record
  }
  if (chain.length !== decoded.length) fail('ERR_BROKEN_LINK', 'some records are not connected to the chain')
  const valid = errors.length === 0
  return valid ? { valid, currentHolder: holder, chain, errors } : { valid, chain, errors }
}
