/**
 * `counterfoil/holder`: the customer's side — present records to one verifier (audience + nonce),
 * disclose only some claims, agree on terms with a company, use a different identity with every
 * company, follow key continuity, pass records on (links and transfers), and carry everything in
 * one portable wallet file. Browser-safe.
 *
 * @example
 * ```ts
 * import { disclose, present, verifyPresentation, createNonce, transfer, verifyChain } from 'counterfoil/holder'
 * const nonce = createNonce()                                     // verifier
 * const p = await present({ holder: me, records: [disclose(warranty, ['serial', 'expires'])], audience, nonce })
 * const result = await verifyPresentation(p.toString(), { audience, nonce, trustedIssuers: [maker] })
 * const handover = await transfer({ signer: firstOwner, record: warranty, to: secondOwnerDid })
 * const { currentHolder } = await verifyChain([warranty, handover], { trustedIssuers: [makerDid] })
 * ```
 * @module
 */
export { present, decodePresentation, Presentation, presentationSigningInput, PRESENTATION_VERSION, MAX_PRESENTED_RECORDS, DEFAULT_PRESENTATION_LIFETIME, type PresentOptions, type PresentationPayload } from './presentation.js'
export { verifyPresentation, DEFAULT_MAX_PRESENTATION_AGE, type VerifyPresentationOptions, type PresentationResult } from './verify-presentation.js'
export { memoryNonceStore, createNonce, DEFAULT_NONCE_TTL, DEFAULT_MAX_NONCES, type NonceStore, type MemoryNonceStoreOptions } from './nonce-store.js'
export { disclose, decodeDisclosedRecord, DisclosedRecord, type DiscloseOptions } from '../record/disclosed-record.js'
export { formatClaimPath, type ClaimPath } from '../record/claim-path.js'
export type { Disclosure, WithheldClaim, DisclosureSummary } from '../record/disclosure.js'
export { propose, accept, verifyAgreement, agreementOf, AGREEMENT_TYPE, type ProposeOptions, type AgreementClaims } from './agreement.js'
export { deriveRelationshipKey, relationshipSigner } from './pairwise.js'
export { signSuccession, openSuccession, rotateKey, followSuccession, trustWithSuccession, MAX_SUCCESSION_HOPS, type Succession, type SuccessionPath, type SuccessionSource, type RotateKeyOptions } from './succession.js'
export { linksOf, linkTo, transfer, verifyChain, LINK_RELS, MAX_LINKS, type LinkRel, type RecordLink, type TransferOptions, type ChainStep, type ChainResult } from './links.js'
export { exportWallet, importWallet, WALLET_VERSION, WALLET_TYPE, DEFAULT_MAX_WALLET_BYTES, type Wallet, type WalletItems, type WalletProof, type WalletStaple, type WalletLink, type WalletRegistry } from './wallet.js'
