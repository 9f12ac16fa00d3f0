/**
 * The registry's own signed artefacts (status notes, buckets, snapshots): DAG-CBOR
 * `{ body: bytes, signer: did, sig: bytes }` with `sig` over `tag 0x00 ‖ body`. Each kind has its own
 * domain tag, and every tag contains a 0x00 after it, which C2SP note text can never contain — so
 * no status answer can be mistaken for a checkpoint (or for each other) even under the same key.
 */
import { decodeCbor } from '../../codec/dag-cbor.js'
import { encodePlain } from '../cbor.js'
import { domainSeparated, type DomainTag } from '../../codec/domain.js'
import { CounterfoilError } from '../../errors.js'
import { publicKeyFromDid } from '../../keys/did.js'
import { verifyEd25519 } from '../../keys/ed25519.js'
import type { Signer } from '../../keys/interface.js'

/**
 * Signs `body` for `tag`.
 *
 * @param tag - the artefact's domain tag
 * @param body - canonical DAG-CBOR body
 * @param signer - the registry key
 * @returns the signed artefact's bytes
 */
export async function signArtefact(tag: DomainTag, body: Uint8Array, signer: Signer): Promise<Uint8Array> {
  const sig = await signer.sign(domainSeparated(tag, body))
  return encodePlain({ body, signer: signer.did, sig })
}

/**
 * Opens a signed artefact: checks it is well formed, signed for `tag` by one of `trusted`.
 *
 * @param tag - the expected domain tag
 * @param bytes - the artefact
 * @param trusted - registry DIDs whose signatures are accepted
 * @returns the body bytes and the signer
 * @throws {CounterfoilError} `ERR_MALFORMED`, `ERR_UNTRUSTED_ISSUER` or `ERR_SIGNATURE_INVALID`
 */
export async function openArtefact(tag: DomainTag, bytes: Uint8Array, trusted: readonly string[]): Promise<{ body: Uint8Array; signer: string }> {
  const value = decodeCbor(bytes, { maxDepth: 2 }) as Record<string, unknown>
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Uint8Array) {
    throw new CounterfoilError('ERR_MALFORMED', `${tag}: must be a map`)
  }
  const { body, signer, sig, ...rest } = value
  if (Object.keys(rest).length > 0 || !(body instanceof Uint8Array) || typeof signer !== 'string' || !(sig instanceof Uint8Array) || sig.length !== 64) {
    throw new CounterfoilError('ERR_MALFORMED', `${tag}: expected { body, signer, sig }`)
  }
  if (!trusted.includes(signer)) throw new CounterfoilError('ERR_UNTRUSTED_ISSUER', `${tag}: signed by ${signer}, not a trusted registry key`)
  if (!(await verifyEd25519(publicKeyFromDid(signer), domainSeparated(tag, body), sig))) {
    throw new CounterfoilError('ERR_SIGNATURE_INVALID', `${tag}: registry signature does not verify`)
  }
  return { body, signer }
}
