/**
 * Which issuers a verifier trusts: a list of DIDs, a map from record type to DIDs (`'*'` for any
 * type), or a function (for a directory lookup, say).
 *
 * @example
 * ```ts
 * const trusted: TrustedIssuers = { warranty: [manufacturerDid], '*': [shopDid] }
 * ```
 */
export type TrustedIssuers =
  | readonly string[]
  | Readonly<Record<string, readonly string[]>>
  | ((issuer: string, type: string) => boolean | Promise<boolean>)

/**
 * Whether `issuer` is trusted for records of `type`.
 *
 * @param trusted - the verifier's policy
 * @param issuer - the record's `iss`
 * @param type - the record's `type`
 * @returns true when trusted; a promise only when `trusted` is a function (lists and maps answer at
 *   once, so `verify` needs no extra promise hop for them)
 */
export function isTrustedIssuer(trusted: TrustedIssuers, issuer: string, type: string): boolean | Promise<boolean> {
  if (typeof trusted === 'function') return Promise.resolve(trusted(issuer, type)).then((ok) => ok === true)
  if (Array.isArray(trusted)) return (trusted as readonly string[]).includes(issuer)
  const byType = trusted as Readonly<Record<string, readonly string[]>>
  const forType = Object.prototype.hasOwnProperty.call(byType, type) ? byType[type] : undefined
  const forAny = Object.prototype.hasOwnProperty.call(byType, '*') ? byType['*'] : undefined
  return (forType?.includes(issuer) ?? false) || (forAny?.includes(issuer) ?? false)
}

/** Throws `TypeError` unless `trusted` has one of the {@link TrustedIssuers} shapes. */
export function assertTrustedIssuers(trusted: unknown): asserts trusted is TrustedIssuers {
  if (typeof trusted === 'function') return
  if (Array.isArray(trusted)) {
    if (trusted.every((d) => typeof d === 'string')) return
  } else if (typeof trusted === 'object' && trusted !== null) {
    if (Object.values(trusted).every((list) => Array.isArray(list) && list.every((d) => typeof d === 'string'))) return
  }
  throw new TypeError('"trustedIssuers" expected an array of DIDs, a map from record type to DIDs, or a function')
}
