/**
 * The verifier's challenge: who it is (the audience) and a fresh nonce, handed to the wallet as
 * one line of text (pasted, or scanned from its QR code). The wallet signs a presentation bound to
 * both (spec §12.1); the verifier checks it against the challenge it made, not against the text the
 * wallet sends back.
 */
import { CounterfoilError } from 'counterfoil/errors'
import { createNonce } from 'counterfoil/holder'

/** What a verifier asks a wallet to answer. */
export interface Challenge {
  /** The verifier: its origin or DID, exactly as it will check it. */
  readonly audience: string
  /** A fresh random nonce, used once. */
  readonly nonce: string
}

/** Spec §12.1: `aud` and `nonce` are 1–2048 characters. */
const MAX_FIELD = 2048
/** The first word of a challenge's text form, so a pasted record is not mistaken for one. */
const PREFIX = 'counterfoil-challenge'

/**
 * A new challenge for `audience`, with a fresh nonce from `createNonce`.
 *
 * @param audience - the verifier's origin or DID
 * @returns the challenge
 * @throws {RangeError} for an empty or over-long audience
 * @example
 * ```ts
 * const challenge = createChallenge(window.location.origin)
 * ```
 */
export function createChallenge(audience: string): Challenge {
  if (audience.length === 0 || audience.length > MAX_FIELD) throw new RangeError(`"audience" expected 1–${MAX_FIELD} characters, got ${audience.length}`)
  return { audience, nonce: createNonce() }
}

/**
 * The challenge as one line of text: `counterfoil-challenge aud=…&nonce=…` (URL-encoded fields).
 *
 * @param challenge - the challenge
 * @returns the text to show or encode as a QR code
 * @example
 * ```ts
 * formatChallenge({ audience: 'https://desk.example', nonce: 'uAbC' }) // 'counterfoil-challenge aud=https%3A%2F%2Fdesk.example&nonce=uAbC'
 * ```
 */
export function formatChallenge(challenge: Challenge): string {
  return `${PREFIX} ${new URLSearchParams({ aud: challenge.audience, nonce: challenge.nonce }).toString()}`
}

/**
 * Reads a challenge a verifier showed.
 *
 * @param text - what the customer pasted or scanned (surrounding whitespace is ignored)
 * @returns the challenge
 * @throws {CounterfoilError} `ERR_MALFORMED` when the text is not exactly one challenge
 * @example
 * ```ts
 * const { audience, nonce } = parseChallenge(field.value)
 * ```
 */
export function parseChallenge(text: string): Challenge {
  const trimmed = text.trim()
  if (!trimmed.startsWith(`${PREFIX} `)) throw new CounterfoilError('ERR_MALFORMED', `a challenge starts with "${PREFIX} "; paste the verifier's challenge, not a record`)
  const params = new URLSearchParams(trimmed.slice(PREFIX.length + 1))
  const keys = [...params.keys()]
  if (keys.length !== 2 || !params.has('aud') || !params.has('nonce')) throw new CounterfoilError('ERR_MALFORMED', 'a challenge has exactly "aud" and "nonce"')
  const audience = params.get('aud') ?? ''
  const nonce = params.get('nonce') ?? ''
  for (const [name, value] of [['aud', audience], ['nonce', nonce]] as const) {
    if (value.length === 0 || value.length > MAX_FIELD) throw new CounterfoilError('ERR_MALFORMED', `the challenge's "${name}" must be 1–${MAX_FIELD} characters`)
  }
  return { audience, nonce }
}
