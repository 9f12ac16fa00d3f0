/**
 * `counterfoil/holder`: the customer's side — key continuity, record links and transfers, and the
 * portable wallet file. Browser-safe.
 *
 * @example
 * ```ts
 * import { transfer, verifyChain, exportWallet, importWallet, rotateKey } from 'counterfoil/holder'
 * const handover = await transfer({ signer: firstOwner, record: warranty, to: secondOwnerDid })
 * const { currentHolder } = await verifyChain([warranty, handover], { trustedIssuers: [makerDid] })
 * ```
 * @module
 */
export { signSuccession, openSuccession, rotateKey, followSuccession, trustWithSuccession, MAX_SUCCESSION_HOPS, type Succession, type SuccessionPath, type SuccessionSource, type RotateKeyOptions } from './succession.js'
export { linksOf, linkTo, transfer, verifyChain, LINK_RELS, MAX_LINKS, type LinkRel, type RecordLink, type TransferOptions, type ChainStep, type ChainResult } from './links.js'
export { exportWallet, importWallet, WALLET_VERSION, WALLET_TYPE, DEFAULT_MAX_WALLET_BYTES, type Wallet, type WalletItems, type WalletProof, type WalletStaple, type WalletLink, type WalletRegistry } from './wallet.js'
