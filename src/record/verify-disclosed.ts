/**
 * `verify` for a disclosed record (docs/spec.md §11.4): the signed record is verified exactly as
 * any other, and one more check, `disclosure`, matches every disclosure and named withheld claim
 * against the record's digests before the visible claims are put together.
 */
import { CounterfoilError } from '../errors.js'
import { decodeDisclosedRecord, type DisclosedRecord } from './disclosed-record.js'
import { applyDisclosures, type DisclosureSummary } from './disclosure.js'
import type { VerifyResult } from './result.js'
import { Findings, verify, type ExtraCheck, type VerifyOptions } from './verify.js'

function describe(s: DisclosureSummary): string {
  const shown = s.disclosed.length === 0 ? 'no claim disclosed' : `disclosed ${s.disclosed.join(', ')}`
  const named = s.withheld.length === 0 ? '' : `; withheld ${s.withheld.join(', ')}`
  return `${shown}${named}; ${s.undisclosed} other digest(s) not shown (withheld claims or decoys)`
}

/**
 * Verifies a disclosed record: the signed record inside as {@link verify} does, then its
 * disclosures (check `disclosure`). Never throws on bad data.
 *
 * @param input - a {@link DisclosedRecord}, its bytes or its `u…` text
 * @param options - as for {@link verify}
 * @param extra - a further check (registry status), run after the disclosures
 * @returns the result, with `disclosure` (claims as shown, disclosed and withheld paths) when the
 *   disclosures matched
 * @example
 * ```ts
 * const result = await verifyDisclosed(text, { trustedIssuers: [maker] })
 * result.disclosure?.claims // { serial: 'SN-1', expires: '2028-03-01' }
 * ```
 */
export async function verifyDisclosed(input: DisclosedRecord | Uint8Array | string, options: VerifyOptions = {}, extra?: ExtraCheck): Promise<VerifyResult> {
  let shown: DisclosedRecord
  try {
    shown = decodeDisclosedRecord(input, options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes })
  } catch (e) {
    if (!(e instanceof CounterfoilError)) throw e
    const findings = new Findings()
    findings.fail('decode', e.code, e.message)
    return findings.result()
  }
  let summary: DisclosureSummary | undefined
  const check: ExtraCheck = async (record, now, skew, findings) => {
    try {
      summary = applyDisclosures(record.payload, shown.disclosures, shown.withheld)
      findings.pass('disclosure', describe(summary))
    } catch (e) {
      if (!(e instanceof CounterfoilError)) throw e
      findings.fail('disclosure', e.code, e.message)
    }
    if (extra !== undefined) await extra(record, now, skew, findings)
  }
  const result = await verify(shown.record, options, check)
  return summary === undefined ? result : { ...result, disclosure: summary }
}

/**
 * Adds the disclosure summary to the result of a plain record that has disclosable claims (none
 * disclosed: the verifier sees the clear claims only).
 *
 * @param result - a result from `verify`
 * @returns the same result, with `disclosure` when the record has digests
 * @example
 * ```ts
 * const result = withDisclosureSummary(await verify(record.toString()))
 * result.disclosure?.undisclosed // digests not shown
 * ```
 */
export function withDisclosureSummary(result: VerifyResult): VerifyResult {
  const payload = result.record?.payload
  if (payload?.sd === undefined || result.disclosure !== undefined) return result
  return { ...result, disclosure: applyDisclosures(payload, []) }
}
