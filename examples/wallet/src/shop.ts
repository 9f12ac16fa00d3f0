/**
 * A stand-in for the company: in a real deployment this runs on the shop's server. It issues a
 * purchase receipt to the wallet's did:key, registers its counterfoil (a salted hash and revocation
 * keys, nothing else) and can later revoke it — for which the customer brings the record back, since
 * the shop keeps nothing but its key.
 */
import type { Signer } from 'counterfoil/keys'
import type { RegistryClient } from 'counterfoil/registry'
import { register, revoke } from 'counterfoil/revoke'
import { issue, type SignedRecord } from 'counterfoil/sign'

/** Two years, in seconds. */
const WARRANTY_SECONDS = 2 * 365 * 24 * 3600

/**
 * Issues a purchase receipt to `subject` and registers it.
 *
 * @param shop - the shop's signer
 * @param subject - the customer's did:key
 * @param registry - where the counterfoil goes
 * @param registryUrl - that registry's URL, written into the record (`reg`) so it is revocable
 * @returns the signed record, to hand to the customer
 * @example
 * ```ts
 * const record = await sell(shop, wallet.did, registry.client, registry.url)
 * ```
 */
export async function sell(shop: Signer, subject: string, registry: RegistryClient, registryUrl: string): Promise<SignedRecord> {
  const record = await issue({
    signer: shop,
    subject,
    type: 'purchase',
    claims: { items: [{ sku: 'KETTLE-2', name: 'Electric kettle', qty: 1, price: 3990 }], currency: 'EUR', store: 'Main St.' },
    expiresIn: WARRANTY_SECONDS,
    registry: registryUrl,
  })
  await register({ signer: shop, record, registry })
  return record
}

/**
 * Issues a newsletter consent to `subject` with the holder's own withdrawal key, and registers it:
 * the customer can later withdraw it at the registry without asking the shop.
 *
 * @param shop - the shop's signer
 * @param subject - the customer's did:key
 * @param holderKey - the customer's 32-byte public key that may withdraw it
 * @param registry - where the counterfoil goes
 * @param registryUrl - that registry's URL, written into the record
 * @returns the signed record
 * @example
 * ```ts
 * const record = await askConsent(shop, holder.did, holder.publicKey, registry.client, registry.url)
 * ```
 */
export async function askConsent(shop: Signer, subject: string, holderKey: Uint8Array, registry: RegistryClient, registryUrl: string): Promise<SignedRecord> {
  const record = await issue({
    signer: shop,
    subject,
    type: 'consent',
    claims: { purpose: 'newsletter', terms: 'use my e-mail only for the newsletter; delete it within 30 days of withdrawal' },
    registry: registryUrl,
    holderKey,
  })
  await register({ signer: shop, record, registry })
  return record
}

/**
 * The customer returns the item: the shop revokes the receipt at the registry.
 *
 * @param shop - the shop's signer (re-derives the record's revocation key)
 * @param text - the record the customer brought back
 * @param registry - where it is registered
 * @example
 * ```ts
 * await refund(shop, stored.text, registry.client)
 * ```
 */
export async function refund(shop: Signer, text: string, registry: RegistryClient): Promise<void> {
  await revoke({ signer: shop, record: text, registry, reason: 'superseded' })
}
