/**
 * `verify`: is this record genuine, unchanged, in its validity window, from a trusted issuer?
 * Returns a {@link VerifyResult} for any data, good or bad; throws only for programmer mistakes.
 * Order matters: signatures first, so a forged expired record reports the forgery, not the expiry.
 */
import { CounterfoilError, type ErrorCode } from '../errors.js'
import { verifyEd25519, verifyEd25519Now } from '../keys/ed25519.js'
import { sharedPublicKeyFromDid } from '../keys/did.js'
import { decodeRecord, isGenuineRecord, signingInput, SignedRecord } from './envelope.js'
import type { Check, CheckName, VerifyError, VerifyResult } from './result.js'
import { isoSeconds, nowSeconds, toSeconds } from './time.js'
import { assertTrustedIssuers, isTrustedIssuer, type TrustedIssuers } from './trust.js'

/** Default tolerance for clocks that disagree, in seconds. */
export const DEFAULT_CLOCK_SKEW = 60
/** Largest `clockSkew` accepted, in seconds. */
export const MAX_CLOCK_SKEW = 300

/** What to check besides the signatures. */
export interface VerifyOptions {
  /** The time to verify at; default now. A Date or integer seconds. */
  now?: Date | number
  /** Tolerated clock difference in seconds; default 60, at most 300. */
  clockSkew?: number
  /** Issuers to trust; without it any correctly signed record passes the issuer check. */
  trustedIssuers?: TrustedIssuers
  /** DIDs that must all have signed (co-signed records: both parties to a deal). */
  requiredSigners?: readonly string[]
  /** Largest record accepted, in bytes. */
  maxBytes?: number
}

/** @internal */
export type VerifySignature = (publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array) => Promise<boolean>

/**
 * Passed checks that many results share, frozen, two keys deep (e.g. record type, then issuer).
 * A batch from one issuer then holds one check object per distinct outcome instead of one per
 * record, which is most of what a `verifyMany` result would otherwise keep alive.
 */
class SharedPasses<A, B> {
  #byFirst = new Map<A, Map<B, Check>>()
  #size = 0

  constructor(readonly name: CheckName) {}

  get(a: A, b: B, detail: (a: A, b: B) => string): Check {
    let byB = this.#byFirst.get(a)
    const found = byB?.get(b)
    if (found !== undefined) return found
    if (this.#size >= SHARED_PASSES_MAX) {
      this.#byFirst.clear()
      this.#size = 0
      byB = undefined
    }
    if (byB === undefined) this.#byFirst.set(a, (byB = new Map()))
    const check: Check = Object.freeze({ name: this.name, ok: true, detail: detail(a, b) })
    byB.set(b, check)
    this.#size++
    return check
  }
}

/** Most shared checks kept per kind; past it the memo starts again. */
const SHARED_PASSES_MAX = 1024

const decodePasses = new SharedPasses<string, number>('decode')
const signaturePasses = new SharedPasses<string, undefined>('signatures')
const validityPasses = new SharedPasses<number, number | undefined>('validity')
const issuerPasses = new SharedPasses<string, string>('issuer')

const decodeDetail = (type: string, length: number): string => `canonical DAG-CBOR, ${length} bytes, type "${type}"`
const signatureDetail = (iss: string): string => `signed by the issuer ${iss}`
const validityDetail = (start: number, exp: number | undefined): string =>
  exp === undefined ? `issued ${isoSeconds(start)}, does not expire` : `issued ${isoSeconds(start)}, valid until ${isoSeconds(exp)}`
const issuerDetail = (type: string, iss: string): string => `issuer ${iss} is trusted for "${type}" records`

const NO_ERRORS: readonly VerifyError[] = Object.freeze([])

/** Collects checks and errors while a record is verified. */
export class Findings {
  readonly checks: Check[] = []
  readonly errors: VerifyError[] = []

  pass(name: CheckName, detail: string): void {
    this.checks.push({ name, ok: true, detail })
  }

  /** Records a passed check that other results may share (frozen). */
  passed(check: Check): void {
    this.checks.push(check)
  }

