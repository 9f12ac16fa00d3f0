/**
 * A verification result in plain words, for people who have never heard of a signature.
 */
import type { CheckName, VerifyResult } from 'counterfoil/verify'

const CHECK_TITLES: Record<CheckName, string> = {
  decode: 'Readable record',
  signatures: 'Signed by its issuer and unchanged since',
  validity: 'Within its validity period',
  issuer: 'Issuer',
  signers: 'Signed by everyone required',
  status: 'Not revoked, suspended or withdrawn (asked the registry)',
}

/** One line of the verifier's checklist. */
export interface ExplainedCheck {
  readonly ok: boolean
  readonly title: string
  readonly detail: string
}

/**
 * The checklist and the one-line verdict for a result.
 *
 * @param result - what `verify` returned
 * @returns `{ verdict, checks }`; the verdict starts with `Valid` or `Not valid`
 * @example
 * ```ts
 * explain(result).verdict // 'Not valid: revoked by its issuer'
 * ```
 */
export function explain(result: VerifyResult): { verdict: string; checks: ExplainedCheck[] } {
  const checks = result.checks.map((c) => ({ ok: c.ok, title: CHECK_TITLES[c.name] ?? c.name, detail: c.detail }))
  const verdict = result.valid
    ? 'Valid: genuine, unchanged, in date, and not revoked.'
    : `Not valid: ${result.errors.map((e) => `${e.message} (${e.code})`).join('; ')}`
  return { verdict, checks }
}
