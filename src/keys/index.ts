/**
 * `counterfoil/keys`: Ed25519 keys, did:key, key formats and signers, with RFC 8032 strict
 * verification that gives the same answer on every backend (node:crypto, Web Crypto, noble).
 *
 * @example
 * ```ts
 * import { generateKeyPair, signerFromSeed, verifyEd25519 } from 'counterfoil/keys'
 * const { seed, did } = await generateKeyPair()
 * const signer = await signerFromSeed(seed)
 * const message = new TextEncoder().encode('hello')
 * await verifyEd25519(signer.publicKey, message, await signer.sign(message)) // true
 * ```
 *
 * @module
 */
export type { Ed25519Backend, KeyPair, Signer } from './interface.js'
export {
  activeBackend,
  publicKeyFromSeed,
  selectBackend,
  signEd25519,
  verifyEd25519,
  verifyEd25519Concurrent,
  type BackendName,
} from './ed25519.js'
export { didFromPublicKey, isEd25519Did, publicKeyFromDid } from './did.js'
export {
  jwkFromPublicKey,
  jwkFromSeed,
  multibaseFromPublicKey,
  publicKeyFromJwk,
  publicKeyFromMultibase,
  seedFromJwk,
  type Ed25519PrivateJwk,
  type Ed25519PublicJwk,
} from './formats.js'
export {
  generateCryptoKeySigner,
  generateKeyPair,
  keyPairFromSeed,
  signerFromCallback,
  signerFromCryptoKey,
  signerFromSeed,
  type CryptoKeySigner,
  type SignerCallback,
} from './signer.js'
export {
  checkPublicKey,
  isValidPublicKey,
  isWellFormedSignature,
  PUBLIC_KEY_LENGTH,
  SEED_LENGTH,
  SIGNATURE_LENGTH,
} from './strict.js'