  fail(name: CheckName, code: ErrorCode, message: string): void {
    this.checks.push({ name, ok: false, detail: message })
    this.errors.push({ code, message })
  }

  result(record?: SignedRecord): VerifyResult {
    const valid = this.errors.length === 0
    // Exact-size copies: an array grown by push keeps room for 16, and `verifyMany` holds a
    // result per record. A valid result shares one frozen empty error list.
    const checks = this.checks.slice()
    const errors = valid ? NO_ERRORS : this.errors.slice()
    return record === undefined ? { valid, checks, errors } : { valid, id: record.id, record, checks, errors }
  }
}

/** @internal */
export interface Settings {
  readonly now: number
  readonly skew: number
  readonly trustedIssuers: TrustedIssuers | undefined
  readonly requiredSigners: readonly string[]
  readonly maxBytes: number | undefined
}

/** @internal the checked options of a verify call */
export function settingsFrom(options: VerifyOptions): Settings {
  if (typeof options !== 'object' || options === null) throw new TypeError('"options" expected an object')
  const skew = options.clockSkew ?? DEFAULT_CLOCK_SKEW
  if (!Number.isSafeInteger(skew) || skew < 0 || skew > MAX_CLOCK_SKEW) {
    throw new RangeError(`"clockSkew" expected integer seconds from 0 to ${MAX_CLOCK_SKEW}, got ${skew}`)
  }
  if (options.trustedIssuers !== undefined) assertTrustedIssuers(options.trustedIssuers)
  const requiredSigners = options.requiredSigners ?? []
  if (!Array.isArray(requiredSigners) || !requiredSigners.every((d) => typeof d === 'string')) {
    throw new TypeError('"requiredSigners" expected an array of DIDs')
  }
  return {
    now: options.now === undefined ? nowSeconds() : toSeconds(options.now, 'now'),
    skew,
    trustedIssuers: options.trustedIssuers,
    requiredSigners,
    maxBytes: options.maxBytes,
  }
}


/** @internal */
export function decodeInput(input: unknown, settings: Settings, findings: Findings): SignedRecord | undefined {
  if (input instanceof SignedRecord && isGenuineRecord(input)) {
    findings.pass('decode', 'record was decoded earlier')
    return input
  }
  const source = input instanceof SignedRecord ? input.bytes : input
  if (typeof source !== 'string' && !(source instanceof Uint8Array)) {
    throw new TypeError(`"input" expected a SignedRecord, Uint8Array or string, got ${source === null ? 'null' : typeof source}`)
  }
  try {
    const record = decodeRecord(source, settings.maxBytes === undefined ? {} : { maxBytes: settings.maxBytes })
    findings.passed(decodePasses.get(record.payload.type, record.bytes.length, decodeDetail))
    return record
  } catch (e) {
    if (!(e instanceof CounterfoilError)) throw e
    findings.fail('decode', e.code, e.message)
    return undefined
  }
}

/** @internal */
export type VerifyNow = (publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array) => boolean | undefined

/** Every signature's verdict: at once when `verifyNow` can answer, else through `verifySignature`. */
export function signatureVerdicts(record: SignedRecord, verifySignature: VerifySignature, verifyNow: VerifyNow | undefined): boolean[] | Promise<boolean[]> {
  const input = signingInput(record.cidBytes)
  const { signatures } = record
  if (verifyNow !== undefined) {
    const verdicts: boolean[] = []
    for (const s of signatures) {
      const verdict = verifyNow(sharedPublicKeyFromDid(s.signer), input, s.signature)
      if (verdict === undefined) break // the backend answers only asynchronously
      verdicts.push(verdict)
    }
    if (verdicts.length === signatures.length) return verdicts
  }
  if (signatures.length === 1) return verifySignature(sharedPublicKeyFromDid(signatures[0]!.signer), input, signatures[0]!.signature).then((ok) => [ok])
  return Promise.all(signatures.map((s) => verifySignature(sharedPublicKeyFromDid(s.signer), input, s.signature)))
}

