/**
 * A verification result in plain words, for people who have never heard of a signature.
 */
import type { ErrorCode } from 'counterfoil/errors'
import type { PresentationResult } from 'counterfoil/holder'
import type { CheckName, VerifyError, VerifyResult } from 'counterfoil/verify'

const CHECK_TITLES: Record<CheckName, string> = {
  decode: 'Readable record',
  signatures: 'Signed by its issuer and unchanged since',
  validity: 'Within its validity period',
  issuer: 'Issuer',
  signers: 'Signed by everyone required',
  status: 'Not revoked, suspended or withdrawn',
  disclosure: 'Disclosed claims match what the issuer signed',
  audience: 'Made for this verifier',
  nonce: "Answers this page's challenge",
  freshness: 'Made just now, not expired',
  replay: 'Shown here for the first time (not a replay)',
  holder: 'Shown by the customer it was issued to',
  records: 'Every record in it valid',
}

/** The presentation's own checks read differently from a record's (spec §12.3). */
const PRESENTATION_TITLES: Partial<Record<CheckName, string>> = {
  decode: 'Readable presentation',
  signatures: "Signed by the customer's own key",
}

/** Plain words for the codes a person is likely to meet; other codes fall back to the library's message. */
const PLAIN: Partial<Record<ErrorCode, string>> = {
  ERR_WRONG_AUDIENCE: 'it was made for another verifier',
  ERR_NONCE_MISMATCH: "it answers another challenge than this page's",
  ERR_REPLAYED: 'it was already shown here once: a copy cannot be shown again',
  ERR_HOLDER_NOT_SUBJECT: 'the person showing it is not the customer it was issued to',
  ERR_PRESENTATION_EXPIRED: 'it is too old: ask the customer to present again',
  ERR_NOT_YET_VALID: "its date is in the future: check this device's clock",
  ERR_SIGNATURE_INVALID: 'a signature does not match: forged or altered',
  ERR_MALFORMED: 'the text is not a readable presentation',
  ERR_NON_CANONICAL: 'the text is not a readable presentation',
  ERR_REVOKED: 'the record was revoked by its issuer',
  ERR_SUSPENDED: 'the record is suspended by its issuer',
  ERR_WITHDRAWN: 'the record was withdrawn by its holder',
  ERR_EXPIRED: 'the record has expired',
  ERR_STATUS_UNAVAILABLE: 'the registry could not be asked whether it was revoked',
  ERR_STATUS_STALE: 'the status answer is too old to rely on',
}

/** One line of the verifier's checklist. */
export interface ExplainedCheck {
  readonly ok: boolean
  readonly title: string
  readonly detail: string
}

/**
 * A reason in plain words, with its code.
 *
 * @param error - one of a result's errors
 * @returns e.g. `the record was revoked by its issuer (ERR_REVOKED)`
 * @example
 * ```ts
 * plainReason({ code: 'ERR_REPLAYED', message: '…' }) // 'it was already shown here once: … (ERR_REPLAYED)'
 * ```
 */
export function plainReason(error: VerifyError): string {
  return `${PLAIN[error.code] ?? error.message.replace(/^counterfoil: /, '')} (${error.code})`
}

/** Where the status came from, read off the check's detail (`staple answer from …` / `online answer from …`). */
function statusTitle(detail: string): string {
  const source = /\bstaple answer\b/.test(detail) ? "the registry's signed note, stapled by the customer" : 'asked the registry'
  return `${CHECK_TITLES.status} (${source})`
}

function verdictOf(valid: boolean, errors: readonly VerifyError[]): string {
  if (valid) return 'Valid: genuine, unchanged, in date, and not revoked.'
  const reasons = [...new Set(errors.map(plainReason))]
  return `Not valid: ${reasons.join('; ')}`
}

/**
 * The checklist and the one-line verdict for a record's result.
 *
 * @param result - what `verify` returned
 * @returns `{ verdict, checks }`; the verdict starts with `Valid` or `Not valid`
 * @example
 * ```ts
 * explain(result).verdict // 'Not valid: the record was revoked by its issuer (ERR_REVOKED)'
 * ```
 */
export function explain(result: VerifyResult): { verdict: string; checks: ExplainedCheck[] } {
  const checks = result.checks.map((c) => ({ ok: c.ok, title: c.name === 'status' ? statusTitle(c.detail) : CHECK_TITLES[c.name] ?? c.name, detail: c.detail }))
  return { verdict: verdictOf(result.valid, result.errors), checks }
}

/**
 * The checklist and verdict for a presentation: its own checks (customer's signature, audience,
 * nonce, freshness, replay, holder = subject), then each record's checks, titled `Record n: …`.
 *
 * @param result - what `verifyPresentation` returned
 * @returns `{ verdict, checks }`; the verdict starts with `Valid` or `Not valid`
 * @example
 * ```ts
 * explainPresentation(replayed).verdict // 'Not valid: it was already shown here once: … (ERR_REPLAYED)'
 * ```
 */
export function explainPresentation(result: PresentationResult): { verdict: string; checks: ExplainedCheck[] } {
  const own = result.checks.map((c) => ({ ok: c.ok, title: PRESENTATION_TITLES[c.name] ?? CHECK_TITLES[c.name] ?? c.name, detail: c.detail }))
  const many = result.records.length > 1
  const records = result.records.flatMap((r, i) => explain(r).checks.map((c) => ({ ...c, title: many ? `Record ${i + 1}: ${c.title}` : `Record: ${c.title}` })))
  return { verdict: verdictOf(result.valid, result.errors), checks: [...own, ...records] }
}
