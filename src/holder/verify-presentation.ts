/**
 * `verifyPresentation`: is this presentation from the records' subject, for me, answering my nonce,
 * fresh, shown once — and is every record in it valid? Never throws on bad data.
 */
import { CounterfoilError } from '../errors.js'
import { publicKeyFromDid } from '../keys/did.js'
import { verifyEd25519 } from '../keys/ed25519.js'
import { decodeDisclosedRecord, DisclosedRecord, isDisclosedRecordForm } from '../record/disclosed-record.js'
import { decodeRecord, SignedRecord } from '../record/envelope.js'
import type { Check, VerifyError, VerifyResult } from '../record/result.js'
import { DEFAULT_CLOCK_SKEW, Findings, MAX_CLOCK_SKEW } from '../record/verify.js'
import { nowSeconds, toSeconds } from '../record/time.js'
import { verify, type VerifyOptions } from '../verify.js'
import { memoryNonceStore, type NonceStore } from './nonce-store.js'
import { decodePresentation, presentationSigningInput, type Presentation } from './presentation.js'

/** Options for {@link verifyPresentation}: the record options of `verify`, plus the presentation's. */
export interface VerifyPresentationOptions extends Omit<VerifyOptions, 'staple' | 'maxBytes'> {
  /** Who I am, exactly as I told the holder (my DID or origin). Required. */
  audience: string
  /** The nonce I gave the holder for this exchange. Required. */
  nonce: string
  /** Where used nonces are remembered; default one in-memory store per process. */
  nonceStore?: NonceStore
  /** Longest presentation lifetime (`exp - iat`) accepted, seconds; default 600. */
  maxAge?: number
  /** Largest presentation accepted, bytes; default 1 MiB. */
  maxBytes?: number
}

/** What {@link verifyPresentation} found: the presentation's checks, and one result per record. */
export interface PresentationResult {
  /** True when the presentation and every record in it passed. */
  readonly valid: boolean
  /** The holder's did:key, when the presentation decoded. */
  readonly holder?: string
  /** The decoded presentation, when it decoded. */
  readonly presentation?: Presentation
  /** The presentation's own checks, in order. */
  readonly checks: readonly Check[]
  /** Every reason it is not valid: the presentation's, then each record's (prefixed by its index). */
  readonly errors: readonly VerifyError[]
  /** One `verify` result per record, in order (empty when the records were not checked). */
  readonly records: readonly VerifyResult[]
}

/** Default {@link VerifyPresentationOptions.maxAge}, seconds. */
export const DEFAULT_MAX_PRESENTATION_AGE = 600

let sharedNonceStore: NonceStore | undefined

function settings(options: VerifyPresentationOptions): { now: number; skew: number; maxAge: number; nonceStore: NonceStore } {
  if (typeof options !== 'object' || options === null) throw new TypeError('"options" expected an object')
  if (typeof options.audience !== 'string' || options.audience.length === 0) throw new TypeError('"audience" expected the verifier\'s DID or origin')
  if (typeof options.nonce !== 'string' || options.nonce.length === 0) throw new TypeError('"nonce" expected the nonce given to the holder')
  const skew = options.clockSkew ?? DEFAULT_CLOCK_SKEW
  if (!Number.isSafeInteger(skew) || skew < 0 || skew > MAX_CLOCK_SKEW) throw new RangeError(`"clockSkew" expected integer seconds from 0 to ${MAX_CLOCK_SKEW}`)
  const maxAge = options.maxAge ?? DEFAULT_MAX_PRESENTATION_AGE
  if (!Number.isSafeInteger(maxAge) || maxAge <= 0) throw new RangeError(`"maxAge" expected positive integer seconds, got ${maxAge}`)
  if (options.nonceStore !== undefined && typeof options.nonceStore.claim !== 'function') throw new TypeError('"nonceStore" expected a NonceStore')
  const nonceStore = options.nonceStore ?? (sharedNonceStore ??= memoryNonceStore())
  return { now: options.now === undefined ? nowSeconds() : toSeconds(options.now, 'now'), skew, maxAge, nonceStore }
}

/** Decodes a shown record once, for the holder check and for `verify`; bad bytes stay bytes (verify reports them). */
function decodeShown(bytes: Uint8Array): DisclosedRecord | SignedRecord | Uint8Array {
  try {
    return isDisclosedRecordForm(bytes) ? decodeDisclosedRecord(bytes) : decodeRecord(bytes)
  } catch (e) {
    if (e instanceof CounterfoilError) return bytes
    throw e
  }
}

/**
 * Verifies a presentation, in this order: decoding; the holder's signature (first, so a forgery is
 * reported as such); audience; nonce; freshness (`iat`, `exp`, lifetime at most `maxAge`); replay
 * (the nonce is claimed in the `nonceStore`, once); holder binding (the holder is the `sub` of
 * every record); then every record as `verify` does, with its stapled status note when the verifier
 * trusts a registry key. Never throws on bad data.
 *
 * @param input - the presentation as text, bytes or decoded
 * @param options - see {@link VerifyPresentationOptions}; `audience` and `nonce` are required
 * @returns a {@link PresentationResult}
 * @throws {TypeError | RangeError} only for programmer mistakes; what `nonceStore.claim` throws
 * @example
 * ```ts
 * const result = await verifyPresentation(text, { audience: 'https://repair.example', nonce, trustedIssuers: [maker] })
 * if (result.valid) console.log(result.records[0]?.disclosure?.claims)
 * ```
 */