function reportSignatures(record: SignedRecord, verdicts: readonly boolean[], findings: Findings): boolean {
  if (verdicts.includes(false)) {
    const bad = record.signatures.filter((_, i) => !verdicts[i])
    findings.fail('signatures', 'ERR_SIGNATURE_INVALID',
      `signature by ${bad.map((s) => s.signer).join(', ')} does not match the record: forged or altered`)
    return false
  }
  if (record.signatures.length === 1) findings.passed(signaturePasses.get(record.payload.iss, undefined, signatureDetail))
  else findings.pass('signatures', `signed by ${record.signatures.length} parties: ${record.signatures.map((s) => s.signer).join(', ')}`)
  return true
}

function checkValidity(record: SignedRecord, settings: Settings, findings: Findings): void {
  const { iat, nbf, exp } = record.payload
  const { now, skew } = settings
  const start = Math.max(iat, nbf ?? 0)
  if (now + skew < start) {
    findings.fail('validity', 'ERR_NOT_YET_VALID', `not valid before ${isoSeconds(start)}`)
  } else if (exp !== undefined && now - skew >= exp) {
    findings.fail('validity', 'ERR_EXPIRED', `expired at ${isoSeconds(exp)}`)
  } else {
    findings.passed(validityPasses.get(iat, exp, validityDetail))
  }
}

function checkIssuer(record: SignedRecord, settings: Settings, findings: Findings): Promise<void> | undefined {
  const { iss, type } = record.payload
  if (settings.trustedIssuers === undefined) return undefined
  const report = (trusted: boolean): void => {
    if (trusted) findings.passed(issuerPasses.get(type, iss, issuerDetail))
    else findings.fail('issuer', 'ERR_UNTRUSTED_ISSUER', `issuer ${iss} is not trusted for "${type}" records`)
  }
  const answer = isTrustedIssuer(settings.trustedIssuers, iss, type)
  if (typeof answer !== 'boolean') return answer.then(report)
  report(answer)
  return undefined
}

function checkSigners(record: SignedRecord, settings: Settings, findings: Findings): void {
  if (settings.requiredSigners.length === 0) return
  const signed = new Set(record.signatures.map((s) => s.signer))
  const missing = settings.requiredSigners.filter((d) => !signed.has(d))
  if (missing.length > 0) {
    findings.fail('signers', 'ERR_MISSING_SIGNER', `not signed by ${missing.join(', ')}`)
  } else {
    findings.pass('signers', `signed by every required party (${settings.requiredSigners.length})`)
  }
}

/**
 * A further check run on genuine records after the core ones — the registry status check plugs in
 * here (layer 4), so this layer never imports the registry.
 */
export type ExtraCheck = (record: SignedRecord, now: number, skew: number, findings: Findings) => Promise<void>

/** What {@link runRecordChecks} found: the checks, and the record when the input decoded. */
export interface RecordChecks {
  findings: Findings
  record: SignedRecord | undefined
}

/**
 * @internal shared by verify, verifyMany and the registry-aware verifiers. Answers without a
 * promise when nothing needs one (a synchronous signature backend through `verifyNow`, a list or
 * map of trusted issuers, no extra check): each hop costs the one-at-a-time hot path.
 */
export function runRecordChecks(
  input: unknown,
  settings: Settings,
  verifySignature: VerifySignature,
  extra?: ExtraCheck,
  verifyNow?: VerifyNow,
): RecordChecks | Promise<RecordChecks> {
  const findings = new Findings()
  const record = decodeInput(input, settings, findings)
  if (record === undefined) return { findings, record }
  const verdicts = signatureVerdicts(record, verifySignature, verifyNow)
  if (Array.isArray(verdicts)) return afterSignatures(record, verdicts, settings, findings, extra)
  return verdicts.then((v) => afterSignatures(record, v, settings, findings, extra))
}

