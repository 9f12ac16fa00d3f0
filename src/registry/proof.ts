import { formatProofFile } from './log/proof-file.js'
import type { Receipt } from './client.js'

/**
 * The holder's offline registration proof: a C2SP `tlog-proof` file whose extra data is the
 * registration entry itself, so a verifier with a snapshot can check — without asking anyone —
 * that this record is registered at that index, and read its status there.
 *
 * @param receipt - the receipt `register` returned
 * @returns the proof file text; keep it beside the record
 * @example
 * ```ts
 * const receipt = await register({ signer: shop, record, registry })
 * const proof = registrationProof(receipt)
 * await verify(record, { snapshot: { bytes: snapshot, proof, origin: registry.origin }, registryKeys: [registry.did] })
 * ```
 */
export function registrationProof(receipt: Receipt): string {
  return formatProofFile({ index: receipt.index, inclusionPath: receipt.inclusionPath, checkpoint: receipt.checkpoint, extra: receipt.entry })
}
