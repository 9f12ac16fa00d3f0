/**
 * `counterfoil/revoke`: change a registered record's status — and register it in the first place.
 *
 * @example
 * ```ts
 * import { register, revoke, withdraw } from 'counterfoil/revoke'
 * await register({ signer: shop, record, registry })
 * await revoke({ signer: shop, record, registry, reason: 'fraud' })
 * ```
 * @module
 */
export { register, revoke, suspend, reinstate, withdraw, revokeKey, lookupStatus, type RegisterOptions, type StatusChangeOptions } from './registry/statements.js'
export { REASONS, type Reason } from './registry/entries.js'
export type { Receipt, RegistryClient } from './registry/client.js'