export async function verifyPresentation(input: Presentation | Uint8Array | string, options: VerifyPresentationOptions): Promise<PresentationResult> {
  const { now, skew, maxAge, nonceStore } = settings(options)
  const findings = new Findings()
  const done = (presentation?: Presentation, records: VerifyResult[] = []): PresentationResult => {
    const errors = [
      ...findings.errors,
      ...records.flatMap((r, i) => r.errors.map((e) => ({ code: e.code, message: `record ${i}${r.id === undefined ? '' : ` (${r.id})`}: ${e.message}` }))),
    ]
    return {
      valid: errors.length === 0,
      ...(presentation === undefined ? {} : { holder: presentation.payload.holder, presentation }),
      checks: findings.checks, errors, records,
    }
  }
  if (typeof input !== 'string' && !(input instanceof Uint8Array) && (typeof input !== 'object' || input === null)) {
    throw new TypeError('"input" expected a Presentation, Uint8Array or string')
  }
  let p: Presentation
  try {
    p = decodePresentation(input, options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes })
    findings.pass('decode', `presentation of ${p.payload.records.length} record(s) by ${p.payload.holder}`)
  } catch (e) {
    if (!(e instanceof CounterfoilError)) throw e
    findings.fail('decode', e.code, e.message)
    return done()
  }
  const { holder, aud, nonce, iat, exp, records, staples } = p.payload
  if (!(await verifyEd25519(publicKeyFromDid(holder), presentationSigningInput(p.cid), p.signature))) {
    findings.fail('signatures', 'ERR_SIGNATURE_INVALID', `the presentation's signature by ${holder} does not match: forged or altered`)
    return done(p)
  }
  findings.pass('signatures', `signed by the holder ${holder}`)
  if (aud !== options.audience) {
    findings.fail('audience', 'ERR_WRONG_AUDIENCE', `made for ${JSON.stringify(aud)}, not ${JSON.stringify(options.audience)}`)
  } else {
    findings.pass('audience', `made for ${aud}`)
  }
  if (nonce !== options.nonce) findings.fail('nonce', 'ERR_NONCE_MISMATCH', 'answers another nonce than the one given')
  else findings.pass('nonce', 'answers the nonce given')
  if (now + skew < iat) {
    findings.fail('freshness', 'ERR_NOT_YET_VALID', `made in the future (${iat - now} s ahead)`)
  } else if (now - skew >= exp) {
    findings.fail('freshness', 'ERR_PRESENTATION_EXPIRED', `expired ${now - exp} s ago`)
  } else if (exp - iat > maxAge) {
    findings.fail('freshness', 'ERR_PRESENTATION_EXPIRED', `lives ${exp - iat} s, longer than the ${maxAge} s allowed`)
  } else {
    findings.pass('freshness', `made ${Math.max(0, now - iat)} s ago, expires in ${exp - now} s`)
  }
  if (findings.errors.length > 0) return done(p)
  // Claimed only for a genuine presentation meant for us, so nobody can burn our nonces with junk.
  if (!(await nonceStore.claim(`${aud}\u0000${nonce}`, exp + skew))) {
    findings.fail('replay', 'ERR_REPLAYED', 'this nonce was already used: the presentation is replayed')
    return done(p)
  }
  findings.pass('replay', 'first use of this nonce')
  // Holder binding: only the subject may show a record (a pairwise did:key is the subject itself).
  const shown = records.map(decodeShown)
  const strangers = shown.flatMap((r, i) => {
    const record = r instanceof DisclosedRecord ? r.record : r
    return record instanceof SignedRecord && record.payload.sub !== holder ? [`${i} (${record.id})`] : []
  })
  if (strangers.length > 0) {
    findings.fail('holder', 'ERR_HOLDER_NOT_SUBJECT', `the holder ${holder} is not the subject of record ${strangers.join(', ')}`)
  } else {
    findings.pass('holder', 'the holder is the subject of every record')
  }
  const { audience: _a, nonce: _n, nonceStore: _s, maxAge: _m, maxBytes: _b, ...recordOptions } = options
  const canStaple = options.registry !== undefined || (options.registryKeys?.length ?? 0) > 0
  const results = await Promise.all(shown.map((record, i) => {
    const staple = staples?.[i]
    return verify(record, canStaple && staple !== null && staple !== undefined ? { ...recordOptions, staple } : recordOptions)
  }))
  const bad = results.filter((r) => !r.valid).length
  // The records' own errors are listed by done(); the check only sums them up.
  findings.checks.push({ name: 'records', ok: bad === 0, detail: bad === 0 ? `all ${results.length} record(s) valid` : `${bad} of ${results.length} record(s) not valid` })
  return done(p, results)
}
