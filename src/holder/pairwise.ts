/**
 * Pairwise identities: one did:key per counterparty, all derived from one wallet seed, so two
 * companies comparing notes see two unrelated keys. HKDF-SHA256 (RFC 5869) over the wallet seed,
 * with the counterparty's DID in the domain-tagged `info`.
 */
import { hkdf } from '@noble/hashes/hkdf.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { utf8 } from '../codec/bytes.js'
import { DOMAIN, domainSeparated } from '../codec/domain.js'
import type { KeyPair, Signer } from '../keys/interface.js'
import { keyPairFromSeed, signerFromSeed } from '../keys/signer.js'
import { SEED_LENGTH } from '../keys/strict.js'

const DID_PATTERN = /^did:[a-z0-9]+:[A-Za-z0-9._:%-]+$/
const MAX_DID_LENGTH = 2048

function relationshipSeed(holderSeed: Uint8Array, counterpartyDid: string): Uint8Array {
  if (!(holderSeed instanceof Uint8Array)) throw new TypeError('"holderSeed" expected Uint8Array')
  if (holderSeed.length !== SEED_LENGTH) throw new RangeError(`"holderSeed" expected Uint8Array of length ${SEED_LENGTH}, got length=${holderSeed.length}`)
  if (typeof counterpartyDid !== 'string' || counterpartyDid.length > MAX_DID_LENGTH || !DID_PATTERN.test(counterpartyDid)) {
    throw new TypeError(`"counterpartyDid" expected a DID (did:method:id), got ${JSON.stringify(counterpartyDid)}`)
  }
  // RFC 5869 §2: IKM = the wallet seed (already uniformly random, so no salt is needed, §3.1),
  // info = "counterfoil/v1/relationship-key" 0x00 ‖ UTF-8 DID, L = 32.
  return hkdf(sha256, holderSeed, undefined, domainSeparated(DOMAIN.relationshipKey, utf8(counterpartyDid)), SEED_LENGTH)
}

/**
 * The holder's key pair for its relationship with one counterparty: deterministic (the wallet keeps
 * only `holderSeed`), different for every counterparty, and revealing neither the wallet seed nor
 * any other relationship's key. The DID is compared as given: use the counterparty's DID in one
 * fixed spelling.
 *
 * @param holderSeed - the wallet's 32-byte secret seed
 * @param counterpartyDid - the company's DID, e.g. its did:key
 * @returns `{ seed, publicKey, did }` for this relationship
 * @throws {TypeError | RangeError} for a bad seed or DID
 * @example
 * ```ts
 * const forShop = await deriveRelationshipKey(wallet.seed, shopDid)
 * await issue({ signer: shop, subject: forShop.did, type: 'purchase', claims })
 * ```
 */
export async function deriveRelationshipKey(holderSeed: Uint8Array, counterpartyDid: string): Promise<KeyPair> {
  return keyPairFromSeed(relationshipSeed(holderSeed, counterpartyDid))
}

/**
 * A {@link Signer} for the holder's relationship key with one counterparty: sign presentations and
 * proposals to that counterparty with it.
 *
 * @param holderSeed - the wallet's 32-byte secret seed
 * @param counterpartyDid - the company's DID
 * @returns the signer of {@link deriveRelationshipKey}'s key
 * @example
 * ```ts
 * const me = await relationshipSigner(wallet.seed, repairShopDid)
 * const p = await present({ holder: me, records: [receipt], audience: repairShopDid, nonce })
 * ```
 */
export async function relationshipSigner(holderSeed: Uint8Array, counterpartyDid: string): Promise<Signer> {
  return signerFromSeed(relationshipSeed(holderSeed, counterpartyDid))
}