/** @internal the checks after the signatures; answers without a promise when it can */
export function afterSignatures(record: SignedRecord, verdicts: readonly boolean[], settings: Settings, findings: Findings, extra: ExtraCheck | undefined): RecordChecks | Promise<RecordChecks> {
  if (!reportSignatures(record, verdicts, findings)) return { findings, record }
  checkValidity(record, settings, findings)
  const issuerChecked = checkIssuer(record, settings, findings)
  if (issuerChecked === undefined && extra === undefined) {
    checkSigners(record, settings, findings)
    return { findings, record }
  }
  return finishChecks(record, settings, findings, issuerChecked, extra)
}

async function finishChecks(record: SignedRecord, settings: Settings, findings: Findings, issuerChecked: Promise<void> | undefined, extra: ExtraCheck | undefined): Promise<RecordChecks> {
  if (issuerChecked !== undefined) await issuerChecked
  checkSigners(record, settings, findings)
  if (extra !== undefined) await extra(record, settings.now, settings.skew, findings)
  return { findings, record }
}

/**
 * Verifies a signed record: decoding and canonical form, every signature (first, so a forgery is
 * reported as such), the validity window, the issuer against `trustedIssuers`, and
 * `requiredSigners`. Never throws on bad data.
 *
 * @param input - the record as text (`u…`), bytes, or a decoded {@link SignedRecord}
 * @param options - see {@link VerifyOptions}
 * @returns the {@link VerifyResult}
 * @throws {TypeError | RangeError} only for programmer mistakes (wrong argument types, bad options)
 * @example
 * ```ts
 * import { verify } from 'counterfoil/verify'
 * const result = await verify(text, { trustedIssuers: [shopDid] })
 * if (!result.valid) console.log(result.errors.map((e) => e.code)) // e.g. ['ERR_EXPIRED']
 * ```
 */
export async function verify(input: SignedRecord | Uint8Array | string, options: VerifyOptions = {}, extra?: ExtraCheck): Promise<VerifyResult> {
  return verifyNowOrLater(input, options, extra)
}

/**
 * @internal {@link verify}, answered without a promise when every check could be (see
 * {@link runRecordChecks}): lets the public `verify` skip its async frames on the hot path.
 * Throws (synchronously) where `verify` rejects.
 */
export function verifyNowOrLater(input: SignedRecord | Uint8Array | string, options: VerifyOptions = {}, extra?: ExtraCheck): VerifyResult | Promise<VerifyResult> {
  const settings = settingsFrom(options)
  const checked = runRecordChecks(input, settings, verifyEd25519, extra, verifyEd25519Now)
  if (checked instanceof Promise) return checked.then(({ findings, record }) => findings.result(record))
  return checked.findings.result(checked.record)
}

/** Signature checks kept in flight by {@link verifyMany} unless told otherwise. */
export const DEFAULT_CONCURRENCY = 64

/**
 * Verifies many records with many signature checks in flight (on Node, OpenSSL on the libuv thread
 * pool, so all cores work; with `sodium-native` installed, a few there and the rest with libsodium
 * on this thread). Results come back in input order, exactly as {@link verify} gives them.
 *
 * @param inputs - records in any form {@link verify} accepts
 * @param options - {@link VerifyOptions}, plus `concurrency` (default 64): the most signature
 *   checks in flight on the pool (with libsodium, fewer: see `Ed25519Backend.batchPoolLimit`)
 * @returns one {@link VerifyResult} per input, same order
 * @throws {TypeError | RangeError} only for programmer mistakes
 * @example
 * ```ts
 * const results = await verifyMany(texts, { trustedIssuers: [shopDid] })
 * const forged = results.filter((r) => r.errors.some((e) => e.code === 'ERR_SIGNATURE_INVALID'))
 * ```
 */
export async function verifyMany(
  inputs: Iterable<SignedRecord | Uint8Array | string>,
  options: VerifyOptions & { concurrency?: number } = {},
  extra?: ExtraCheck,
): Promise<VerifyResult[]> {
  // Loaded on first use: a page that verifies one record at a time never downloads the batch code.
  return (await import('./verify-many.js')).verifyBatch(inputs, options, extra)
}
