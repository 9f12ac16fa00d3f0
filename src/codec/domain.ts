import { concat, utf8 } from './bytes.js'

/**
 * Domain tags: every signed or hashed thing starts with its own tag and a zero byte, so a signature
 * (or commitment) made for one purpose can never be replayed as another. See docs/spec.md §3.
 */
export const DOMAIN = {
  record: 'counterfoil/v1/record',
  commitment: 'counterfoil/v1/commitment',
  status: 'counterfoil/v1/status',
  statement: 'counterfoil/v1/statement',
  snapshot: 'counterfoil/v1/snapshot',
  bucket: 'counterfoil/v1/bucket',
  presentation: 'counterfoil/v1/presentation',
  submission: 'counterfoil/v1/submission',
  revocationSeed: 'counterfoil/v1/revocation-seed',
  succession: 'counterfoil/v1/succession',
  disclosure: 'counterfoil/v1/disclosure',
  disclosureValue: 'counterfoil/v1/disclosure-value',
  relationshipKey: 'counterfoil/v1/relationship-key',
} as const

/** One of the {@link DOMAIN} tags. */
export type DomainTag = (typeof DOMAIN)[keyof typeof DOMAIN]

/**
 * `tag ‖ 0x00 ‖ body`: the byte string that is signed or hashed for a given purpose.
 *
 * @param tag - a {@link DOMAIN} tag
 * @param body - the bytes being bound to that purpose
 * @returns the domain-separated bytes
 * @example
 * ```ts
 * const input = domainSeparated(DOMAIN.record, cid.bytes)
 * ```
 */
export function domainSeparated(tag: DomainTag, body: Uint8Array): Uint8Array {
  return concat([utf8(tag), new Uint8Array([0]), body])
}
