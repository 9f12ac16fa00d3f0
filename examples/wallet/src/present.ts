/**
 * What the wallet shows a verifier, and how the verifier checks it. The one place to change when
 * `counterfoil/holder`'s `present()` lands: make `present` return a signed presentation and
 * `checkPresentation` verify one; the pages only pass text between the two.
 */
import type { Signer } from 'counterfoil/keys'
import type { RegistryClient } from 'counterfoil/registry'
import { verify, type VerifyResult } from 'counterfoil/verify'
import type { StoredRecord } from './idb.js'

/**
 * The text the wallet hands over (as text and as a QR code). For now: the record's own text form.
 *
 * @param record - the stored record
 * @param _holder - the holder's signer (a future presentation is signed with it)
 * @returns text for the verifier
 * @example
 * ```ts
 * const text = await present(stored, holder.signer)
 * ```
 */
export async function present(record: StoredRecord, _holder: Signer): Promise<string> {
  return record.text
}

/**
 * Checks what a wallet presented: signatures, validity window, issuer, and status at the registry.
 * Never throws on bad text.
 *
 * @param text - what was pasted or scanned
 * @param registry - the registry to ask for status
 * @returns the verification result with every check that ran
 * @example
 * ```ts
 * const result = await checkPresentation(text, registry.client)
 * ```
 */
export function checkPresentation(text: string, registry: RegistryClient): Promise<VerifyResult> {
  return verify(text.trim(), { registry })
}
